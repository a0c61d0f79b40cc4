package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.http.Fault;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.CashfinException;
import africa.cashfin.camel.leads.api.CashfinTransportException;
import africa.cashfin.camel.leads.api.CashfinTransportException.FailureKind;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;

/**
 * Retries never create a lead twice: every ambiguous create failure the simulator can inject (processed, then 500,
 * reset, empty response, or an answer slower than responseTimeout), with and without deduplicateBy, counted in the
 * simulator's store; list retried on 5xx and resets; a create that was never sent is retried.
 */
class CreateRetryAndDedupeTest extends SimulatorRouteSupport {

    private static final String CREATE = "cashfin-leads:create?plan=unlimited&responseTimeout=1500";
    private static final String CREATE_DEDUPE_EMAIL = CREATE + "&deduplicateBy=email";

    /** The ways a create can fail after the simulator stored the lead. */
    enum AmbiguousFailure {
        HTTP_500, CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, RESPONSE_TIMEOUT;

        void inject(CashfinSimulator sim) {
            switch (this) {
                case HTTP_500 -> sim.failNextAfterProcessing(1, 500, Endpoint.CREATE);
                case CONNECTION_RESET_BY_PEER -> sim.failNextAfterProcessing(1, Fault.CONNECTION_RESET_BY_PEER,
                        Endpoint.CREATE);
                case EMPTY_RESPONSE -> sim.failNextAfterProcessing(1, Fault.EMPTY_RESPONSE, Endpoint.CREATE);
                case RESPONSE_TIMEOUT -> sim.latency(SLOW);
            }
        }
    }

    /** Longer than the endpoints' responseTimeout: the lead is stored, the answer comes too late. */
    private static final Duration SLOW = Duration.ofSeconds(4);

    @BeforeEach
    void noLatency() {
        cashfin.latency(Duration.ZERO);
    }

    private static Lead jane() {
        return new Lead().setName("Jane Smith").setEmail("Jane.Smith@Acme.example").setPhone("+254 722 000 001");
    }

    @ParameterizedTest
    @EnumSource(AmbiguousFailure.class)
    void withoutDedupeAnAmbiguousFailureIsReportedNotRetried(AmbiguousFailure failure) {
        failure.inject(cashfin);

        Exchange out = send(CREATE, jane());

        assertThat(cashfin.leadCount()).as("the lead was stored once, not created again").isEqualTo(1);
        assertThat(cashfin.createCalls()).isEqualTo(1);
        Exception e = out.getException();
        assertThat(e).isInstanceOf(CashfinException.class);
        if (failure == AmbiguousFailure.HTTP_500) {
            assertThat(e).isInstanceOf(CashfinApiException.class);
        } else {
            assertThat(e).isInstanceOf(CashfinTransportException.class);
            assertThat(((CashfinTransportException) e).getKind()).isEqualTo(FailureKind.AMBIGUOUS);
        }
        assertThat(e.getMessage()).contains("may or may not have been").contains("search=<its email or phone>")
                .contains("deduplicateBy=email or phone").doesNotContain(cashfin.secret());
    }

    @ParameterizedTest
    @EnumSource(AmbiguousFailure.class)
    void withDedupeAnAmbiguousFailureFindsTheStoredLead(AmbiguousFailure failure) throws Exception {
        Exchange out;
        if (failure == AmbiguousFailure.RESPONSE_TIMEOUT) {
            // only the create may be slow: a limit of one call a second spaces look-up, create and look-up, and the
            // simulator is made slow after the first look-up and fast again once the create has arrived
            CompletableFuture<Exchange> pending = CompletableFuture.supplyAsync(
                    () -> send(CREATE_DEDUPE_EMAIL + "&maxRequestsPerSecond=1", jane()));
            await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() == 1);
            cashfin.latency(SLOW);
            await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.createCalls() == 1);
            cashfin.latency(Duration.ZERO);
            out = pending.get(60, TimeUnit.SECONDS);
        } else {
            failure.inject(cashfin);
            out = send(CREATE_DEDUPE_EMAIL, jane());
        }

        assertThat(out.getException()).isNull();
        assertThat(cashfin.leadCount()).isEqualTo(1);
        assertThat(cashfin.createCalls()).as("never sent twice").isEqualTo(1);
        Lead found = out.getMessage().getBody(Lead.class);
        assertThat(found.getId()).isEqualTo(cashfin.leads().get(0).get("_id"));
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(false);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)).isEqualTo(found.getId());
    }

    @Test
    void withDedupeAFailureBeforeProcessingIsLookedUpThenCreated() {
        cashfin.failNext(1, 500, Endpoint.CREATE);

        Exchange out = send(CREATE_DEDUPE_EMAIL, jane());

        assertThat(out.getException()).isNull();
        assertThat(cashfin.leadCount()).isEqualTo(1);
        assertThat(cashfin.createCalls()).isEqualTo(2);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        // look-up before creating, and again before the retry
        assertThat(cashfin.listCalls()).isEqualTo(2);
    }

    @Test
    void dedupeByEmailReturnsTheExistingLeadForOneListCall() {
        cashfin.addLead(Map.of("name", "Jane Smith", "email", "jane.smith@acme.example"));
        cashfin.addLead(Map.of("name", "Jane Smithers", "email", "jane.smithers@acme.example"));

        Exchange out = send(CREATE_DEDUPE_EMAIL, jane());

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(false);
        assertThat(out.getMessage().getBody(Lead.class).getEmail()).isEqualTo("jane.smith@acme.example");
        assertThat(cashfin.leadCount()).isEqualTo(2);
        assertThat(cashfin.createCalls()).isZero();
        assertThat(cashfin.listCalls()).isEqualTo(1);
    }

    @Test
    void dedupeByEmailCreatesANewLeadForTwoCalls() {
        cashfin.addLead(Map.of("name", "Jane Smithers", "email", "jane.smithers@acme.example"));

        Exchange out = send(CREATE_DEDUPE_EMAIL, jane());

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        assertThat(cashfin.leadCount()).isEqualTo(2);
        assertThat(cashfin.totalRequests()).isEqualTo(2);
    }

    @Test
    void dedupeByPhoneComparesDigits() {
        cashfin.addLead(Map.of("name", "Jane Smith", "phone", "+254 722 000 001"));

        Exchange out = send(CREATE + "&deduplicateBy=phone",
                new Lead().setName("Jane S.").setPhone("+254 722 000 001"));
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(false);

        Exchange other = send(CREATE + "&deduplicateBy=phone",
                new Lead().setName("Jane S.").setPhone("+254 722 000 0019"));
        assertThat(other.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        assertThat(cashfin.leadCount()).isEqualTo(2);
    }

    @Test
    void aLeadWithoutTheDedupeFieldIsCreatedWithoutLookUp() {
        Exchange out = send(CREATE_DEDUPE_EMAIL, new Lead().setName("No Email"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        assertThat(cashfin.listCalls()).isZero();
        assertThat(cashfin.leadCount()).isEqualTo(1);
    }

    @Test
    void unknownDedupeModeFailsAtEndpointCreation() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> context.getEndpoint("cashfin-leads:create?deduplicateBy=name")))
                .hasStackTraceContaining("deduplicateBy 'name' is not supported: use none, email or phone");
    }

    @Test
    void listIsRetriedOn5xxAndResets() {
        cashfin.failNext(2, 500, Endpoint.LIST);
        cashfin.failNext(1, Fault.CONNECTION_RESET_BY_PEER, Endpoint.LIST);
        cashfin.insertLeads(3);

        Exchange out = send("cashfin-leads:list?plan=unlimited", null);

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(java.util.List.class)).hasSize(3);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.SERVER_ERROR)).isEqualTo(2);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.FAULT)).isEqualTo(1);
    }

    @Test
    void listGivesUpAfterMaxRetries() {
        cashfin.failNext(3, 502, Endpoint.LIST);

        Exchange out = send("cashfin-leads:list?plan=unlimited&maxRetries=1", null);

        assertThat(out.getException()).isInstanceOf(CashfinApiException.class);
        assertThat(((CashfinApiException) out.getException()).getStatusCode()).isEqualTo(502);
        assertThat(cashfin.listCalls()).isEqualTo(2);
    }

    @Test
    void createIsNotRetriedOnAClientError() {
        cashfin.failNext(1, 422, Endpoint.CREATE);

        Exchange out = send(CREATE, jane());

        assertThat(out.getException()).isInstanceOf(CashfinApiException.class);
        assertThat(cashfin.createCalls()).isEqualTo(1);
        assertThat(cashfin.leadCount()).isZero();
    }

    @Test
    void aCreateThatWasNeverSentIsRetriedUntilTheServerIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String uri = "cashfin-leads:create?plan=unlimited&maxRetries=20&maxRetryWait=120s&baseUrl=http://127.0.0.1:"
                     + port;
        try (LogCapture logs = new LogCapture()) {
            CompletableFuture<Exchange> pending = CompletableFuture.supplyAsync(() -> send(uri, jane()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> logs.all().contains("failed (could not connect); retrying"));
            try (CashfinSimulator late = CashfinSimulator.builder().port(port).start()) {
                Exchange out = pending.get(90, TimeUnit.SECONDS);
                assertThat(out.getException()).isNull();
                assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
                assertThat(late.leadCount()).isEqualTo(1);
            }
            assertThat(logs.all()).doesNotContain(cashfin.secret());
        }
    }
}
