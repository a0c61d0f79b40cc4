package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** docs/component.md documents every option and header of the generated component JSON, and every error type. */
class DocsCoverageTest {

    private static final Path DOC = Path.of("..", "docs", "component.md");

    @Test
    void everyOptionAndHeaderIsDocumented() throws Exception {
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/africa/cashfin/camel/leads/cashfin-leads.json")) {
            assertThat(in).as("generated component JSON").isNotNull();
            model = new ObjectMapper().readTree(in);
        }
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        for (String section : new String[] { "componentProperties", "properties", "headers" }) {
            for (Iterator<String> it = model.get(section).fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!doc.contains("`" + name + "`")) {
                    missing.add(section + "." + name);
                }
            }
        }
        assertThat(missing).as("options/headers missing from %s (write them as `name`)", DOC).isEmpty();
    }

    @Test
    void everyErrorTypeIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(doc).contains("CashfinApiException", "CashfinTransportException", "LeadValidationException",
                "NOT_SENT", "AMBIGUOUS", "401", "409", "422", "429", "Retry-After");
    }
}
