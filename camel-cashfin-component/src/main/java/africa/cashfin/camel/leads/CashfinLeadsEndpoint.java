package africa.cashfin.camel.leads;

import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;

import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.consumer.IdempotentRepositorySeenStore;
import africa.cashfin.camel.leads.consumer.StateRepositoryCursorStore;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.ScanSettings;

/**
 * Create and list leads in the Cashfin CRM through the Cashfin Business API; as a consumer ({@code from}), emit every
 * new (and optionally updated) lead once.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "cashfin-leads", title = "Cashfin Leads",
             syntax = "cashfin-leads:operation", category = { Category.SAAS, Category.API },
             headersClass = CashfinLeadsConstants.class)
public class CashfinLeadsEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private final CashfinLeadsConfiguration configuration;

    private volatile CashfinClient client;

    /**
     * The consumer's scan (and with it an in-memory cursor), kept for the endpoint object's lifetime: across consumer
     * restarts (route stop/start) and endpoint stop/start, which is what a cluster leadership change under
     * {@code master:} does.
     */
    private LeadScan scan;
    /**
     * The default in-memory seen store, when the endpoint created it. Never stopped: stopping a
     * {@code MemoryIdempotentRepository} clears it, and it must outlive an endpoint stop/start like the cursor; it is
     * garbage with the endpoint.
     */
    private IdempotentRepository ownSeenRepository;

    /** Capacity of the default in-memory {@code idempotentRepository}: the most recent 100,000 keys. */
    public static final int DEFAULT_SEEN_CAPACITY = 100_000;
    /**
     * How many pages of new leads a newest-first incremental poll may hold before it switches to the backward walk: 10
     * (1,000 leads at limit 100, about 1-2 MB). Up to about that many new leads cost {@code ceil(k/limit)+1} calls.
     */
    public static final int BUFFERED_PAGES = 10;
    /** Prefix of the marker key written to the idempotent repository after the first complete scan. */
    public static final String MARKER_KEY_PREFIX = "cashfin-scan:started:";

    /**
     * Default poll delay: 5 minutes. An idle poll costs one list call, so this is 288 calls a day, under a third of
     * the Free plan's 1,000 daily calls (shared with creates); see docs/component.md, "Budget".
     */
    public static final long DEFAULT_POLL_DELAY = 300_000;

    /**
     * Re-declared only to document this component's default poll delay; the value lives in the superclass.
     */
    @UriParam(label = "consumer,scheduler", defaultValue = "300000", javaType = "java.time.Duration",
              description = "Milliseconds (or a duration such as `5m`) between the end of one poll and the start of"
                            + " the next. Default 5 minutes: an idle poll costs one list call, so 288 calls a day, under a"
                            + " third of the Free plan's 1,000 daily calls (shared with creates).")
    private long delay = DEFAULT_POLL_DELAY;

    public CashfinLeadsEndpoint(String uri, CashfinLeadsComponent component, CashfinLeadsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        super.setDelay(DEFAULT_POLL_DELAY);
    }

    @Override
    public long getDefaultDelay() {
        return DEFAULT_POLL_DELAY;
    }

    @Override
    public long getDelay() {
        return super.getDelay();
    }

    /** Milliseconds between polls (default 5 minutes). */
    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    @Override
    public CashfinLeadsComponent getComponent() {
        return (CashfinLeadsComponent) super.getComponent();
    }

    /** This endpoint's options. */
    public CashfinLeadsConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared API client; available while the endpoint is started. */
    public CashfinClient getClient() {
        CashfinClient c = client;
        if (c == null) {
            throw new IllegalStateException("Endpoint " + this + " is not started");
        }
        return c;
    }

    /** The shared API client while the endpoint is started, else null. */
    CashfinClient clientIfStarted() {
        return client;
    }

    @Override
    public Producer createProducer() {
        return new CashfinLeadsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() != CashfinLeadsOperation.list) {
            throw new IllegalArgumentException("cashfin-leads:" + configuration.getOperation() + " cannot be consumed"
                                               + " from: use from(\"cashfin-leads:list\") to receive new leads");
        }
        configuration.validateConsumer();
        CashfinLeadsConsumer consumer = new CashfinLeadsConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The scan the consumer drives, created on first use and kept for the endpoint object's lifetime, so an in-memory
     * cursor survives a route restart and an endpoint stop/start (a leadership change under {@code master:}). Starts
     * the repositories (Camel services) if they are not started (again) yet.
     */
    synchronized LeadScan leadScan() {
        IdempotentRepository seen = seenRepository();
        ServiceHelper.startService(seen, configuration.getStateRepository());
        if (scan == null) {
            String stateKey = configuration.effectiveStateKey();
            ScanSettings settings = ScanSettings.defaults()
                    .withLimit(configuration.consumerLimit())
                    .withMaxBufferedLeads(BUFFERED_PAGES * configuration.consumerLimit())
                    .withLookback(configuration.lookbackDuration())
                    .withStartFrom(configuration.parsedStartFrom())
                    .withEmitUpdates(configuration.isEmitUpdates())
                    .withMarkerKey(MARKER_KEY_PREFIX + stateKey);
            scan = new LeadScan(settings, new IdempotentRepositorySeenStore(seen),
                                configuration.getStateRepository() == null
                                        ? null : new StateRepositoryCursorStore(configuration.getStateRepository(), stateKey));
        }
        return scan;
    }

    /** The configured idempotent repository, or the endpoint's default in-memory one (created once). */
    synchronized IdempotentRepository seenRepository() {
        IdempotentRepository seen = configuration.getIdempotentRepository();
        if (seen != null) {
            return seen;
        }
        if (ownSeenRepository == null) {
            ownSeenRepository = MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_SEEN_CAPACITY);
        }
        return ownSeenRepository;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            client = getComponent().acquireClient(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the scan and the default seen store stay: a leadership change under master: stops and starts this endpoint,
        // and the regained leader must go on from its cursor, not start over
        CashfinClient c = client;
        client = null;
        if (c != null) {
            getComponent().releaseClient(c);
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.effectiveBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("operation", String.valueOf(configuration.getOperation()));
    }
}
