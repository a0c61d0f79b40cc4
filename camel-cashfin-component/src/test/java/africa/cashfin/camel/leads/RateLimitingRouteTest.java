package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/** The shared per-secret limiter against the simulator's rate limits, and 429 handling. */
class RateLimitingRouteTest extends SimulatorRouteSupport {

    /** 8 calls a second: short tests; margin 20% so that a loaded machine delaying a request cannot bunch calls. */
    private static final String LIMITED = "plan=unlimited&maxRequestsPerSecond=8&rateLimitMargin=0.2&maxRetries=0";

    @Test
    void sixteenConcurrentCallersOnTwoEndpointsStayUnderThePlan() throws Exception {
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

    @Test
    void a429IsWaitedOutAndRetriedForCreate() {
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

    @Test
    void aSpentBudgetFailsWithinMaxRetryWaitWithoutSending() {
        String uri = "cashfin-leads:create?plan=unlimited&maxRequestsPerMinute=1&maxRetryWait=200";
        assertThat(send(uri, new Lead().setName("First")).getException()).isNull();

        Exchange second = send(uri, new Lead().setName("Second"));

        assertThat(second.getException()).isInstanceOf(RateLimitWaitExceededException.class);
        RateLimitWaitExceededException e = (RateLimitWaitExceededException) second.getException();
        assertThat(e.retryAfter()).isGreaterThan(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("no request was sent").contains("retry after")
                .doesNotContain(cashfin.secret());
        assertThat(cashfin.simulator().createCalls()).isEqualTo(1);
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
    void thePlanDefaultsToFree() {
        CashfinLeadsEndpoint endpoint = context.getEndpoint("cashfin-leads:create", CashfinLeadsEndpoint.class);
        assertThat(endpoint.getConfiguration().rateLimits())
                .isEqualTo(africa.cashfin.camel.leads.api.limit.RateLimits.of(
                        africa.cashfin.camel.leads.api.limit.RatePlan.FREE));
    }
}
