package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.api.CashfinApiException;

/** The two small policies behind the consumer's failure handling, at their edges. */
class PollFailureLogAndBackoffTest {

    @Test
    void theBackoffGrowsByTheMultiplierUpToTheMaximumAndAWaitingLeadIsNotDue() {
        FailedLeadBackoff backoff = new FailedLeadBackoff(new FailedLeadBackoff.Policy(Duration.ofSeconds(30), 2,
                Duration.ofMinutes(5)));
        assertThat(List.of(1, 2, 3, 4, 5, 10).stream().map(n -> backoff.policy().delayAfter(n)).toList())
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                        Duration.ofSeconds(240), Duration.ofMinutes(5), Duration.ofMinutes(5));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(backoff.isDue("a", t0)).isTrue();
        backoff.failed("a", "boom", t0);
        assertThat(backoff.isDue("a", t0.plusSeconds(29))).isFalse();
        assertThat(backoff.isDue("a", t0.plusSeconds(30))).isTrue();
        assertThat(backoff.failed("a", "boom", t0.plusSeconds(30)).nextAttempt()).isEqualTo(t0.plusSeconds(90));
        assertThat(backoff.succeeded("a").failures()).isEqualTo(2);
        assertThat(backoff.isDue("a", t0.plusSeconds(31))).isTrue();
        backoff.failed("b", "boom", t0);
        backoff.forgetStale(t0.plusSeconds(31 + 60), Duration.ofSeconds(60));
        assertThat(backoff.size()).as("a lead not offered again long after its wait is forgotten").isZero();
    }

    @Test
    void onlyFailedPollsChangeTheStateOtherReportsGoToTheDefaultHandler() {
        List<Throwable> others = new CopyOnWriteArrayList<>();
        ExceptionHandler recorder = new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                others.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                others.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                others.add(exception);
            }
        };
        String logger = "test.poll-failures";
        try (LogCapture log = new LogCapture()) {
            PollFailureLog pollLog = new PollFailureLog(LoggerFactory.getLogger(logger), "cashfin-leads://list", recorder);
            CashfinApiException unauthorized = new CashfinApiException("GET", "/business/lead/list", 401, "Unauthorized",
                    null, "Invalid client secret", null, null, null, null);
            IllegalArgumentException malformed = new IllegalArgumentException("a malformed record");
            pollLog.handleException(malformed);
            assertThat(pollLog.isFailing()).isFalse();
            for (int i = 0; i < 12; i++) {
                pollLog.handleException("Failed polling endpoint", unauthorized);
            }
            assertThat(pollLog.isFailing()).isTrue();
            pollLog.handleException("Failed polling endpoint", new IllegalStateException("a bug"));
            pollLog.succeeded();
            assertThat(pollLog.isFailing()).isFalse();
            assertThat(others).containsExactly(malformed);

            List<String> lines = log.levelledLines().stream().distinct()
                    .filter(l -> l.contains(" " + logger + " ") && !l.startsWith("DEBUG")).toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("WARN").contains("Polling cashfin-leads://list fails:", "401")
                    .doesNotContain("\tat ");
            assertThat(lines.get(1)).startsWith("WARN").contains("still fails after 10 polls in a row");
            assertThat(lines.get(2)).startsWith("WARN").contains("now fails differently", "IllegalStateException: a bug",
                    "\tat ");
            assertThat(lines.get(3)).startsWith("INFO").contains("works again after 13 failed polls in a row");
        }
    }
}
