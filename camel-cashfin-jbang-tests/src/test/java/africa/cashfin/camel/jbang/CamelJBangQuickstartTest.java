package africa.cashfin.camel.jbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/quickstart.md, "Camel JBang", as a user runs it: the page's shell commands, as written, in a copy of the
 * quick-start project's {@code src/main/resources}, with {@code camel} being Camel JBang (camel-jbang-core's
 * {@code CamelJBangMain}, what the launcher calls) in a process of its own, against the standalone simulator (its
 * jar, in a process of its own too), with the two variables the page tells the user to set.
 *
 * <p>Offline and without touching the shared local repository: Camel JBang resolves {@code --dep} into a local
 * repository of its own under target/, from two file repositories: this build's component (its jar and poms, newer
 * than any copy an earlier {@code mvn install} left in ~/.m2) and the build's local repository for everything else;
 * Maven Central is switched off ({@code --maven-central-enabled=false}). Those options and {@code user.home} are
 * the only things the test adds to the command.
 */
class CamelJBangQuickstartTest {

    private static final Path ROOT = Path.of("..");
    private static final String VERSION = System.getProperty("cashfin.version", "0.1.0-SNAPSHOT");
    private static final Pattern BASE_URL = Pattern.compile("Base URL:\\s+(http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern SECRET = Pattern.compile("Authorization:\\s+(\\S+)");
    private static final Pattern CREATED = Pattern.compile("Created lead (\\w+)");

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Output> outputs = new java.util.LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (Map.Entry<String, Output> output : outputs.entrySet()) { // for a failure's reader
            Files.writeString(Path.of("target", output.getKey() + ".log"), output.getValue().text());
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theDocumentedCamelRunCreatesTheLeadAndListsTheLeadsWithoutShowingTheSecret() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path work = freshDirectory(target.resolve("jbang-quickstart"));

        // java -jar camel-cashfin-simulator/target/...-standalone.jar --port ... --plan free
        Output simulatorOutput = start("jbang-quickstart-simulator", new ProcessBuilder(java(), "-jar",
                ROOT.resolve("camel-cashfin-simulator/target/camel-cashfin-simulator-" + VERSION + "-standalone.jar")
                        .toAbsolutePath().toString(), "--port", "0", "--plan", "free"));
        String baseUrl = simulatorOutput.await(BASE_URL);
        String secret = simulatorOutput.await(SECRET);

        // the page's commands run from quickstart/camel-main/src/main/resources
        Path project = work.resolve("resources");
        copyTree(ROOT.resolve("quickstart/camel-main/src/main/resources"), project);
        Path repository = componentRepository(work.resolve("build-repository"));
        Path localRepository = Path.of(System.getProperty("cashfin.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path ownLocalRepository = work.resolve("jbang-local-repository");
        String camel = "camel() {\n  '" + java() + "' -Duser.home='" + work.resolve("home") + "'"
                       + " -Dmaven.repo.local='" + ownLocalRepository + "'"
                       + " -cp '" + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                       + "' " + CamelLauncher.class.getName() + " \"$@\""
                       + " --repos=" + repository.toUri() + "," + localRepository.toUri()
                       + " --maven-central-enabled=false\n}\n";
        String commands = jbangCommands();
        assertThat(commands).contains("camel run routes/leads.camel.yaml cashfin.properties",
                "--dep=africa.cashfin.camel:camel-cashfin-component:" + VERSION);

        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "set -e\n" + camel + commands).directory(project.toFile());
        Map<String, String> env = shell.environment();
        env.put("CASHFIN_BASE_URL", baseUrl);
        env.put("CASHFIN_CLIENT_SECRET", secret);
        env.remove("CASHFIN_PLAN");
        Output jbang = start("jbang-quickstart-camel-run", shell);

        // what the page says it prints
        String leadId = jbang.await(CREATED);
        await().atMost(Duration.ofSeconds(90)).until(() -> jbang.text().contains("Leads in Cashfin: "));
        String leads = get(baseUrl + "/__cashfin/leads");
        assertThat(leads).contains("\"count\":1", "\"_id\":\"" + leadId + "\"", "\"name\":\"Jane Smith\"",
                "\"source\":\"quickstart\"");
        assertThat(jbang.text()).contains("Routes startup (total:2)").doesNotContain(secret);
        // and the component it ran is this build's, resolved through --dep (not an older copy from ~/.m2)
        Path resolved = ownLocalRepository.resolve("africa/cashfin/camel/camel-cashfin-component/" + VERSION
                                                   + "/camel-cashfin-component-" + VERSION + ".jar");
        assertThat(resolved).hasSameBinaryContentAs(componentJar());
    }

    /** The {@code bash} block of the page's "Camel JBang" section. */
    private static String jbangCommands() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/quickstart.md"));
        String section = page.substring(page.indexOf("## Camel JBang"));
        Matcher block = Pattern.compile("(?s)```bash\\n(.*?)```").matcher(section);
        assertThat(block.find()).as("docs/quickstart.md's Camel JBang section has its commands").isTrue();
        return block.group(1);
    }

    private static Path componentJar() {
        Path jar = ROOT.resolve("camel-cashfin-component/target/camel-cashfin-component-" + VERSION + ".jar");
        assertThat(jar).as("the component's jar (built by the package phase: run mvn verify)").exists();
        return jar;
    }

    /**
     * A file repository holding this build's component and its parent pom, with metadata newer than any copy of the
     * same snapshot elsewhere (so resolution takes this one).
     */
    private static Path componentRepository(Path repository) throws IOException {
        publish(repository, "camel-cashfin-component", componentJar(), ROOT.resolve("camel-cashfin-component/pom.xml"));
        publish(repository, "camel-cashfin-parent", null, ROOT.resolve("pom.xml"));
        return repository;
    }

    private static void publish(Path repository, String artifactId, Path jar, Path pom) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("africa/cashfin/camel/" + artifactId + "/" + VERSION));
        String base = artifactId + "-" + VERSION;
        Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        StringBuilder versions = new StringBuilder();
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            versions.append(snapshotVersion("jar", now));
        }
        versions.append(snapshotVersion("pom", now));
        Files.writeString(dir.resolve("maven-metadata.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata modelVersion="1.1.0">
                  <groupId>africa.cashfin.camel</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <versioning>
                    <snapshot><localCopy>true</localCopy></snapshot>
                    <lastUpdated>%s</lastUpdated>
                    <snapshotVersions>%s</snapshotVersions>
                  </versioning>
                </metadata>
                """.formatted(artifactId, VERSION, now, versions));
    }

    private static String snapshotVersion(String extension, String updated) {
        return "<snapshotVersion><extension>" + extension + "</extension><value>" + VERSION + "</value><updated>"
               + updated + "</updated></snapshotVersion>";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Path freshDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path copy = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }

    private Output start(String name, ProcessBuilder builder) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        processes.add(process);
        Output output = new Output(process);
        outputs.put(name, output);
        return output;
    }

    /** A process's output, kept whole, read as it comes. */
    private static final class Output {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        Output(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add(e.toString());
                }
                ended.complete(null);
            }, "process-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            return String.join("\n", lines);
        }

        /** The first group of the first line matching, waiting for it (fails with the output if it ends first). */
        String await(Pattern pattern) {
            String[] found = new String[1];
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                boolean over = ended.isDone(); // read before the lines: every line is in once it is done
                for (String line : lines) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        found[0] = m.group(1);
                        return true;
                    }
                }
                assertThat(over).as("the process ended before printing %s:%n%s", pattern, text()).isFalse();
                return false;
            });
            return found[0];
        }
    }
}
