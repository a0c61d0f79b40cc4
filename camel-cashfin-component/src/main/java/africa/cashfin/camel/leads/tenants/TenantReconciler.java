package africa.cashfin.camel.leads.tenants;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one route per owned, valid tenant row running, made from the row's route template: at context start, then on
 * every re-read of the tenant table ({@code interval}) and whenever the {@link TenantOwnership} says ownership may
 * have changed. Adds the routes of new tenants, replaces (stops, removes, adds) those whose row changed and stops and
 * removes those that left the table or this node. One line per change; a bad row or a route that fails to start logs
 * one ERROR (again only when its message changes) and leaves the other tenants alone.
 */
final class TenantReconciler extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRoutes.class);

    private final CamelContext context;
    private final TenantSource source;
    private final String defaultTemplate;
    private final long intervalMillis;
    private final TenantOwnership ownership;

    /** The rows of the running routes, by tenant id. Guarded by this. */
    private final Map<String, TenantRow> running = new LinkedHashMap<>();
    /** The last message logged per tenant id (a bad row or a failed start), so each is logged once. Guarded by this. */
    private final Map<String, String> reported = new HashMap<>();
    private List<TenantEntry> lastEntries = List.of();
    /**
     * The rows checked on the last pass, by their whole content: a row that did not change is not checked again, so
     * its secret reference is resolved (a vault asked) once per change of the row, not on every pass. Only good rows
     * are kept: a bad one (say a reference that does not resolve yet) is checked again on each pass. Guarded by this.
     */
    private Map<TenantEntry, TenantRow> checked = Map.of();
    private String readError;
    private volatile ScheduledExecutorService executor;
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    /** The ownership listener is registered once: it reads {@link #executor} when it runs, so it outlives a restart. */
    private final java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean();

    TenantReconciler(CamelContext context, TenantSource source, String defaultTemplate, long intervalMillis,
                     TenantOwnership ownership) {
        this.context = context;
        this.source = source;
        this.defaultTemplate = defaultTemplate;
        this.intervalMillis = intervalMillis;
        this.ownership = ownership;
    }

    /**
     * Registered with the context by {@link TenantRoutes}: starts the re-reads once the context has started (its
     * routes and templates are in). Camel calls these again whenever routes start (ours too): only the first counts.
     */
    @Override
    public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
        if (alreadyStarted) {
            begin(); // added to a running context
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
        begin();
    }

    private void begin() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CashfinTenantRoutes");
        if (listening.compareAndSet(false, true)) {
            ownership.onChange(() -> {
                ScheduledExecutorService e = executor;
                if (e != null && !e.isShutdown()) {
                    e.execute(() -> reconcile(false));
                }
            });
        }
        startOwnership(); // after the listener: its first reading of the members is heard
        executor.execute(() -> {
            reconcile(true);
            LOG.info("Tenant routes from {}: {} tenant(s) running, template {} by default, read again every {} ms",
                     source, runningTenants().size(), defaultTemplate, intervalMillis);
        });
        executor.scheduleWithFixedDelay(() -> reconcile(true), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * An ownership given as a bean (Camel Main, YAML) is started by nobody else: add it to the context now that the
     * context has started (a {@link ClusterTenantOwnership} then finds its cluster service among the context's
     * services or the registry's beans). One in the context already (Java: {@code context.addService(ownership)}) is
     * left alone.
     */
    private void startOwnership() {
        if (ownership instanceof Service service && !context.hasService(service)) {
            try {
                context.addService(service, true, true);
            } catch (Exception e) {
                LOG.error("Tenant routes from {}: the tenant ownership {} did not start ({}); this node runs no tenant",
                          source, service, e.getMessage(), e);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        ScheduledExecutorService e = executor;
        executor = null;
        scheduled.set(false);
        if (e != null) {
            context.getExecutorServiceManager().shutdownNow(e);
        }
    }

    /** The ids of the tenants whose routes run now, sorted. */
    synchronized Set<String> runningTenants() {
        return Collections.unmodifiableSet(new TreeSet<>(running.keySet()));
    }

    /**
     * Brings the routes in line with the table (read again when {@code reread}, else the last rows read) and the
     * ownership. Never throws: what fails is logged.
     */
    synchronized void reconcile(boolean reread) {
        if (!context.getStatus().isStarted() || executor == null) {
            return;
        }
        try {
            if (reread && !read()) {
                return;
            }
            apply(wanted());
        } catch (RuntimeException e) {
            LOG.error("Tenant routes from {}: the re-read failed unexpectedly ({}); tried again in {} ms", source,
                      e.toString(), intervalMillis, e);
        }
    }

    private boolean read() {
        try {
            lastEntries = source.read();
            if (readError != null) {
                LOG.info("Tenant table {} is readable again", source);
                readError = null;
            }
            return true;
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!message.equals(readError)) {
                LOG.error("Cannot read the tenant table {} ({}): the {} running tenant(s) keep running as they are;"
                          + " read again every {} ms", source, message, running.size(), intervalMillis);
                readError = message;
            }
            return false;
        }
    }

    /** The rows that should run here now: each owned valid row, and the running row of an owned tenant whose new row is bad. */
    private Map<String, TenantRow> wanted() {
        Map<String, TenantRow> wanted = new LinkedHashMap<>();
        Map<TenantEntry, TenantRow> nowChecked = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        Set<String> problems = new TreeSet<>();
        for (TenantEntry entry : lastEntries) {
            TenantRow row;
            try {
                if (!seen.add(entry.id())) {
                    throw new InvalidTenantRowException(entry.id(), source.toString(), "tenant id",
                            "appears more than once: only its first row is used; give each tenant one row");
                }
                row = checked.get(entry);
                if (row == null) {
                    row = TenantRows.check(entry, source.toString(), defaultTemplate, context);
                }
                nowChecked.put(entry, row);
            } catch (InvalidTenantRowException e) {
                problems.add(e.row());
                TenantRow last = running.get(e.row());
                report(e.row(), e.getMessage() + (last != null
                        ? ". The tenant keeps running its last good row; the other tenants are not affected"
                        : ". The tenant does not run until its row is fixed; the other tenants are not affected"));
                if (last != null && ownership.owns(e.row())) {
                    wanted.put(e.row(), last);
                }
                continue;
            }
            if (row.equals(running.get(row.id()))) {
                reported.remove(row.id()); // a problem that comes back is logged again
            }
            if (ownership.owns(row.id())) {
                wanted.put(row.id(), row);
            }
        }
        reported.keySet().removeIf(id -> !problems.contains(id) && !seen.contains(id));
        checked = nowChecked;
        return wanted;
    }

    private void apply(Map<String, TenantRow> wanted) {
        TenantChanges changes = TenantChanges.between(running, wanted);
        for (String id : changes.removed()) {
            TenantRow row = running.remove(id);
            remove(row);
            reported.remove(id);
            LOG.info("Tenant {} removed: its route {} is stopped and removed ({})", id, row.routeId(),
                     seenInTable(id) ? "no longer owned by this node" : "no longer in " + source);
        }
        for (TenantRow row : changes.changed()) {
            remove(running.remove(row.id()));
            if (add(row)) {
                LOG.info("Tenant {} changed: its route {} is replaced (template {})", row.id(), row.routeId(),
                         row.template());
            }
        }
        for (TenantRow row : changes.added()) {
            if (add(row)) {
                LOG.info("Tenant {} added: route {} from template {}", row.id(), row.routeId(), row.template());
            }
        }
    }

    private boolean seenInTable(String id) {
        return lastEntries.stream().anyMatch(e -> id.equals(e.id()));
    }

    private boolean add(TenantRow row) {
        if (!ownership.owns(row.id())) {
            // the members changed while this pass started the routes before it (a route start can take a while):
            // leave the tenant to its new owner; the change's own pass follows this one
            LOG.info("Tenant {}: its route {} is not started, the tenant is no longer owned by this node", row.id(),
                     row.routeId());
            return false;
        }
        try {
            Map<String, Object> parameters = new HashMap<>(row.parameters());
            TemplatedRouteBuilder.builder(context, row.template()).routeId(row.routeId()).parameters(parameters).add();
            org.apache.camel.ServiceStatus status = context.getRouteController().getRouteStatus(row.routeId());
            if (status != null && status.isStopped()) {
                context.getRouteController().startRoute(row.routeId());
            }
            running.put(row.id(), row);
            if (reported.remove(row.id()) != null) {
                LOG.info("Tenant {} runs again", row.id());
            }
            return true;
        } catch (Exception e) {
            removeQuietly(row.routeId());
            LOG.debug("Tenant {}: the start of its route {} failed", row.id(), row.routeId(), e);
            report(row.id(), row.toString(), "Tenant " + row.id() + " of " + source + ": its route " + row.routeId()
                             + " from template " + row.template() + " failed to start (" + e.getMessage()
                             + "). Fix the row; it is tried again at each re-read; the other tenants are not affected");
            return false;
        }
    }

    private void report(String id, String message) {
        report(id, message, message);
    }

    /** Logs {@code message} unless the last report of tenant {@code id} had the same {@code key}. */
    private void report(String id, String key, String message) {
        if (!key.equals(reported.put(id, key))) {
            LOG.error(message);
        }
    }

    private void remove(TenantRow row) {
        try {
            context.getRouteController().stopRoute(row.routeId());
            context.removeRoute(row.routeId());
        } catch (Exception e) {
            LOG.error("Tenant {}: its route {} could not be stopped and removed ({})", row.id(), row.routeId(),
                      e.getMessage());
        }
    }

    private void removeQuietly(String routeId) {
        try {
            if (context.getRoute(routeId) != null) {
                context.getRouteController().stopRoute(routeId);
                context.removeRoute(routeId);
            }
        } catch (Exception e) {
            LOG.debug("Removing the failed route {}: {}", routeId, e.toString());
        }
    }
}
