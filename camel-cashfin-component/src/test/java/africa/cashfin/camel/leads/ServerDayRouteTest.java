package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/**
 * The day is the server's: a Cashfin whose daily quota resets at its own midnight (the simulator's {@code dayStart}),
 * 30 calls a day, of which 25 were already spent when the route starts (an earlier run of the application, mid-day).
 * The simulator and the component's limiter run on one virtual clock (the component's {@code timeSource}): a wait of
 * the limiter moves it, so the test does not depend on the wall-clock day, and each test runs at midday and in the
 * last seconds before UTC midnight (the limiter's day until the server's headers name another).
 */
class ServerDayRouteTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    private static final String THIRTY_A_DAY = "cashfin-leads:create?plan=unlimited&maxRequestsPerDay=30";

    private CamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = { "2026-12-07T12:00:00Z", "2026-12-07T23:59:55Z", "2026-12-07T23:59:59.500Z" })
    void createsAcrossTheServersDayBoundaryAllSucceed(String now) throws Exception {
        startAt(now);
        Instant boundary = serverDayEndsIn(Duration.ofSeconds(8));
        spendOnTheServer(25);

        int created = 0;
        for (int i = 0; i < 30; i++) {
            Exchange exchange = send(THIRTY_A_DAY + "&maxRetryWait=30s", Map.of("name", "Day Lead " + i));
            assertThat(exchange.getException()).as("create %d", i).isNull();
            created++;
        }

        assertThat(created).isEqualTo(30);
        assertThat(CLOCK.instant()).as("the last ones waited for the server's new day").isAfterOrEqualTo(boundary);
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).as("429s").isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "at {0}")
    @ValueSource(strings = { "2026-12-07T12:00:00Z", "2026-12-07T23:59:55Z", "2026-12-07T23:59:59.500Z" })
    void aRestartMidDayLearnsWhatIsLeftFromTheFirstAnswer(String now) throws Exception {
        startAt(now);
        serverDayEndsIn(Duration.ofHours(12));
        spendOnTheServer(25);

        int created = 0;
        Exchange refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Exchange exchange = send(THIRTY_A_DAY + "&maxRetryWait=2s", Map.of("name", "Mid-day Lead " + i));
            if (exchange.getException() == null) {
                created++;
            } else {
                refused = exchange;
            }
        }

        assertThat(created).as("5 left on the server, 1 of them the margin").isEqualTo(4);
        assertThat(refused.getException()).isInstanceOf(RateLimitWaitExceededException.class)
                .hasMessageContaining("daily budget").hasMessageContaining("no request was sent");
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).as("the day's end is not found by a 429").isZero();
    }

    /** Sets the virtual clock to {@code now} and starts a context whose limiter runs on it. */
    private void startAt(String now) {
        CLOCK.set(Instant.parse(now));
        context = SimulatorCamel.contextOn(cashfin);
        SimulatorCamel.component(context).setTimeSource(new ManualClockTime(CLOCK));
        context.start();
        template = context.createProducerTemplate();
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    /** Sets the simulator's day to start (and so end) {@code in} from now; returns that moment. */
    private Instant serverDayEndsIn(Duration in) {
        cashfin.plan(Plan.custom(0, 0, 30));
        Instant boundary = CLOCK.instant().plus(in).truncatedTo(ChronoUnit.SECONDS);
        cashfin.dayStart(LocalTime.ofInstant(boundary, ZoneOffset.UTC));
        return boundary;
    }

    /** Another client (an earlier run of the application) spends {@code calls} of the server's day. */
    private void spendOnTheServer(int calls) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(cashfin.baseUrl() + "/business/lead/list?page=1&limit=1"))
                    .header("Authorization", cashfin.secret()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
