package africa.cashfin.camel.leads.tenants;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StatefulService;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the tenants among the live members of a Camel cluster service (ZooKeeper, Kubernetes, ...): a tenant belongs
 * to the member that {@link RendezvousHashing} picks among the members of the view {@link #getNamespace() namespace}
 * (default {@value #DEFAULT_NAMESPACE}), so every node computes the same owner without talking to the others, and a
 * join or a leave moves only about 1/n of the tenants.
 * <p>
 * Membership: the view's {@link CamelClusterView#getMembers() members}, read again every
 * {@link #setReconcileIntervalMillis reconcile interval} (1 s by default) and at once on every membership or leadership
 * event of the view. camel-zookeeper's view lists every live participant of the namespace (each node's ephemeral node
 * under {@code basePath/namespace}) but fires no membership event, hence the periodic read; camel-kubernetes' view
 * lists the running and ready pods carrying the cluster labels and fires events when that list changes. A node not
 * (or no longer) among the members owns nothing. When the view cannot be read, the last members are kept (one WARN
 * line, one INFO line when it answers again).
 * <p>
 * Handover: a tenant gained from a member that is still live (a node joined) is owned only after the
 * {@link #setHandoverDelayMillis handover delay} (3 s by default, more than the reconcile interval), so the old owner,
 * which learns of the change within one reconcile interval, has stopped its route before the new owner polls. A
 * tenant whose owner left is owned at once. Either way the tenant's cursor is fenced (the consumer claims an epoch of
 * its {@code stateKey} when it starts), so a stale owner cannot move the cursor or hand a further lead to its route;
 * see docs/cluster.md, "Tenants across a cluster".
 * <p>
 * Add it to the CamelContext as a service, or give it to {@code TenantRoutes} (e.g. as the Camel Main bean
 * {@code #bean:tenantOwnership}), which adds it to the context once the context has started; the
 * listeners given to {@link #onChange} run on a thread of their own (never on the thread that reads the members, so a
 * listener stopping routes does not delay the next read) after every change of the members, and once more when a
 * handover delay has passed.
 */
public class ClusterTenantOwnership extends ServiceSupport implements TenantOwnership, CamelContextAware {

    /** The cluster namespace whose members share the tenants unless {@link #setNamespace} says otherwise. */
    public static final String DEFAULT_NAMESPACE = "cashfin-tenants";
    /** The default of {@link #setReconcileIntervalMillis}. */
    public static final long DEFAULT_RECONCILE_INTERVAL_MILLIS = 1_000;
    /** The default of {@link #setHandoverDelayMillis}. */
    public static final long DEFAULT_HANDOVER_DELAY_MILLIS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTenantOwnership.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CamelClusterEventListener onViewEvent = new ViewEvents();
    private CamelContext camelContext;
    private CamelClusterService clusterService;
    private String namespace = DEFAULT_NAMESPACE;
    private long reconcileIntervalMillis = DEFAULT_RECONCILE_INTERVAL_MILLIS;
    private long handoverDelayMillis = DEFAULT_HANDOVER_DELAY_MILLIS;

    private volatile Membership membership = Membership.NONE;
    private CamelClusterService usedService;
    private CamelClusterView view;
    private ScheduledExecutorService reconciler;
    /** Runs the listeners, so that a listener stopping routes never holds up the next read of the members. */
    private ExecutorService notifier;
    private final AtomicBoolean notifyPending = new AtomicBoolean();
    /** Whether the last read of the view failed (touched by the reconciler thread only). */
    private boolean viewFailing;

    /** For bean binding: the cluster service is looked up in the CamelContext at start unless one is set. */
    public ClusterTenantOwnership() {
    }

    /** @param clusterService the cluster service whose members share the tenants */
    public ClusterTenantOwnership(CamelClusterService clusterService) {
        this.clusterService = Objects.requireNonNull(clusterService, "clusterService");
    }

    @Override
    public boolean owns(String tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Membership current = membership;
        if (current.localId() == null || !current.members().contains(current.localId())) { // not started: no members
            return false;
        }
        if (!current.localId().equals(RendezvousHashing.owner(tenantId, current.members()))) {
            return false;
        }
        String before = RendezvousHashing.owner(tenantId, current.previous());
        if (before == null || before.equals(current.localId()) || !current.members().contains(before)) {
            return true; // ours already, or its owner left: nobody else polls it
        }
        return System.nanoTime() - current.handoverEndsNanos() >= 0; // its owner is live: let it stop first
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The member that owns {@code tenantId} now by the hashing (whether or not its handover delay has passed). */
    public String owner(String tenantId) {
        return RendezvousHashing.owner(tenantId, membership.members());
    }

    /** The live members as last read from the view, sorted; empty before start. */
    public Set<String> members() {
        return membership.members();
    }

    @Override
    protected void doStart() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException("ClusterTenantOwnership needs its CamelContext: add it to the context"
                                            + " (context.addService) or bind it as a bean before the routes start");
        }
        usedService = clusterService != null ? clusterService : lookupClusterService();
        if (!camelContext.hasService(usedService)) {
            // a bean nobody added to the context (Camel Main's camel.beans.*): it runs with the context from now on
            camelContext.addService(usedService, true, true);
        }
        view = usedService.getView(namespace);
        membership = new Membership(view.getLocalMember().getId(), Collections.emptySortedSet(),
                Collections.emptySortedSet(), System.nanoTime(), false);
        reconciler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "CashfinTenantOwnership");
        notifier = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this,
                "CashfinTenantOwnershipListeners");
        view.addEventListener(onViewEvent);
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, reconcileIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The cluster service of the CamelContext, else the only one bound in its registry. */
    private CamelClusterService lookupClusterService() {
        Optional<CamelClusterService> inContext = ClusterServiceHelper.lookupService(camelContext);
        if (inContext.isPresent()) {
            return inContext.get();
        }
        Set<CamelClusterService> beans = camelContext.getRegistry().findByType(CamelClusterService.class);
        if (beans.size() == 1) {
            return beans.iterator().next();
        }
        throw new IllegalStateException("ClusterTenantOwnership found " + (beans.isEmpty() ? "no" : beans.size())
                                        + " CamelClusterService in the CamelContext and its registry: add one"
                                        + " (ZooKeeperClusterService, KubernetesClusterService, ...) or set"
                                        + " clusterService");
    }

    @Override
    protected void doStop() throws Exception {
        if (reconciler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(reconciler);
            reconciler = null;
        }
        if (notifier != null) {
            camelContext.getExecutorServiceManager().shutdown(notifier);
            notifier = null;
        }
        if (view != null) {
            view.removeEventListener(onViewEvent);
            usedService.releaseView(view);
            view = null;
        }
        membership = Membership.NONE;
    }

    /** Reads the members; on a change, logs one line and tells the listeners. Runs on the reconciler thread only. */
    private void reconcile() {
        CamelClusterView current = view;
        if (current == null) {
            return;
        }
        SortedSet<String> members = new TreeSet<>();
        try {
            for (CamelClusterMember member : current.getMembers()) {
                if (member.getId() != null) {
                    members.add(member.getId());
                }
            }
        } catch (RuntimeException e) {
            if (usedService instanceof StatefulService service && (service.isStopping() || service.isStopped())) {
                return; // the context stops: its cluster service went first
            }
            if (!viewFailing) {
                viewFailing = true;
                LOG.warn("The members of cluster namespace '{}' could not be read ({}): the tenants stay as they were"
                         + " shared among {} until the cluster service answers again", namespace, e.getMessage(),
                        membership.members());
            }
            return;
        }
        if (viewFailing) {
            viewFailing = false;
            LOG.info("The members of cluster namespace '{}' can be read again", namespace);
        }
        Membership before = membership;
        if (members.equals(before.members())) {
            return;
        }
        SortedSet<String> previous = before.observed() ? before.members() : without(members, before.localId());
        membership = new Membership(before.localId(), Collections.unmodifiableSortedSet(members),
                Collections.unmodifiableSortedSet(previous),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handoverDelayMillis), true);
        if (before.members().contains(before.localId()) && !members.contains(before.localId())) {
            LOG.warn("This node '{}' is no longer among the members of cluster namespace '{}' ({}): it runs no tenant"
                     + " now, the others run them. With ZooKeeper this follows an expired session, and camel-zookeeper"
                     + " does not register the node again: restart it (its CamelContext) to have it share tenants"
                     + " again", before.localId(), namespace, members);
        } else {
            LOG.info("Tenants of cluster namespace '{}' are shared among {} (were {}); this node is '{}'{}", namespace,
                    members, previous, before.localId(),
                    members.contains(before.localId()) ? "" : ", not among them (yet), and runs none");
        }
        notifyListeners();
        reconciler.schedule(this::notifyListeners, handoverDelayMillis, TimeUnit.MILLISECONDS);
    }

    private static SortedSet<String> without(SortedSet<String> members, String member) {
        SortedSet<String> others = new TreeSet<>(members);
        others.remove(member);
        return others;
    }

    /** Has the listeners run on their own thread; a change while they run makes them run once more after. */
    private void notifyListeners() {
        ExecutorService executor = notifier;
        if (executor != null && notifyPending.compareAndSet(false, true)) {
            executor.execute(this::runListeners);
        }
    }

    private void runListeners() {
        notifyPending.set(false);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener of the tenant ownership failed on a change of the members of cluster namespace"
                         + " '{}': {}", namespace, e.getMessage(), e);
            }
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public CamelClusterService getClusterService() {
        return clusterService;
    }

    /**
     * The cluster service whose members share the tenants. When unset: the one in the CamelContext, else the only one
     * bound in its registry (a {@code camel.beans.*} bean). One that is not in the context yet is added to it at start,
     * so it starts and stops with the context.
     */
    public void setClusterService(CamelClusterService clusterService) {
        this.clusterService = clusterService;
    }

    public String getNamespace() {
        return namespace;
    }

    /**
     * The cluster namespace (the view) whose members share the tenants; every node of the cluster uses the same one.
     * Use one that no {@code master:} route uses: the view also takes part in the namespace's leader election.
     */
    public void setNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        this.namespace = namespace.trim();
    }

    public long getReconcileIntervalMillis() {
        return reconcileIntervalMillis;
    }

    /**
     * How often the members are read from the view (milliseconds, default 1000). Part of the bound on how long a
     * tenant is without an owner (docs/cluster.md).
     */
    public void setReconcileIntervalMillis(long reconcileIntervalMillis) {
        if (reconcileIntervalMillis <= 0) {
            throw new IllegalArgumentException("reconcileIntervalMillis must be positive, got " + reconcileIntervalMillis);
        }
        this.reconcileIntervalMillis = reconcileIntervalMillis;
    }

    public long getHandoverDelayMillis() {
        return handoverDelayMillis;
    }

    /**
     * How long a node waits before it runs a tenant gained from a member that is still live (milliseconds, default
     * 3000): keep it above the reconcile interval plus the time a tenant route takes to stop, so that the old owner
     * has stopped first. 0 starts at once and leaves the overlap to the cursor fencing.
     */
    public void setHandoverDelayMillis(long handoverDelayMillis) {
        if (handoverDelayMillis < 0) {
            throw new IllegalArgumentException("handoverDelayMillis must not be negative, got " + handoverDelayMillis);
        }
        this.handoverDelayMillis = handoverDelayMillis;
    }

    @Override
    public String toString() {
        return "ClusterTenantOwnership[" + namespace + ", members " + membership.members() + "]";
    }

    /**
     * What the view said last.
     *
     * @param localId           this node's member id
     * @param members           the live members
     * @param previous          the members before the last change (on the first read: the members but this node)
     * @param handoverEndsNanos when tenants gained from a live member become this node's ({@link System#nanoTime()})
     * @param observed          whether the view was read at least once
     */
    private record Membership(String localId, SortedSet<String> members, SortedSet<String> previous,
                              long handoverEndsNanos, boolean observed) {
        static final Membership NONE = new Membership(null, Collections.emptySortedSet(),
                Collections.emptySortedSet(), 0, false);
    }

    /** Any membership or leadership event of the view: read the members now rather than at the next interval. */
    private final class ViewEvents implements CamelClusterEventListener.Membership,
            CamelClusterEventListener.Leadership {
        @Override
        public void memberAdded(CamelClusterView view, CamelClusterMember member) {
            reconcileSoon();
        }

        @Override
        public void memberRemoved(CamelClusterView view, CamelClusterMember member) {
            reconcileSoon();
        }

        @Override
        public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
            reconcileSoon();
        }

        private void reconcileSoon() {
            ScheduledExecutorService executor = reconciler;
            if (executor != null && !executor.isShutdown()) {
                executor.execute(ClusterTenantOwnership.this::reconcile);
            }
        }
    }
}
