package africa.cashfin.camel.leads;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.BaseStream;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.CreateOutcome;
import africa.cashfin.camel.leads.api.DeduplicateBy;
import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.health.CashfinLeadsProducerHealthCheck;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadFilter;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.LeadValidationException;
import africa.cashfin.camel.leads.model.LeadValidator;
import africa.cashfin.camel.leads.model.MalformedLead;
import africa.cashfin.camel.leads.model.PageInfo;
import africa.cashfin.camel.leads.producer.BulkCreateException;
import africa.cashfin.camel.leads.producer.BulkCreateItem;
import africa.cashfin.camel.leads.producer.BulkCreateResult;
import africa.cashfin.camel.leads.producer.BulkCreateRun;
import africa.cashfin.camel.leads.producer.BulkCreateStatus;

/**
 * Runs the endpoint's operation for each message: {@code create} turns the body into a validated lead and sends it
 * (find-or-create with {@code deduplicateBy}); a List/Iterable/Iterator/Stream/array body is a bulk create of every
 * item with bounded {@code concurrency}, answered with a {@link BulkCreateResult}; {@code list} reads one page of
 * leads.
 */
public class CashfinLeadsProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(CashfinLeadsProducer.class);

    private final CashfinLeadsEndpoint endpoint;
    private final CashfinLeadsConfiguration config;
    private final Set<Set<String>> warnedUnknownFields = ConcurrentHashMap.newKeySet();
    private final DeduplicateBy deduplicateBy;
    private volatile ExecutorService bulkExecutor;
    private WritableHealthCheckRepository healthCheckRepository;
    private CashfinLeadsProducerHealthCheck healthCheck;
    /** The 401 of this producer's latest call refused for its secret, null once one succeeds: its health check. */
    private volatile CashfinApiException refused;

    public CashfinLeadsProducer(CashfinLeadsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.deduplicateBy = config.deduplication();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: only when camel-health's producers repository is there
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new CashfinLeadsProducerHealthCheck("cashfin-leads-" + endpoint.getId(),
                    endpoint.getEndpointUri(), endpoint::clientIfStarted, () -> refused);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        ExecutorService executor = bulkExecutor;
        bulkExecutor = null;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
        }
        super.doStop();
    }

    /** The bulk thread pool (Camel's ExecutorServiceManager), created on the first bulk create. */
    private ExecutorService bulkExecutor() {
        ExecutorService executor = bulkExecutor;
        if (executor == null) {
            synchronized (this) {
                executor = bulkExecutor;
                if (executor == null) {
                    executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                            .newFixedThreadPool(this, "CashfinLeadsBulkCreate", config.getConcurrency());
                    bulkExecutor = executor;
                }
            }
        }
        return executor;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        try {
            switch (config.getOperation()) {
                case create -> create(exchange);
                case list -> list(exchange);
                default -> throw new IllegalStateException("Unsupported operation " + config.getOperation());
            }
        } catch (CashfinApiException e) {
            noteRefusal(e);
            throw e;
        }
    }

    /** Remembers a 401 for the health check (a call that succeeded sets {@link #refused} back to null). */
    private void noteRefusal(Exception e) {
        if (e instanceof CashfinApiException api && api.getStatusCode() == 401) {
            refused = api;
        }
    }

    private void create(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Iterator<?> items = bulkItems(in.getBody());
        if (items != null) {
            createAll(exchange, items);
            return;
        }
        Lead lead = prepare(exchange, in.getBody());
        CreateOutcome outcome = createOrFind(lead);
        refused = null;
        Lead result = outcome.lead();
        in.setBody(result);
        in.setHeader(CashfinLeadsConstants.LEAD_ID, result.getId());
        in.setHeader(CashfinLeadsConstants.LEAD_CREATED, outcome.created());
        if (result.getCreatedat() != null) {
            in.setHeader(CashfinLeadsConstants.CREATED_AT, result.getCreatedat());
        }
    }

    /** Creates {@code lead} (or finds it, by {@code deduplicateBy}); a lead created is reported to the metrics. */
    private CreateOutcome createOrFind(Lead lead) {
        CashfinClient client = endpoint.getClient();
        CreateOutcome outcome = client.createOrFind(lead, deduplicateBy);
        if (outcome.created()) {
            endpoint.getComponent().metrics().created(client.getRateLimiter().secret().toString(), 1);
        }
        return outcome;
    }

    /** The body as a validated lead ready to send, with the default source applied. */
    private Lead prepare(Exchange exchange, Object body) throws InvalidPayloadException {
        Lead lead = LeadValidator.normalize(toLead(exchange, body));
        if (lead.getSource() == null && config.getSource() != null && !config.getSource().isBlank()) {
            lead.setSource(config.getSource());
        }
        LeadValidator.validate(lead);
        if (!lead.getAdditionalFields().isEmpty() && lead.getId() == null) {
            Set<String> unknown = new TreeSet<>(lead.getAdditionalFields().keySet());
            if (warnedUnknownFields.add(unknown)) {
                LOG.warn("Lead fields {} are not part of the Cashfin create request and are not sent; map them to one"
                         + " of {} (logged once per set of fields)", unknown, Lead.REQUEST_FIELDS);
            }
        }
        return lead;
    }

    /** The items of a bulk body (List, Iterable, Iterator, Stream, array), or null when the body is one lead. */
    private static Iterator<?> bulkItems(Object body) {
        if (body instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        if (body instanceof Iterator<?> iterator) {
            return iterator;
        }
        if (body instanceof BaseStream<?, ?> stream) {
            return stream.iterator();
        }
        if (body instanceof Object[] array) {
            return Arrays.asList(array).iterator();
        }
        return null;
    }

    private void createAll(Exchange exchange, Iterator<?> items) throws InterruptedException {
        BulkCreateResult result = new BulkCreateRun(bulkExecutor(), config.getConcurrency())
                .createAll(items, (index, input) -> createItem(exchange, index, input));
        Message in = exchange.getMessage();
        in.setBody(result);
        in.setHeader(CashfinLeadsConstants.CREATED_COUNT, result.created());
        in.setHeader(CashfinLeadsConstants.DUPLICATE_COUNT, result.duplicates());
        in.setHeader(CashfinLeadsConstants.FAILED_COUNT, result.failed());
        if (result.failed() > 0 && !config.isBulkPartialSuccess()) {
            // the exchange fails (its error handler logs it): a file or batch is never marked done with rows lost
            throw new BulkCreateException(result);
        }
        if (result.failed() > 0) {
            LOG.warn("Cashfin bulk create: {} of {} items failed ({} created, {} already existed); the"
                     + " BulkCreateResult body lists each failure (bulkPartialSuccess=true)", result.failed(),
                    result.total(), result.created(), result.duplicates());
        } else {
            LOG.debug("Cashfin bulk create: {} items, {} created, {} already existed", result.total(),
                    result.created(), result.duplicates());
        }
    }

    private BulkCreateItem createItem(Exchange exchange, int index, Object input) {
        try {
            Lead lead = prepare(exchange, input);
            CreateOutcome outcome = createOrFind(lead);
            refused = null;
            return new BulkCreateItem(index, input, outcome.lead(),
                    outcome.created() ? BulkCreateStatus.CREATED : BulkCreateStatus.DUPLICATE, null);
        } catch (Exception e) {
            LOG.debug("Cashfin bulk create: item {} failed: {}", index, e.getMessage());
            noteRefusal(e);
            return new BulkCreateItem(index, input, null, BulkCreateStatus.FAILED, e);
        }
    }

    /** The body as a lead: a Lead, a Map, JSON text, or anything Camel can convert to a Lead. */
    private static Lead toLead(Exchange exchange, Object body) throws InvalidPayloadException {
        if (body instanceof Lead lead) {
            return lead;
        }
        if (body instanceof Map<?, ?> map) {
            return LeadJson.fromMap(map);
        }
        if (body instanceof String s) {
            return LeadJson.fromJson(s);
        }
        if (body instanceof byte[] b) {
            return LeadJson.fromJson(b);
        }
        if (body instanceof InputStream is) {
            return LeadJson.fromJson(is);
        }
        if (body == null) {
            throw new LeadValidationException(Map.of("body", "is empty; create needs a lead in the body (a Lead, a Map"
                                                             + " or JSON text)"));
        }
        if (body == exchange.getMessage().getBody()) {
            return exchange.getMessage().getMandatoryBody(Lead.class);
        }
        Lead converted = exchange.getContext().getTypeConverter().tryConvertTo(Lead.class, exchange, body);
        if (converted == null) {
            throw new IllegalArgumentException("A bulk create item of type " + body.getClass().getName() + " cannot be"
                                               + " converted to a Lead; use a Lead, a Map or JSON text");
        }
        return converted;
    }

    private void list(Exchange exchange) {
        Message in = exchange.getMessage();
        Integer page = header(in, CashfinLeadsConstants.PAGE, Integer.class, config.getPage());
        Integer limit = header(in, CashfinLeadsConstants.LIMIT, Integer.class, config.getLimit());
        LeadFilter options = config.filter();
        LeadFilter filter = LeadFilter.of(field -> header(in, CashfinLeadsConstants.filterHeader(field), String.class,
                field.valueIn(options)));
        filter = filter.withStatus(LeadFilter.checkStatus(
                "Status (header " + CashfinLeadsConstants.STATUS + " or option status)", filter.status()));
        LeadQuery query = LeadQuery.of(page, "Page (header " + CashfinLeadsConstants.PAGE + " or option page)", limit,
                "Limit (header " + CashfinLeadsConstants.LIMIT + " or option limit)", filter);
        LeadPage result = endpoint.getClient().list(query);
        refused = null;
        for (MalformedLead record : result.malformed()) {
            if (record.lead() == null) {
                throw CashfinApiException.unreadable("GET", CashfinClient.LIST_PATH, 200, "OK", null,
                        record.problem() + "; the record: " + record.json(), null);
            }
        }
        in.setBody(new ArrayList<>(result.readableLeads()));
        PageInfo info = result.pageInfo();
        if (info != null) {
            in.setHeader(CashfinLeadsConstants.TOTAL, info.total());
            in.setHeader(CashfinLeadsConstants.PAGE, info.page());
            in.setHeader(CashfinLeadsConstants.LIMIT, info.limit());
            in.setHeader(CashfinLeadsConstants.PAGES, info.pages());
        } else {
            in.removeHeaders("CamelCashfin(Total|Pages)");
        }
    }

    private static <T> T header(Message in, String name, Class<T> type, T fallback) {
        Object raw = in.getHeader(name);
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return fallback;
        }
        T value;
        try {
            value = in.getHeader(name, type);
        } catch (TypeConversionException e) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException("Header " + name + " = '" + raw + "' is not a valid "
                                               + type.getSimpleName());
        }
        return value;
    }
}
