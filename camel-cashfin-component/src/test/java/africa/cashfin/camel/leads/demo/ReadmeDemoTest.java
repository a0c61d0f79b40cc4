package africa.cashfin.camel.leads.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The README's first route example (create and list) works as written. */
class ReadmeDemoTest {

    @Test
    void demoCreatesListsAndRejects() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ReadmeDemo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("create -> Lead[_id=65a5f0c2e4b0a1b2c3d4e5f6, name=Jane Smith")
                .contains("list   -> 1 lead(s) of 1")
                .contains("invalid-> Invalid lead, nothing was sent to Cashfin (3 problems)");
    }
}
