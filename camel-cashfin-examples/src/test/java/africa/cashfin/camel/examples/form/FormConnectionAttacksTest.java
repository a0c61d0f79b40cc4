package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The security review's finding 3 (issue 19): idle connections were never closed; 19,950 idle sockets filled the
 * process's file limit and the form stopped answering. Raw sockets against the real app's HTTP server: an idle
 * connection, a slowloris one and one address's surplus connections are closed by the server.
 */
class FormConnectionAttacksTest {

    private static final int PER_ADDRESS = 5;

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.form.http.idle-timeout", "PT6S")
            .with("cashfin.form.http.header-timeout", "PT2S")
            .with("cashfin.form.http.max-connections-per-address", String.valueOf(PER_ADDRESS));

    /** How long a test waits for the server to close a socket; the server's limits above are a fraction of it. */
    private static final int PATIENCE_MS = 20_000;

    @Test
    void anIdleKeepAliveConnectionIsClosedByTheServer() throws Exception {
        try (Socket s = connect()) {
            assertThat(get(s)).startsWith("HTTP/1.1 200");
            assertThat(closedByServer(s)).as("closed after the idle timeout").isTrue();
        }
    }

    @Test
    void aConnectionThatNeverSendsAWholeRequestIsClosedEvenWhileItTrickles() throws Exception {
        ExecutorService trickle = Executors.newSingleThreadExecutor();
        try (Socket silent = connect(); Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write(("GET " + APP.setting("cashfin.form.path") + " HTTP/1.1\r\nHost: localhost\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle.submit(() -> {
                // a header line every 500 ms, fewer seconds apart than the idle timeout: only the header timeout helps
                for (int i = 0; i < 60; i++) {
                    try {
                        out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(500);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            assertThat(closedByServer(slow)).as("slowloris closed").isTrue();
            assertThat(closedByServer(silent)).as("silent connection closed").isTrue();
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsConnectionsOpen() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                Socket s = connect();
                held.add(s);
                assertThat(get(s)).startsWith("HTTP/1.1 200");
            }
            try (Socket surplus = connect()) {
                surplus.getOutputStream().write(request());
                assertThat(readAll(surplus)).as("no answer on the surplus connection").isEmpty();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // the cap is on connections held open: once the server has seen them closed, the address is served again
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (Socket again = connect()) {
                return get(again).startsWith("HTTP/1.1 200");
            }
        });
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", Integer.parseInt(APP.setting("camel.server.port")));
        s.setSoTimeout(PATIENCE_MS);
        return s;
    }

    private static byte[] request() {
        return ("GET " + APP.setting("cashfin.form.path") + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends a GET and reads its answer (headers and Content-Length bytes), leaving the connection open. */
    private static String get(Socket s) throws IOException {
        s.getOutputStream().write(request());
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return headers;
    }

    /** True when the server closes the connection (end of stream or reset) before the test's patience runs out. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // an answer to a request is read past
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the server sends until it closes (or the patience runs out). */
    private static String readAll(Socket s) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            InputStream in = s.getInputStream();
            int b;
            while ((b = in.read()) >= 0) {
                got.write(b);
            }
        } catch (IOException e) {
            // closed or timed out: what came so far is the answer
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
