package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadValidationException;
import africa.cashfin.camel.leads.producer.BulkCreateException;
import africa.cashfin.camel.leads.producer.BulkCreateItem;
import africa.cashfin.camel.leads.producer.BulkCreateResult;
import africa.cashfin.camel.leads.producer.BulkCreateStatus;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;

/**
 * Bulk create: a collection body creates every lead with bounded concurrency, each item failing alone; by default an
 * exchange with a failed item fails with a {@link BulkCreateException} (bulkPartialSuccess=true lets it succeed).
 */
class BulkCreateRouteTest extends SimulatorRouteSupport {

    private static final String BULK = "cashfin-leads:create?plan=unlimited&concurrency=3";

    @Test
    void invalidItemsFailAloneAndTheValidOnesAreStoredOnce() {
        List<Object> body = new ArrayList<>();
        body.add(new Lead().setName("Lead zero").setEmail("zero@acme.example"));
        body.add(Map.of("name", "Lead one", "email", "one@acme.example"));
        body.add(Map.of("email", "no-name@acme.example"));                              // no name
        body.add("{\"name\": \"Lead three\", \"company\": \"Acme\"}");
        body.add(new Lead().setName("Lead four").setEmail("not an email"));             // bad email
        body.add("{ not json");                                                         // not JSON
        body.add(new Lead().setName("Lead six"));

        Exchange out = send(BULK, body);

        assertThat(out.getException()).as("by default a failed item fails the exchange")
                .isInstanceOf(BulkCreateException.class)
                .hasMessageStartingWith("Cashfin bulk create: 3 of 7 items failed (4 created, 0 already existed)")
                .hasCauseInstanceOf(LeadValidationException.class);
        BulkCreateResult result = out.getMessage().getBody(BulkCreateResult.class);
        assertThat(((BulkCreateException) out.getException()).result()).isSameAs(result);
        assertThat(result.total()).isEqualTo(7);
        assertThat(result.created()).isEqualTo(4);
        assertThat(result.failed()).isEqualTo(3);
        assertThat(result.duplicates()).isZero();
        assertThat(result.items()).extracting(BulkCreateItem::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(result.failures()).extracting(BulkCreateItem::index).containsExactly(2, 4, 5);
        assertThat(result.failures()).allSatisfy(item -> {
            assertThat(item.error()).isInstanceOf(LeadValidationException.class);
            assertThat(item.lead()).isNull();
        });
        assertThat(result.items().get(4).error().getMessage()).contains("email");
        assertThat(result.items().get(3).lead().getId()).isNotBlank();
        assertThat(result.items().get(1).input()).isEqualTo(Map.of("name", "Lead one", "email", "one@acme.example"));
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.CREATED_COUNT)).isEqualTo(4);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.DUPLICATE_COUNT)).isEqualTo(0);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.FAILED_COUNT)).isEqualTo(3);
        assertThat(cashfin.leadCount()).isEqualTo(4);
        assertThat(cashfin.leads()).extracting(l -> l.get("name"))
                .containsExactlyInAnyOrder("Lead zero", "Lead one", "Lead three", "Lead six");
        assertThat(cashfin.createCalls()).as("invalid items are not sent").isEqualTo(4);
    }

    @Test
    void withPartialSuccessAFailedCallFailsOnlyItsItemAndTheExchangeSucceeds() {
        cashfin.failNext(1, 422, Endpoint.CREATE);

        Exchange out = send("cashfin-leads:create?plan=unlimited&concurrency=1&bulkPartialSuccess=true",
                List.of(new Lead().setName("A"), new Lead().setName("B"), new Lead().setName("C")));

        assertThat(out.getException()).isNull();
        BulkCreateResult result = out.getMessage().getBody(BulkCreateResult.class);
        assertThat(result.created()).isEqualTo(2);
        assertThat(result.failures()).singleElement().satisfies(item -> {
            assertThat(item.index()).isZero();
            assertThat(item.error()).isInstanceOf(CashfinApiException.class);
        });
        assertThat(cashfin.leadCount()).isEqualTo(2);
    }

    @Test
    void anIteratorIsReadLazilyNeverMoreThanConcurrencyAhead() {
        int total = 40;
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Iterator<Lead> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < total;
            }

            @Override
            public Lead next() {
                int n = pulled.incrementAndGet();
                // how far ahead of the requests the simulator has answered is this pull?
                int ahead = n - (int) cashfin.requestCount(Endpoint.CREATE, Outcome.OK);
                maxAhead.accumulateAndGet(ahead, Math::max);
                return new Lead().setName("Lazy " + n);
            }
        };

        Exchange out = send(BULK, source);

        BulkCreateResult result = out.getMessage().getBody(BulkCreateResult.class);
        assertThat(result.created()).isEqualTo(total);
        assertThat(cashfin.leadCount()).isEqualTo(total);
        assertThat(maxAhead.get()).as("items pulled but not yet answered").isBetween(1, 3);
    }

    @Test
    void aStreamAndAnArrayAreBulkBodiesToo() {
        Exchange fromStream = send(BULK, IntStream.range(0, 5).mapToObj(i -> Map.of("name", "Stream " + i)));
        assertThat(fromStream.getMessage().getBody(BulkCreateResult.class).created()).isEqualTo(5);

        Exchange fromArray = send(BULK, new Lead[] { new Lead().setName("Array 0"), new Lead().setName("Array 1") });
        assertThat(fromArray.getMessage().getBody(BulkCreateResult.class).created()).isEqualTo(2);
        assertThat(cashfin.leadCount()).isEqualTo(7);
    }

    @Test
    void withDedupeExistingLeadsAreDuplicatesNotCreatedAgain() {
        cashfin.addLead(Map.of("name", "Known", "email", "known@acme.example"));

        Exchange out = send(BULK + "&deduplicateBy=email", List.of(
                new Lead().setName("Known").setEmail("KNOWN@acme.example"),
                new Lead().setName("New").setEmail("new@acme.example"),
                new Lead().setName("No email")));

        assertThat(out.getException()).isNull();
        BulkCreateResult result = out.getMessage().getBody(BulkCreateResult.class);
        assertThat(result.items()).extracting(BulkCreateItem::status).containsExactly(BulkCreateStatus.DUPLICATE,
                BulkCreateStatus.CREATED, BulkCreateStatus.CREATED);
        assertThat(result.items().get(0).lead().getEmail()).isEqualTo("known@acme.example");
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.DUPLICATE_COUNT)).isEqualTo(1);
        assertThat(cashfin.leadCount()).isEqualTo(3);
        // 1 call for the duplicate, 2 for the new lead with an email, 1 for the lead without one
        assertThat(cashfin.totalRequests()).isEqualTo(4);
    }

    @Test
    void anEmptyListIsAnEmptyResult() {
        Exchange out = send(BULK, List.of());
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(BulkCreateResult.class).total()).isZero();
        assertThat(cashfin.totalRequests()).isZero();
    }
}
