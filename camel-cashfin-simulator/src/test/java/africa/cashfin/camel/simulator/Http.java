package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Test client: java.net.http pinned to HTTP/1.1, JSON parsed with WireMock's Json. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String baseUrl;
    private final String secret;

    Http(String baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    HttpResponse<String> create(String json) {
        return send(request("/business/lead/create", secret).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    HttpResponse<String> list(String query) {
        return send(request("/business/lead/list" + (query.isEmpty() ? "" : "?" + query), secret).GET());
    }

    HttpResponse<String> adminGet(String path) {
        return send(request("/__cashfin" + path, null).GET());
    }

    HttpResponse<String> adminPost(String path, String json) {
        return send(request("/__cashfin" + path, null).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return Json.read(response.body(), Map.class);
    }
}
