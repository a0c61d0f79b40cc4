package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import africa.cashfin.camel.leads.model.Lead;

/** The consumer's WARN for an unordered list, its DEBUG poll line without the secret, and option errors. */
class ConsumerLoggingAndOptionsTest {

    static final String SECRET = "cs_C0nsumerSecretValue98765";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    static final String UNORDERED_PAGE = """
            {"success":true,"data":[
              {"_id":"65a500000000000000000002","name":"B","createdat":"2024-01-15T12:02:00.000Z","updatedat":"2024-01-15T12:02:00.000Z"},
              {"_id":"65a500000000000000000003","name":"C","createdat":"2024-01-15T12:03:00.000Z","updatedat":"2024-01-15T12:03:00.000Z"},
              {"_id":"65a500000000000000000001","name":"A","createdat":"2024-01-15T12:01:00.000Z","updatedat":"2024-01-15T12:01:00.000Z"}],
             "pagination":{"total":3,"page":1,"limit":100,"pages":1}}
            """;

    CamelContext context(String uri, List<String> received) throws Exception {
        CamelContext context = new DefaultCamelContext();
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(SECRET);
        component.getConfiguration().setBaseUrl(wm.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("leads").process(e -> received.add(e.getMessage().getBody(Lead.class).getId()));
            }
        });
        return context;
    }

    @Test
    void anUnorderedListIsReadInFullWithOneWarnAndTheSecretIsNeverLogged() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(UNORDERED_PAGE)));
        List<String> received = new CopyOnWriteArrayList<>();
        try (LogCapture capture = new LogCapture();
             CamelContext context = context("cashfin-leads:list?startScheduler=false&clientSecret=RAW(" + SECRET + ")",
                     received)) {
            context.start();
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("leads").getConsumer();
            consumer.run();
            consumer.run();

            assertThat(received).as("emitted sorted by createdat, once")
                    .containsExactly("65a500000000000000000001", "65a500000000000000000002", "65a500000000000000000003");
            // LogCapture sees an event once per logger config it passes (additivity), so compare with the poll lines
            long warns = capture.lines().stream().filter(l -> l.contains("neither newest- nor oldest-first")).count();
            long pollLines = capture.lines().stream().filter(l -> l.contains("Poll of")).count();
            assertThat(warns).as("one WARN for two polls").isPositive().isEqualTo(pollLines / 2);
            assertThat(capture.lines()).anySatisfy(l -> assertThat(l).contains("Poll of", "calls=", "leads emitted=3",
                    "order=UNORDERED", "cursor="));
            assertThat(capture.all()).doesNotContain(SECRET);
        }
    }

    @Test
    void badConsumerOptionsFailAtRouteStartSayingWhatToDo() throws Exception {
        assertThatThrownBy(() -> context("cashfin-leads:list?startFrom=yesterday", new CopyOnWriteArrayList<>()).start())
                .hasStackTraceContaining("startFrom must be 'beginning', 'now' or an ISO-8601 instant");
        assertThatThrownBy(() -> context("cashfin-leads:create", new CopyOnWriteArrayList<>()).start())
                .hasStackTraceContaining("use from(\"cashfin-leads:list\")");
        assertThatThrownBy(() -> context("cashfin-leads:list?page=2", new CopyOnWriteArrayList<>()).start())
                .hasStackTraceContaining("page is a producer option");
        assertThatThrownBy(() -> context("cashfin-leads:list?lookback=-5", new CopyOnWriteArrayList<>()).start())
                .hasStackTraceContaining("lookback must not be negative");
        assertThatThrownBy(() -> context("cashfin-leads:list?failedLeadsMax=31", new CopyOnWriteArrayList<>()).start())
                .hasStackTraceContaining("failedLeadsMax must be between 0 (every failed lead holds the cursor back)"
                                         + " and 30 (the state row must fit a 4,000-character JDBC column), got 31");
    }
}
