package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;

/**
 * The security review's finding 4 (issue 19): a handful of addresses exhausted the form's daily cap, so every later
 * visitor got 429 for the rest of the day. The cap now counts only submissions accepted for Cashfin: posts that cannot
 * become leads (invalid, or caught by the honeypot) spend a client's own limit but none of the form's day. Its own app:
 * the cap is per UTC day.
 */
class FormDailyCapAttacksTest {

    private static final int PER_DAY = 3;

    /** Behind a trusted proxy (the test connects from loopback): each X-Forwarded-For is its own client. */
    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.form.trusted-proxies", "127.0.0.1,::1")
            .with("cashfin.form.limit.per-day", String.valueOf(PER_DAY));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void postsThatCannotBecomeLeadsDoNotSpendTheDailyCap() throws Exception {
        try (LogLines log = new LogLines(Level.WARN)) {
            // 20 addresses, each an invalid post and a bot's post: 40 posts, far more than the day's cap
            for (int i = 1; i <= 20; i++) {
                String client = "203.0.113." + i;
                assertThat(post(client, "name=Bot&email=not-an-address&message=buy&website_url=").statusCode())
                        .isEqualTo(422);
                assertThat(post(client, "name=Bot&email=bot" + i + "%40spam.example&message=buy"
                                        + "&website_url=http%3A%2F%2Fspam.example").statusCode()).isEqualTo(200);
            }

            // the genuine visitors that follow get the whole day's cap, then the cap holds
            for (int i = 1; i <= PER_DAY; i++) {
                assertThat(post("198.51.100." + i, "name=Visitor+" + i + "&email=visitor" + i
                                                   + "%40example.test&message=hello&website_url=").statusCode())
                        .as("genuine visitor %d of the day", i).isEqualTo(200);
            }
            HttpResponse<String> over = post("198.51.100.99",
                    "name=Late+Visitor&email=late%40example.test&message=hello&website_url=");
            assertThat(over.statusCode()).isEqualTo(429);
            assertThat(over.body()).contains("cannot take more messages today");

            await().atMost(Duration.ofSeconds(60)).until(() -> APP.cashfin().leadCount() == PER_DAY);
            assertThat(APP.cashfin().leads()).extracting(l -> l.get("email")).containsExactlyInAnyOrderElementsOf(
                    List.of("visitor1@example.test", "visitor2@example.test", "visitor3@example.test"));
            assertThat(log.lines()).filteredOn(l -> l.contains("daily cap")).singleElement().asString()
                    .startsWith("WARN Contact form: the daily cap of " + PER_DAY + " submissions is reached");
        }
    }

    private HttpResponse<String> post(String forwardedFor, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + APP.setting("cashfin.form.path")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
