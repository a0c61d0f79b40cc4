package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.HttpResponseAware;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.CashfinTransportException;
import africa.cashfin.camel.leads.api.CashfinTransportException.FailureKind;
import africa.cashfin.camel.leads.model.Lead;

/** Every documented error shape, and the undocumented ones a network produces, fail the exchange clearly. */
class ErrorResponsesTest extends CashfinTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("cashfin-leads:create");
                from("direct:list").to("cashfin-leads:list");
                from("direct:slow").to("cashfin-leads:list?responseTimeout=500");
            }
        };
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private CashfinApiException createFails(ResponseDefinitionBuilder response) {
        wm.stubFor(post("/business/lead/create").willReturn(response));
        Exchange out = send("direct:create", new Lead().setName("Jane Smith"));
        assertThat(out.getException()).isInstanceOf(CashfinApiException.class);
        CashfinApiException e = (CashfinApiException) out.getException();
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getPath()).isEqualTo("/business/lead/create");
        assertThat(e.getMessage()).startsWith("Cashfin POST /business/lead/create failed with HTTP ");
        return e;
    }

    private CashfinTransportException transportFails(String route, ResponseDefinitionBuilder response) {
        wm.stubFor(post("/business/lead/create").willReturn(response));
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(response));
        Exchange out = send(route, new Lead().setName("Jane Smith"));
        assertThat(out.getException()).isInstanceOf(CashfinTransportException.class);
        return (CashfinTransportException) out.getException();
    }

    @Test
    void missingRequiredField400() {
        CashfinApiException e = createFails(json(400, """
                {"success": false,
                 "error": "Key: 'ApiLeadRequest.Name' Error:Field validation for 'Name' failed on the 'required' tag"}
                """));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getError()).contains("'required' tag");
        assertThat(e.getMessage()).contains("HTTP 400: Key: 'ApiLeadRequest.Name'").contains("a lead needs a non-blank name");
    }

    @Test
    void unauthorized401SaysCheckTheSecret() {
        CashfinApiException e = createFails(json(401, "{\"success\": false, \"message\": \"Unauthorized access!\"}"));
        assertThat(e).isInstanceOf(HttpResponseAware.class);
        assertThat(((HttpResponseAware) e).getHttpResponseCode()).isEqualTo(401);
        assertThat(e.getApiMessage()).isEqualTo("Unauthorized access!");
        assertThat(e.getMessage()).contains("HTTP 401: Unauthorized access! Check the client secret")
                .doesNotContain("!.");
    }

    @Test
    void duplicate409() {
        CashfinApiException e = createFails(json(409, "{\"success\": false, \"error\": \"Duplicate entry\"}"));
        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getMessage()).contains("Duplicate entry").contains("duplicate entry); do not retry");
    }

    @Test
    void validation422ListsFieldErrors() {
        CashfinApiException e = createFails(json(422, """
                {"success": false, "error": "There are problems with your submission",
                 "errors": {"email": "Email is invalid", "phone": "Phone is too short"},
                 "message": "Validation failed"}
                """));
        assertThat(e.getErrors()).containsEntry("email", "Email is invalid").containsEntry("phone", "Phone is too short");
        assertThat(e.getError()).isEqualTo("There are problems with your submission");
        assertThat(e.getApiMessage()).isEqualTo("Validation failed");
        assertThat(e.getMessage()).contains("email: Email is invalid; phone: Phone is too short")
                .contains("fix them and send again");
    }

    @Test
    void rateLimited429CarriesRetryAfter() {
        CashfinApiException e = createFails(json(429, """
                {"success": false, "error": "Rate limit exceeded. Please try again later.", "retry_after": 30}
                """).withHeader("Retry-After", "17"));
        assertThat(e.isRateLimited()).isTrue();
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(17));
        assertThat(e.getMessage()).contains("Rate limit exceeded").contains("retry after 17 s");
    }

    @Test
    void rateLimited429WithoutHeaderUsesBodyRetryAfter() {
        CashfinApiException e = createFails(json(429, "{\"success\": false, \"error\": \"Rate limit exceeded.\","
                                                      + " \"retry_after\": 30}"));
        assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void serverError500() {
        CashfinApiException e = createFails(json(500, "{\"success\": false, \"error\": \"Error creating lead\"}"));
        assertThat(e.isServerError()).isTrue();
        assertThat(e.getMessage()).contains("Error creating lead").contains("may or may not have been processed");
    }

    @Test
    void successFalseWithStatus200() {
        CashfinApiException e = createFails(json(200, "{\"success\": false, \"error\": \"Error creating lead\"}"));
        assertThat(e.getStatusCode()).isEqualTo(200);
        assertThat(e.getMessage()).contains("Error creating lead");
    }

    @Test
    void htmlBadGatewayFromAProxy() {
        CashfinApiException e = createFails(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                          + "<hr><center>nginx</center></body></html>"));
        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(e.getResponseProblem()).contains("not JSON").contains("text/html").contains("502 Bad Gateway");
        assertThat(e.getMessage()).contains("A proxy or gateway").contains("may or may not have been processed");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void malformedJson() {
        CashfinApiException e = createFails(json(201, "{\"success\": true, \"data\": {\"_id\": \"abc\", "));
        assertThat(e.getResponseProblem()).contains("malformed JSON").contains("{\"success\": true");
        assertThat(e.getMessage()).contains("HTTP 201").contains("check the lead in Cashfin before repeating it");
        assertThat(e.getCause()).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void redirectIsNotFollowed() {
        CashfinApiException e = createFails(aResponse().withStatus(301)
                .withHeader("Location", "https://elsewhere.example/business/lead/create"));
        assertThat(e.getStatusCode()).isEqualTo(301);
        assertThat(e.getMessage()).contains("redirects are not followed").contains("Set baseUrl");
    }

    @Test
    void emptyBody() {
        CashfinApiException e = createFails(aResponse().withStatus(200));
        assertThat(e.getResponseProblem()).contains("body is empty");
    }

    @Test
    void successWithoutData() {
        CashfinApiException e = createFails(json(201, "{\"success\": true}"));
        assertThat(e.getResponseProblem()).contains("no lead under \"data\"");
    }

    @Test
    void connectionResetIsAmbiguous() {
        CashfinTransportException e = transportFails("direct:create",
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(e.getKind()).isEqualTo(FailureKind.AMBIGUOUS);
        assertThat(e.isRequestSent()).isTrue();
        assertThat(e.getMessage()).contains("Cashfin POST /business/lead/create")
                .contains("may or may not have been processed").contains("check whether the lead exists");
    }

    @Test
    void connectionClosedWithoutResponseIsAmbiguous() {
        CashfinTransportException e = transportFails("direct:create", aResponse().withFault(Fault.EMPTY_RESPONSE));
        assertThat(e.getKind()).isEqualTo(FailureKind.AMBIGUOUS);
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void truncatedChunkedResponseIsAmbiguous() {
        CashfinTransportException e = transportFails("direct:list",
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        assertThat(e.getKind()).isEqualTo(FailureKind.AMBIGUOUS);
        assertThat(e.getMessage()).contains("GET /business/lead/list").contains("safe to repeat");
    }

    @Test
    void readTimeoutIsAmbiguous() {
        CashfinTransportException e = transportFails("direct:slow", json(200, "{\"success\": true, \"data\": []}")
                .withFixedDelay(3_000));
        assertThat(e.getKind()).isEqualTo(FailureKind.AMBIGUOUS);
        assertThat(e.getMessage()).contains("no response within responseTimeout 500 ms");
    }

    @Test
    void connectionRefusedIsNotSent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refused").to("cashfin-leads:create?baseUrl=http://127.0.0.1:" + closedPort);
            }
        });
        Exchange out = send("direct:refused", new Lead().setName("Jane"));
        assertThat(out.getException()).isInstanceOf(CashfinTransportException.class);
        CashfinTransportException e = (CashfinTransportException) out.getException();
        assertThat(e.getKind()).isEqualTo(FailureKind.NOT_SENT);
        assertThat(e.isRequestSent()).isFalse();
        assertThat(e.getMessage()).contains("could not connect").contains("The request was not sent")
                .contains("http://127.0.0.1:" + closedPort);
    }
}
