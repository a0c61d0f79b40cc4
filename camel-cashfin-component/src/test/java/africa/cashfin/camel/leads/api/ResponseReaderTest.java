package africa.cashfin.camel.leads.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.LeadPage;

class ResponseReaderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private final ResponseReader reader = new ResponseReader("cs_secret", NOW::toEpochMilli);

    private static RawResponse response(int status, Map<String, String> headers, String body) {
        return new RawResponse(status, null, "application/json", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterAsHttpDate() {
        CashfinApiException e = catchThrowableOfType(CashfinApiException.class,
                () -> reader.readPage("GET", "/business/lead/list", response(429,
                        Map.of("retry-after", "Sat, 01 Mar 2025 10:00:45 GMT"), "{\"success\": false}")));
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(45));
        assertThat(e.getMessage()).contains("retry after 45 s");
    }

    @Test
    void paginationWinsOverMetaAndMissingDataIsAnEmptyPage() {
        LeadPage page = reader.readPage("GET", "/business/lead/list", response(200, Map.of(),
                "{\"success\": true, \"pagination\": {\"total\": 0, \"page\": 3, \"limit\": 10, \"pages\": 0},"
                + " \"meta\": {\"total\": 99, \"page\": 9, \"limit\": 9, \"pages\": 9}}"));
        assertThat(page.isEmpty()).isTrue();
        assertThat(page.pageInfo().page()).isEqualTo(3);
        assertThat(page.pageInfo().total()).isZero();
    }

    @Test
    void unreadableOrUntrackableRecordsAreKeptAsMalformedWithTheirJsonAndPosition() {
        LeadPage page = reader.readPage("GET", "/business/lead/list", response(200, Map.of(),
                "{\"success\": true, \"data\": [{\"_id\": \"a\"}, {\"_id\": \"b\", \"createdat\": \"yesterday\"},"
                + " {\"_id\": \"c\", \"createdat\": \"2024-01-15T12:00:00.000Z\"}]}"));
        assertThat(page.leads()).extracting(l -> l.getId()).containsExactly("c");
        assertThat(page.size()).isEqualTo(3);
        assertThat(page.recordIndex(0)).isEqualTo(2);
        assertThat(page.malformed()).extracting(m -> m.index()).containsExactly(0, 1);
        assertThat(page.malformed().get(0).problem()).contains("data[0]").contains("createdat");
        assertThat(page.malformed().get(1).problem()).contains("data[1]");
        assertThat(page.malformed().get(1).json()).contains("yesterday");
        assertThat(page.readableLeads()).extracting(l -> l.getId()).containsExactly("a", "c");
    }

    @Test
    void pagesAreDerivedFromTotalAndLimitWhenMissing() {
        LeadPage page = reader.readPage("GET", "/business/lead/list", response(200, Map.of(),
                "{\"success\": true, \"data\": [], \"pagination\": {\"total\": 480, \"page\": 1, \"limit\": 100}}"), 100);
        assertThat(page.pageInfo().pages()).isEqualTo(5);
        LeadPage noTotal = reader.readPage("GET", "/business/lead/list", response(200, Map.of(),
                "{\"success\": true, \"data\": [], \"meta\": {\"page\": 2}}"), 100);
        assertThat(noTotal.pageInfo().pages()).isEqualTo(-1);
        assertThat(noTotal.pageInfo().total()).isEqualTo(-1);
        assertThat(noTotal.pageInfo().limit()).isEqualTo(100);
    }

    @Test
    void echoedSecretIsRedacted() {
        CashfinApiException e = catchThrowableOfType(CashfinApiException.class,
                () -> reader.readCreated("POST", "/business/lead/create", response(403, Map.of(),
                        "{\"success\": false, \"error\": \"key cs_secret is not allowed\"}")));
        assertThat(e.getMessage()).doesNotContain("cs_secret").contains("key xxxxxx is not allowed");
    }
}
