package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: starts one {@link CashfinSimulator} per test class and resets it before each test.
 * Register it on a {@code static} field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();
 *
 * @Test
 * void createsLead() {
 *     template.sendBody("cashfin-leads:create?" + cashfin.endpointOptions(), Map.of("name", "Jane"));
 *     assertThat(cashfin.leadCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * A non-static field also works: the simulator is then started before each test and stopped after it.
 */
public class CashfinSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CashfinSimulatorExtension.class);

    private final CashfinSimulator simulator;
    private volatile boolean classScoped;

    /** A simulator with the builder defaults (random port, default secret, unlimited plan, no leads). */
    public CashfinSimulatorExtension() {
        this(CashfinSimulator.builder());
    }

    /** @param builder configuration of the simulator (port, secrets, plan, seed leads, clock) */
    public CashfinSimulatorExtension(CashfinSimulator.Builder builder) {
        this.simulator = builder.build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        simulator.start();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void beforeEach(ExtensionContext context) {
        if (!classScoped && !simulator.isRunning()) {
            // registered on an instance field: one simulator per test instance, stopped when the test ends
            simulator.start();
            context.getStore(NAMESPACE).put(this, (ExtensionContext.Store.CloseableResource) simulator::stop);
        }
        simulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
    }

    /** @return the simulator itself, for anything not delegated here */
    public CashfinSimulator simulator() {
        return simulator;
    }

    /** @return see {@link CashfinSimulator#baseUrl()} */
    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** @return see {@link CashfinSimulator#secret()} */
    public String secret() {
        return simulator.secret();
    }

    /**
     * @return the {@code cashfin-leads} endpoint options matching the simulator (base URL, secret, plan); see
     *         {@link CashfinSimulator#endpointOptions()}
     */
    public String endpointOptions() {
        return simulator.endpointOptions();
    }

    /** @return see {@link CashfinSimulator#componentOptions()} */
    public Map<String, Object> componentOptions() {
        return simulator.componentOptions();
    }

    /** @return see {@link CashfinSimulator#camelProperties()} */
    public java.util.Properties camelProperties() {
        return simulator.camelProperties();
    }

    /** @return see {@link CashfinSimulator#port()} */
    public int port() {
        return simulator.port();
    }

    /** See {@link CashfinSimulator#reset()}. */
    public void reset() {
        simulator.reset();
    }

    /** @param plan see {@link CashfinSimulator#plan(Plan)} @return the simulator */
    public CashfinSimulator plan(Plan plan) {
        return simulator.plan(plan);
    }

    /** @param utc see {@link CashfinSimulator#dayStart(java.time.LocalTime)} @return the simulator */
    public CashfinSimulator dayStart(java.time.LocalTime utc) {
        return simulator.dayStart(utc);
    }

    /** @param mode see {@link CashfinSimulator#rateLimitMode(RateLimitMode)} @return the simulator */
    public CashfinSimulator rateLimitMode(RateLimitMode mode) {
        return simulator.rateLimitMode(mode);
    }

    /**
     * @param min  least extra delay @param max largest extra delay @param seed random seed
     * @return the simulator; see {@link CashfinSimulator#latencyJitter(Duration, Duration, long)}
     */
    public CashfinSimulator latencyJitter(Duration min, Duration max, long seed) {
        return simulator.latencyJitter(min, max, seed);
    }

    /** @param key see {@link CashfinSimulator#pageInfoKey(PageInfoKey)} @return the simulator */
    public CashfinSimulator pageInfoKey(PageInfoKey key) {
        return simulator.pageInfoKey(key);
    }

    /** @param order see {@link CashfinSimulator#sortOrder(SortOrder)} @return the simulator */
    public CashfinSimulator sortOrder(SortOrder order) {
        return simulator.sortOrder(order);
    }

    /** @param count how many @param status status @return the simulator; see {@link CashfinSimulator#failNext(int, int)} */
    public CashfinSimulator failNext(int count, int status) {
        return simulator.failNext(count, status);
    }

    /** @param count how many @param status status @param endpoint endpoint or null @return the simulator */
    public CashfinSimulator failNext(int count, int status, Endpoint endpoint) {
        return simulator.failNext(count, status, endpoint);
    }

    /** @param count how many @param fault fault @return the simulator; see {@link CashfinSimulator#failNext(int, Fault)} */
    public CashfinSimulator failNext(int count, Fault fault) {
        return simulator.failNext(count, fault);
    }

    /** @param count how many @param fault fault @param endpoint endpoint or null @return the simulator */
    public CashfinSimulator failNext(int count, Fault fault, Endpoint endpoint) {
        return simulator.failNext(count, fault, endpoint);
    }

    /** @param count how many @param status status @return the simulator; see {@link CashfinSimulator#failNextAfterProcessing(int, int)} */
    public CashfinSimulator failNextAfterProcessing(int count, int status) {
        return simulator.failNextAfterProcessing(count, status);
    }

    /** @param count how many @param status status @param endpoint endpoint or null @return the simulator */
    public CashfinSimulator failNextAfterProcessing(int count, int status, Endpoint endpoint) {
        return simulator.failNextAfterProcessing(count, status, endpoint);
    }

    /** @param count how many @param fault fault @return the simulator */
    public CashfinSimulator failNextAfterProcessing(int count, Fault fault) {
        return simulator.failNextAfterProcessing(count, fault);
    }

    /** @param count how many @param fault fault @param endpoint endpoint or null @return the simulator */
    public CashfinSimulator failNextAfterProcessing(int count, Fault fault, Endpoint endpoint) {
        return simulator.failNextAfterProcessing(count, fault, endpoint);
    }

    /** @param rate 0..1 @param seed seed @return the simulator; see {@link CashfinSimulator#randomFailureRate(double, long)} */
    public CashfinSimulator randomFailureRate(double rate, long seed) {
        return simulator.randomFailureRate(rate, seed);
    }

    /** @param latency added delay @return the simulator */
    public CashfinSimulator latency(Duration latency) {
        return simulator.latency(latency);
    }

    /** @return the simulator; see {@link CashfinSimulator#leadsLeaveWhilePaging(int, Departure)} */
    public CashfinSimulator leadsLeaveWhilePaging(int leads, Departure how) {
        return simulator.leadsLeaveWhilePaging(leads, how);
    }

    /** @return the simulator; see {@link CashfinSimulator#malformedRecords(int)} */
    public CashfinSimulator malformedRecords(int everyNth) {
        return simulator.malformedRecords(everyNth);
    }

    /** @return see {@link CashfinSimulator#malformedLeadIds()} */
    public List<String> malformedLeadIds() {
        return simulator.malformedLeadIds();
    }

    /** @return the simulator; see {@link CashfinSimulator#pageInfoShape(PageInfoShape)} */
    public CashfinSimulator pageInfoShape(PageInfoShape shape) {
        return simulator.pageInfoShape(shape);
    }

    /** @param seed random seed @return the simulator; see {@link CashfinSimulator#shuffleTies(long)} */
    public CashfinSimulator shuffleTies(long seed) {
        return simulator.shuffleTies(seed);
    }

    /** @return the simulator; see {@link CashfinSimulator#stableTies()} */
    public CashfinSimulator stableTies() {
        return simulator.stableTies();
    }

    /** @param delay how long a new lead stays out of the list @return the simulator; see {@link CashfinSimulator#lateVisibility(Duration)} */
    public CashfinSimulator lateVisibility(Duration delay) {
        return simulator.lateVisibility(delay);
    }

    /** @return see {@link CashfinSimulator#lateLeadIds()} */
    public List<String> lateLeadIds() {
        return simulator.lateLeadIds();
    }

    /** @param count how many @param age how old @return the stored leads; see {@link CashfinSimulator#backdatedLeads(int, Duration)} */
    public List<Map<String, Object>> backdatedLeads(int count, Duration age) {
        return simulator.backdatedLeads(count, age);
    }

    /** @param rate changes per list request @param seed seed @return the simulator; see {@link CashfinSimulator#churn(double, long)} */
    public CashfinSimulator churn(double rate, long seed) {
        return simulator.churn(rate, seed);
    }

    /** @param max most leads per page @return the simulator; see {@link CashfinSimulator#limitCap(int)} */
    public CashfinSimulator limitCap(int max) {
        return simulator.limitCap(max);
    }

    /** @param on HTML pages for injected 502/503/504 @return the simulator; see {@link CashfinSimulator#gatewayErrorPages(boolean)} */
    public CashfinSimulator gatewayErrorPages(boolean on) {
        return simulator.gatewayErrorPages(on);
    }

    /** @param format seconds or HTTP date @return the simulator; see {@link CashfinSimulator#retryAfterFormat(RetryAfterFormat)} */
    public CashfinSimulator retryAfterFormat(RetryAfterFormat format) {
        return simulator.retryAfterFormat(format);
    }

    /** @param id lead id @param source new source @return the updated lead; see {@link CashfinSimulator#updateLeadSource(String, String)} */
    public Map<String, Object> updateLeadSource(String id, String source) {
        return simulator.updateLeadSource(id, source);
    }

    /** @return see {@link CashfinSimulator#seedLeads(int, long, Duration)} */
    public List<Map<String, Object>> seedLeads(int count, long seed, Duration spacing) {
        return simulator.seedLeads(count, seed, spacing);
    }

    /** @param leadsPerPage leads inserted per list call @return the simulator; see {@link CashfinSimulator#busyCrm(int)} */
    public CashfinSimulator busyCrm(int leadsPerPage) {
        return simulator.busyCrm(leadsPerPage);
    }

    /** @param echo see {@link CashfinSimulator#secretEcho(SecretEcho)} @return the simulator */
    public CashfinSimulator secretEcho(SecretEcho echo) {
        return simulator.secretEcho(echo);
    }

    /** @param id lead id @param status new status @return the updated lead */
    public Map<String, Object> updateLead(String id, String status) {
        return simulator.updateLead(id, status);
    }

    /** @param lead fields @return the stored lead; see {@link CashfinSimulator#addLead(Map)} */
    public Map<String, Object> addLead(Map<String, ?> lead) {
        return simulator.addLead(lead);
    }

    /** @param leads lead field maps @return the stored leads */
    public List<Map<String, Object>> insertLeads(List<? extends Map<String, ?>> leads) {
        return simulator.insertLeads(leads);
    }

    /** @param count how many generated leads @return the stored leads */
    public List<Map<String, Object>> insertLeads(int count) {
        return simulator.insertLeads(count);
    }

    /** @param count how many @param seed seed @return the stored leads; see {@link CashfinSimulator#seedLeads(int, long)} */
    public List<Map<String, Object>> seedLeads(int count, long seed) {
        return simulator.seedLeads(count, seed);
    }

    /** @return see {@link CashfinSimulator#leads()} */
    public List<Map<String, Object>> leads() {
        return simulator.leads();
    }

    /** @return see {@link CashfinSimulator#leadCount()} */
    public int leadCount() {
        return simulator.leadCount();
    }

    /** @param endpoint endpoint @param outcome outcome @return see {@link CashfinSimulator#requestCount(Endpoint, Outcome)} */
    public long requestCount(Endpoint endpoint, Outcome outcome) {
        return simulator.requestCount(endpoint, outcome);
    }

    /** @param endpoint endpoint @return see {@link CashfinSimulator#requestCount(Endpoint)} */
    public long requestCount(Endpoint endpoint) {
        return simulator.requestCount(endpoint);
    }

    /** @param outcome outcome @return see {@link CashfinSimulator#requestCount(Outcome)} */
    public long requestCount(Outcome outcome) {
        return simulator.requestCount(outcome);
    }

    /** @return see {@link CashfinSimulator#totalRequests()} */
    public long totalRequests() {
        return simulator.totalRequests();
    }

    /** @return see {@link CashfinSimulator#createCalls()} */
    public long createCalls() {
        return simulator.createCalls();
    }

    /** @return see {@link CashfinSimulator#listCalls()} */
    public long listCalls() {
        return simulator.listCalls();
    }
}
