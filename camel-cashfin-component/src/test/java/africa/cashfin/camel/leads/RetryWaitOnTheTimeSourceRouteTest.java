package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.ManualClock;

/**
 * The waits of a call's retries are on the component's {@code timeSource}, the clock of its limiter: a virtual clock
 * (as in the simulated-day tests and benchmark) bounds them by {@code maxRetryWait} like the real one, and the pause
 * before a retry moves it. The simulator runs on the same virtual clock; its injected 429 and 503 answers carry
 * {@code Retry-After: 1}. {@code maxRetries=10} so that only {@code maxRetryWait} (2.5 s) ends the retries.
 */
class RetryWaitOnTheTimeSourceRouteTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    private static final Duration MAX_RETRY_WAIT = Duration.ofMillis(2500);
    private static final String OPTIONS = "plan=unlimited&maxRetries=10&maxRetryWait=" + MAX_RETRY_WAIT.toMillis();

    private CamelContext context;

    @BeforeEach
    void startOnTheVirtualClock() {
        context = SimulatorCamel.contextOn(cashfin);
        SimulatorCamel.component(context).setTimeSource(new ManualClockTime(CLOCK));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    /**
     * Five 429s in a row, each asking for a second: the limiter's shared pauses are waits of the call, counted on the
     * virtual clock, so the create gives up after the 429 whose retry would pass 2.5 s (3 calls, 2 s waited). Counted on
     * the machine's clock, where these pauses take no time, it retried through all five and created the lead 5 virtual
     * seconds later.
     */
    @Test
    void rateLimitedRetriesOfACreateStopAtMaxRetryWaitOnTheVirtualClock() {
        cashfin.failNext(5, 429, Endpoint.CREATE);
        Instant start = CLOCK.instant();

        Exchange exchange = context.createProducerTemplate().send("cashfin-leads:create?" + OPTIONS,
                e -> e.getMessage().setBody(Map.of("name", "Patient Lead")));

        assertThat(exchange.getException()).as("the create gave up").isInstanceOf(CashfinApiException.class);
        assertThat(((CashfinApiException) exchange.getException()).getStatusCode()).isEqualTo(429);
        assertThat(Duration.between(start, CLOCK.instant())).as("waited on the virtual clock")
                .isLessThanOrEqualTo(MAX_RETRY_WAIT);
        assertThat(cashfin.requestCount(Endpoint.CREATE)).as("create calls").isEqualTo(3);
        assertThat(cashfin.leadCount()).isZero();
    }

    /**
     * Five 503s with {@code Retry-After: 1} on a list: the client pauses a second before each retry, on the virtual
     * clock (which moves by it), not on the machine's; after two pauses a third would pass 2.5 s and the list fails.
     */
    @Test
    void thePauseBeforeARetryIsSleptOnTheVirtualClock() {
        cashfin.failNext(5, 503, Endpoint.LIST);
        Instant start = CLOCK.instant();

        Exchange exchange = context.createProducerTemplate().send("cashfin-leads:list?" + OPTIONS, e -> { });

        assertThat(exchange.getException()).isInstanceOf(CashfinApiException.class);
        assertThat(((CashfinApiException) exchange.getException()).getStatusCode()).isEqualTo(503);
        assertThat(cashfin.requestCount(Endpoint.LIST)).as("list calls").isEqualTo(3);
        assertThat(Duration.between(start, CLOCK.instant())).as("the two pauses moved the virtual clock")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThanOrEqualTo(MAX_RETRY_WAIT);
    }
}
