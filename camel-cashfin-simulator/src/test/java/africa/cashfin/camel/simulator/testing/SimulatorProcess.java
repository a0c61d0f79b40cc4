package africa.cashfin.camel.simulator.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator as a user starts it, in a process of its own ({@code java -jar ...-standalone.jar ARGS} or its main
 * class on a class path): the output is collected, and {@link #baseUrl(Duration)} waits for the base URL the banner
 * prints. Shared with other modules' tests through the simulator's test-jar.
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final Pattern BASE_URL = Pattern.compile("Base URL:\\s+(http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> baseUrl = new CompletableFuture<>();

    private SimulatorProcess(List<String> javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "simulator-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param javaArgs the arguments of {@code java}, e.g. {@code -jar <jar> --port 0}
     * @return the started process
     * @throws IOException when it cannot be started
     */
    public static SimulatorProcess start(String... javaArgs) throws IOException {
        return new SimulatorProcess(List.of(javaArgs));
    }

    /**
     * @param timeout how long to wait for the banner
     * @return the base URL the simulator printed
     * @throws Exception when it did not print one in time (the exception names its output), or exited first
     */
    public String baseUrl(Duration timeout) throws Exception {
        return baseUrl.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return what the process printed so far, one line per line */
    public String output() {
        return String.join("\n", output);
    }

    /** Stops the process, forcibly when it has not ended after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
                Matcher m = BASE_URL.matcher(line);
                if (m.find()) {
                    baseUrl.complete(m.group(1));
                }
            }
        } catch (Exception e) {
            baseUrl.completeExceptionally(e);
        }
        baseUrl.completeExceptionally(new IllegalStateException("The simulator exited: " + output));
    }
}
