package africa.cashfin.camel.examples.form;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import africa.cashfin.camel.examples.common.DemoStep;

/**
 * Flow 2 in the demo: posts {@code samples/form-submission.urlencoded} to the form over HTTP; the form answers at once
 * and its lead is created in the background from the durable queue, so it is finished when the queue is empty.
 */
public final class FormDemo implements DemoStep {

    private final URI form;
    private final FormQueue queue;
    private HttpResponse<String> answer;

    /**
     * @param form  the form's address
     * @param queue the flow's durable queue
     */
    public FormDemo(URI form, FormQueue queue) {
        this.form = form;
        this.queue = queue;
    }

    @Override
    public String name() {
        return "web form queue";
    }

    @Override
    public void use() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String body;
        try (var in = DemoStep.resource("samples/form-submission.urlencoded")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        answer = http.send(HttpRequest.newBuilder(form).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public boolean finished() {
        return queue.pending() == 0;
    }

    @Override
    public void summarise(StringBuilder s) {
        s.append("\nFlow 2, web form (").append(form).append("):\n");
        s.append("  POST answered HTTP ").append(answer.statusCode())
                .append(answer.body().contains("Thank you") ? " with the thank-you page\n"
                        : " (NOT DONE: no thank-you page)\n");
    }
}
