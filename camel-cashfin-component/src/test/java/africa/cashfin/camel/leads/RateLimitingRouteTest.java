package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * The shared per-secret limiter against the simulator's rate limits, and 429 handling. The tests that meet the
 * simulator's limits run against both readings of Cashfin's windows: fixed windows, and the strictest one (a sliding
 * log counted at arrival, with a few milliseconds of network jitter).
 */
class RateLimitingRouteTest extends SimulatorRouteSupport {

    /** How the simulator counts: the lenient and the strict reading of the rate limit. */
    enum Windows {
        FIXED, SLIDING_WITH_JITTER;

        void applyTo(CashfinSimulatorExtension simulator) {
            if (this == SLIDING_WITH_JITTER) {
                simulator.rateLimitMode(RateLimitMode.SLIDING);
                simulator.latencyJitter(Duration.ofMillis(1), Duration.ofMillis(5), 42);
            }
        }
    }

    /** 8 calls a second: short tests; margin 20% so that a loaded machine delaying a request cannot bunch calls. */
    private static final String LIMITED = "plan=unlimited&maxRequestsPerSecond=8&rateLimitMargin=0.2&maxRetries=0";

    @ParameterizedTest
    @EnumSource(Windows.class)
    void sixteenConcurrentCallersOnTwoEndpointsStayUnderThePlan(Windows windows) throws Exception {
        windows.applyTo(cashfin);
        cashfin.plan(Plan.custom(8, 1_000, 100_000));
        int callers = 16;
        int callsEach = 3;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                for (int j = 0; j < callsEach; j++) {
                    int call = j;
                    // creates and lists on different endpoints share the secret's one budget
                    results.add(pool.submit(() -> call == 2
                            ? send("cashfin-leads:list?" + LIMITED, null)
                            : send("cashfin-leads:create?" + LIMITED,
                                    new Lead().setName("Caller " + caller + " lead " + call))));
                }
            }
            for (Future<Exchange> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).isZero();
        assertThat(cashfin.leadCount()).isEqualTo(callers * 2);
        assertThat(cashfin.totalRequests()).isEqualTo(callers * callsEach);
    }

    @ParameterizedTest
    @EnumSource(Windows.class)
    void a429IsWaitedOutAndRetriedForCreate(Windows windows) {
        windows.applyTo(cashfin);
        cashfin.failNext(1, 429, Endpoint.CREATE);
        long start = System.nanoTime();

        Exchange out = send("cashfin-leads:create?plan=unlimited", new Lead().setName("Jane"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        assertThat(cashfin.leadCount()).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(1);
        // the simulator's 429 says Retry-After: 1
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @ParameterizedTest
    @EnumSource(Windows.class)
    void a429PausesEveryCallerOfTheSecretTogetherAndTheyComeBackPaced(Windows windows) {
        windows.applyTo(cashfin);
        cashfin.failNext(1, 429, Endpoint.CREATE);
        Instant before = Instant.now();

        // 5/s: without a shared pause the other four leads would go 204 ms apart right away
        Exchange out = send("cashfin-leads:create?plan=unlimited&maxRequestsPerSecond=5&concurrency=4",
                List.of(new Lead().setName("A"), new Lead().setName("B"), new Lead().setName("C"),
                        new Lead().setName("D"), new Lead().setName("E")));

        assertThat(out.getException()).isNull();
        assertThat(cashfin.leadCount()).isEqualTo(5);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(1);
        List<Instant> stored = cashfin.leads().stream().map(l -> Instant.parse(String.valueOf(l.get("createdat"))))
                .sorted().toList();
        // the simulator's 429 says Retry-After: 1; lower bounds only (a slow machine can only make them later)
        assertThat(stored.get(0)).as("no lead went before the shared pause ended")
                .isAfterOrEqualTo(before.plusMillis(950));
        for (int i = 1; i < stored.size(); i++) {
            assertThat(Duration.between(stored.get(i - 1), stored.get(i))).as("gap before lead %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(120)); // 75 % of 4.9/s after a 429: 272 ms
        }
    }

    @Test
    void concurrent429sMakeOnePauseWithOneLogLineEachWayAndNoStackTrace() {
        cashfin.latency(Duration.ofMillis(300)); // the four requests are all on the wire before any answer
        cashfin.failNext(3, 429, Endpoint.CREATE);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:create?plan=unlimited&concurrency=4", List.of(new Lead().setName("A"),
                    new Lead().setName("B"), new Lead().setName("C"), new Lead().setName("D")));

            assertThat(out.getException()).isNull();
            assertThat(cashfin.leadCount()).isEqualTo(4);
            assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(3);
            long pausing = logs.lines().stream().filter(l -> l.contains("pausing all its calls for 1.00 s")).count();
            long resumed = logs.lines().stream().filter(l -> l.contains("resumed after the 429 pause")).count();
            // LogCapture sees an event once per logger config it passes: compare with the single "resumed" event
            assertThat(pausing).as("one pause for three 429s").isPositive().isEqualTo(resumed);
            assertThat(logs.lines()).noneSatisfy(l -> assertThat(l).contains("\tat "));
            assertThat(logs.all()).doesNotContain(cashfin.secret());
        }
    }

    @Test
    void a429IsWaitedOutAndRetriedForList() {
        cashfin.failNext(1, 429, Endpoint.LIST);

        Exchange out = send("cashfin-leads:list?plan=unlimited", null);

        assertThat(out.getException()).isNull();
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.RATE_LIMITED)).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.OK)).isEqualTo(1);
    }

    @Test
    void a503WithRetryAfterIsRetriedForCreate() {
        cashfin.failNext(1, 503, Endpoint.CREATE);

        Exchange out = send("cashfin-leads:create?plan=unlimited", new Lead().setName("Jane"));

        assertThat(out.getException()).isNull();
        assertThat(cashfin.leadCount()).isEqualTo(1);
    }

    @Test
    void repeated429sFailWithTheTypedExceptionSayingWhenToRetry() {
        cashfin.failNext(3, 429, Endpoint.CREATE);

        Exchange out = send("cashfin-leads:create?plan=unlimited&maxRetries=1", new Lead().setName("Jane"));

        assertThat(out.getException()).isInstanceOf(CashfinApiException.class);
        CashfinApiException e = (CashfinApiException) out.getException();
        assertThat(e.isRateLimited()).isTrue();
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(1));
        assertThat(e.getMessage()).contains("retry after 1 s").doesNotContain(cashfin.secret());
        assertThat(cashfin.leadCount()).isZero();
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Windows.class)
    void aSpentBudgetFailsWithinMaxRetryWaitWithoutSending(Windows windows) {
        windows.applyTo(cashfin);
        String uri = "cashfin-leads:create?plan=unlimited&maxRequestsPerMinute=1&maxRetryWait=200";
        assertThat(send(uri, new Lead().setName("First")).getException()).isNull();

        Exchange second = send(uri, new Lead().setName("Second"));

        assertThat(second.getException()).isInstanceOf(RateLimitWaitExceededException.class);
        RateLimitWaitExceededException e = (RateLimitWaitExceededException) second.getException();
        assertThat(e.retryAfter()).isGreaterThan(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("no request was sent").contains("retry after")
                .doesNotContain(cashfin.secret());
        assertThat(cashfin.createCalls()).isEqualTo(1);
    }

    @Test
    void endpointsOfOneSecretMustAgreeOnTheLimits() throws Exception {
        assertThat(send("cashfin-leads:list?plan=starter", null).getException()).isNull();

        Throwable e = catchThrowable(() -> send("cashfin-leads:list?plan=professional", null));

        assertThat(e).hasStackTraceContaining("is already used with rate limits")
                .hasStackTraceContaining("give them all the same plan");
        assertThat(String.valueOf(e)).doesNotContain(cashfin.secret());
    }

    @Test
    void unknownPlanFailsAtEndpointCreation() {
        assertThat(catchThrowable(() -> context.getEndpoint("cashfin-leads:create?plan=gold")))
                .hasStackTraceContaining("Unknown Cashfin plan 'gold'").hasStackTraceContaining("plan=unlimited");
    }

    @Test
    void theJitterAllowanceIsAnEndpointOptionCheckedAtCreation() {
        CashfinLeadsEndpoint endpoint = context.getEndpoint("cashfin-leads:create?rateLimitJitter=60ms",
                CashfinLeadsEndpoint.class);
        assertThat(endpoint.getConfiguration().rateLimits().jitter()).isEqualTo(Duration.ofMillis(60));
        assertThat(catchThrowable(() -> context.getEndpoint("cashfin-leads:create?rateLimitJitter=2s")))
                .hasStackTraceContaining("rateLimitJitter must be a duration from 0 to 1 s");
    }

    @Test
    void thePlanDefaultsToFree() {
        CashfinLeadsEndpoint endpoint = context.getEndpoint("cashfin-leads:create", CashfinLeadsEndpoint.class);
        assertThat(endpoint.getConfiguration().rateLimits())
                .isEqualTo(africa.cashfin.camel.leads.api.limit.RateLimits.of(
                        africa.cashfin.camel.leads.api.limit.RatePlan.FREE));
    }
}
