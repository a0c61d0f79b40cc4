package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.leads.testing.SteppedClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * The shared per-secret limiter against the simulator's rate limits, and 429 handling. The tests that meet the
 * simulator's limits run against both readings of Cashfin's windows: fixed windows, and the strictest one (a sliding
 * log counted at arrival, with a few milliseconds of network jitter). The tests of concurrent callers' pacing run the
 * limiter and the simulator on one clock the test moves ({@link ClockedCamel}): what they assert is the pacing the
 * limiter promises, not how late a loaded machine delivers the calls.
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

    /**
     * 8 calls a second: short tests. The default margin (2 %): on the limiter's own clock ({@link ClockedCamel}) a
     * loaded machine cannot bunch the calls, so no wider margin hides a pacing that comes too close to the limit.
     */
    private static final String LIMITED = "plan=unlimited&maxRequestsPerSecond=8&maxRetries=0";

    @ParameterizedTest
    @EnumSource(Windows.class)
    void sixteenConcurrentCallersOnTwoEndpointsStayUnderThePlan(Windows windows) throws Exception {
        windows.applyTo(onTheClock);
        onTheClock.plan(Plan.custom(8, 1_000, 100_000));
        int callers = 16;
        int calls = callers * 3;
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (ClockedCamel camel = new ClockedCamel()) {
            List<Future<Exchange>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                for (int j = 0; j < 3; j++) {
                    int call = j;
                    // creates and lists on different endpoints share the secret's one budget
                    results.add(pool.submit(() -> {
                        try {
                            return call == 2 ? camel.send("cashfin-leads:list?" + LIMITED, null)
                                    : camel.send("cashfin-leads:create?" + LIMITED,
                                            new Lead().setName("Caller " + caller + " lead " + call));
                        } finally {
                            done.incrementAndGet();
                        }
                    }));
                }
            }
            camel.time.advanceUntil(() -> done.get() == calls, () -> Math.min(callers, calls - done.get()),
                    Duration.ofSeconds(120));
            for (Future<Exchange> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(onTheClock.requestCount(Outcome.RATE_LIMITED)).isZero();
        assertThat(onTheClock.leadCount()).isEqualTo(callers * 2);
        assertThat(onTheClock.totalRequests()).isEqualTo(calls);
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
    void a429PausesEveryCallerOfTheSecretTogetherAndTheyComeBackPaced(Windows windows) throws Exception {
        windows.applyTo(onTheClock);
        onTheClock.failNext(1, 429, Endpoint.CREATE);
        Instant before = CLOCK.instant();

        // 5/s: without a shared pause the other four leads would go 205 ms apart right away
        Exchange out;
        try (ClockedCamel camel = new ClockedCamel()) {
            Future<Exchange> sent = camel.template.asyncSend(
                    "cashfin-leads:create?plan=unlimited&maxRequestsPerSecond=5&concurrency=4",
                    e -> e.getMessage().setBody(List.of(new Lead().setName("A"), new Lead().setName("B"),
                            new Lead().setName("C"), new Lead().setName("D"), new Lead().setName("E"))));
            // four leads at a time: each lead not yet stored has a caller until the last four
            camel.time.advanceUntil(sent::isDone, () -> Math.min(4, 5 - onTheClock.leadCount()),
                    Duration.ofSeconds(120));
            out = sent.get();
        }

        assertThat(out.getException()).isNull();
        assertThat(onTheClock.leadCount()).isEqualTo(5);
        assertThat(onTheClock.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(1);
        List<Instant> stored = onTheClock.leads().stream()
                .map(l -> Instant.parse(String.valueOf(l.get("createdat")))).sorted().toList();
        // the simulator's 429 says Retry-After: 1; its clock is the limiter's, which stands still while a call is on
        // its way: each lead is stamped (to the millisecond) when the limiter let it go
        assertThat(stored.get(0)).as("no lead went before the shared pause ended")
                .isAfterOrEqualTo(before.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        for (int i = 1; i < stored.size(); i++) {
            assertThat(Duration.between(stored.get(i - 1), stored.get(i))).as("gap before lead %d", i)
                    .isGreaterThan(Duration.ofMillis(205)); // 4.88/s: 205 ms; at 75 % after a 429: 273 ms
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
    /** The clock of {@link #onTheClock} and of the limiter of a {@link ClockedCamel}. */
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    /** A simulator on {@link #CLOCK}, for the tests whose calls it counts on the limiter's time. */
    @RegisterExtension
    static CashfinSimulatorExtension onTheClock = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .clock(CLOCK));

    /**
     * A started context on {@link #onTheClock} whose limiter runs on {@link #CLOCK}, moved by the test with
     * {@link SteppedClockTime#advanceUntil}: the simulator counts each call at the time the limiter let it go, not
     * when a loaded machine got it there (the guarantees of docs/rate-limiting.md assume the calls reach the server
     * within {@code rateLimitJitter} of each other; a machine at load 30 does not keep that).
     */
    private static final class ClockedCamel implements AutoCloseable {
        final SteppedClockTime time = new SteppedClockTime(CLOCK);
        final CamelContext context = SimulatorCamel.contextOn(onTheClock);
        final ProducerTemplate template;

        ClockedCamel() {
            SimulatorCamel.component(context).setTimeSource(time);
            context.start();
            template = context.createProducerTemplate();
        }

        Exchange send(String uri, Object body) {
            return template.send(uri, e -> e.getMessage().setBody(body));
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
