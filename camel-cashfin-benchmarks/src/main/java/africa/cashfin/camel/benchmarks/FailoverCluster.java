package africa.cashfin.camel.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.apache.curator.test.TestingServer;

import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;
import africa.cashfin.camel.leads.state.PostgresAdmissionLog;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * The failover scenario of issue 11, shared by the benchmark main and the CI test: a simulator with a plan (and a
 * busy CRM inserting leads while the consumer pages), a ZooKeeper, a PostgreSQL; three nodes ({@link FailoverNode})
 * that poll under {@code master:} and bulk-create their own queues at the same time; the leader is stopped (or
 * killed) at given fractions of the backfill and restarted, as an orchestrator would. Measures exactly-once
 * emission, the combined call rate against the plan, 429s and each node's share of the creates.
 */
public final class FailoverCluster {

    /** How a node is stopped. */
    public enum Kill {
        /** SIGTERM to the node's JVM (or a graceful stop in-process): in-flight work completes. */
        GRACEFUL,
        /** SIGKILL to the node's JVM: nothing completes; ZooKeeper notices when the session expires. */
        HARD
    }

    /**
     * @param backfill          leads in Cashfin before the nodes start
     * @param queuePerNode      leads each node creates
     * @param batch             leads per bulk create
     * @param createConcurrency creates in flight per node (the bulk create's {@code concurrency})
     * @param perSecond         plan calls/second
     * @param perMinute         plan calls/minute
     * @param margin            the nodes' {@code rateLimitMargin}
     * @param window            how the simulator counts the plan: fixed windows or a sliding log at arrival
     * @param jitter            the most the simulator delays a request before counting it (network jitter; 0: none)
     * @param busyCrmPerPage    leads the busy CRM inserts before each list page
     * @param killAt            fractions of the backfill emitted at which the current leader is stopped
     * @param kill              how
     * @param separateJvms      each node in its own JVM (the benchmark) or in this one (the CI test)
     * @param timeout           give up after
     * @param createOptions     extra options of every node's create endpoint (e.g. a budget reserve), or ""
     * @param consumerOptions   extra options of every node's consumer endpoint, or ""
     * @param consumerThrottle  leads per second every node's consumer route lets through (throttle EIP); 0: no limit
     */
    public record Settings(int backfill, int queuePerNode, int batch, int createConcurrency, int perSecond,
                           int perMinute, double margin, RateLimitMode window, Duration jitter, int busyCrmPerPage,
                           double[] killAt,
                           Kill kill, boolean separateJvms, Duration timeout, String createOptions,
                           String consumerOptions, int consumerThrottle, List<ScheduledFault> faults) {

        /** Without faults. */
        public Settings(int backfill, int queuePerNode, int batch, int createConcurrency, int perSecond, int perMinute,
                        double margin, RateLimitMode window, Duration jitter, int busyCrmPerPage, double[] killAt,
                        Kill kill, boolean separateJvms, Duration timeout, String createOptions,
                        String consumerOptions, int consumerThrottle) {
            this(backfill, queuePerNode, batch, createConcurrency, perSecond, perMinute, margin, window, jitter,
                    busyCrmPerPage, killAt, kill, separateJvms, timeout, createOptions, consumerOptions,
                    consumerThrottle, List.of());
        }

        /** Without extra endpoint options. */
        public Settings(int backfill, int queuePerNode, int batch, int createConcurrency, int perSecond, int perMinute,
                        double margin, RateLimitMode window, Duration jitter, int busyCrmPerPage, double[] killAt,
                        Kill kill, boolean separateJvms, Duration timeout) {
            this(backfill, queuePerNode, batch, createConcurrency, perSecond, perMinute, margin, window, jitter,
                    busyCrmPerPage, killAt, kill, separateJvms, timeout, "", "", 0, List.of());
        }
    }

    /**
     * @param leadsInCashfin    leads the simulator holds at the end (backfill + busy-CRM inserts + creates)
     * @param emittedRows       rows in {@code emitted}: leads the consumer routes received, on all nodes
     * @param emittedDistinct   distinct lead ids among them
     * @param missing           leads in Cashfin never emitted
     * @param createdByNode     leads created per node
     * @param sharesAllRunning  each node's share of the creates made while all three nodes were running and creating
     *                          (from the start to the first drained queue, leaving out each restart until the
     *                          restarted node's first create)
     * @param kills             leaders stopped (node ids, in order)
     * @param callRate          successful calls per second (creates and lists) while the queues drained, counted by
     *                          the simulator
     * @param createRate        successful creates per second in the same interval
     * @param planRate          the plan's sustained calls per second
     * @param rateLimited       429 answers
     * @param seconds           time from the first create to the last queue drained
     */
    public record Report(int leadsInCashfin, long emittedRows, long emittedDistinct, long missing,
                         Map<String, Long> createdByNode, Map<String, Double> sharesAllRunning, List<String> kills,
                         double callRate, double createRate, double planRate, long rateLimited, double seconds,
                         List<String> faults, long injected429, long duplicateBound, double longestStallSeconds) {

        /** Without chaos figures. */
        public Report(int leadsInCashfin, long emittedRows, long emittedDistinct, long missing,
                      Map<String, Long> createdByNode, Map<String, Double> sharesAllRunning, List<String> kills,
                      double callRate, double createRate, double planRate, long rateLimited, double seconds) {
            this(leadsInCashfin, emittedRows, emittedDistinct, missing, createdByNode, sharesAllRunning, kills,
                    callRate, createRate, planRate, rateLimited, seconds, List.of(), 0, 0, 0);
        }

        /** @return leads emitted more than once (rows beyond the distinct ids) */
        public long duplicates() {
            return emittedRows - emittedDistinct;
        }

        /** @return emitted exactly once: as many rows as leads, none missing */
        public boolean exactlyOnce() {
            return emittedRows == emittedDistinct && missing == 0 && emittedDistinct == leadsInCashfin;
        }
    }

    private static final List<String> NODES = List.of("A", "B", "C");

    private final Settings settings;
    private final Consumer<String> log;
    private ProxyManager<String> sharedStore;
    private SharedAdmissionLog sharedLog;

    public FailoverCluster(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs the scenario; every service it starts is stopped before it returns. */
    public Report run() throws Exception {
        try (CashfinSimulator sim = CashfinSimulator.builder()
                .plan(Plan.custom(settings.perSecond(), settings.perMinute(), 10_000_000))
                .rateLimitMode(settings.window())
                .seedLeads(settings.backfill(), 11).start();
             TestingServer zooKeeper = new TestingServer(true);
             RestartablePostgres postgres = new RestartablePostgres()) {
            DataSource db = postgres.dataSource();
            FailoverNode.createTables(db);
            sim.busyCrm(settings.busyCrmPerPage());
            sim.latencyJitter(Duration.ZERO, settings.jitter(), 7);
            FailoverNodeSettings base = new FailoverNodeSettings("?", sim.baseUrl(), sim.secret(),
                    zooKeeper.getConnectString(), postgres.jdbcUrl(), settings.perSecond(),
                    settings.perMinute(), settings.margin(), settings.queuePerNode(), settings.batch(),
                    settings.createConcurrency(), 200,
                    settings.kill() == Kill.HARD || !settings.faults().isEmpty() ? 4_000 : 30_000,
                    settings.createOptions(),
                    settings.consumerOptions(), settings.consumerThrottle());
            sharedStore = settings.separateJvms() ? null : FailoverNode.postgresStore(db);
            sharedLog = settings.separateJvms() ? null : new PostgresAdmissionLog(db);
            Map<String, NodeHandle> nodes = new ConcurrentHashMap<>();
            for (String id : NODES) {
                nodes.put(id, launch(base.withNode(id)));
            }
            try {
                return drive(sim, db, postgres, new AtomicReference<>(base), nodes);
            } finally {
                for (NodeHandle node : nodes.values()) {
                    node.stop(Kill.GRACEFUL);
                }
            }
        }
    }

    private Report drive(CashfinSimulator sim, DataSource db, RestartablePostgres postgres,
                         AtomicReference<FailoverNodeSettings> base, Map<String, NodeHandle> nodes) throws Exception {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<String> kills = new ArrayList<>();
        int nextKill = 0;
        long totalQueue = (long) settings.queuePerNode() * NODES.size();
        // the rate window: from the first create the simulator answered to the last of the queues, both read from
        // the simulator's own counters, sampled together every 200 ms
        Long firstCreateNanos = null;
        long callsAtFirstCreate = 0;
        long createsAtFirstCreate = 0;
        Long drainedNanos = null;
        long callsAtDrained = 0;
        long createsAtDrained = 0;
        List<Instant> killTimes = new ArrayList<>();
        long lastReport = 0;
        Chaos chaos = new Chaos(sim, postgres, base, nodes);
        ExecutorService faultThread = Executors.newSingleThreadExecutor();
        Future<?> faultInProgress = null;
        int nextFault = 0;
        long rateLimitedSeen = 0;
        try {
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the failover scenario did not finish within "
                                                    + settings.timeout() + ": " + counts(db));
                }
                long emitted;
                Map<String, Long> created;
                try {
                    emitted = scalar(db, "SELECT COUNT(*) FROM emitted");
                    created = createdByNode(db);
                } catch (SQLException e) {
                    Thread.sleep(200); // the database is restarting (a fault): look again
                    continue;
                }
                long createdTotal = created.values().stream().mapToLong(Long::longValue).sum();
                long now = System.nanoTime();
                long calls = sim.requestCount(Outcome.OK);
                long creates = sim.requestCount(Endpoint.CREATE, Outcome.OK);
                if (firstCreateNanos == null && creates > 0) {
                    firstCreateNanos = now;
                    callsAtFirstCreate = calls;
                    createsAtFirstCreate = creates;
                    chaos.planSince(now, settings.perSecond(), settings.perMinute());
                }
                if (nextKill < settings.killAt().length
                    && emitted >= settings.killAt()[nextKill] * settings.backfill()) {
                    String leader = scalarText(db, "SELECT node FROM emitted ORDER BY seq DESC LIMIT 1");
                    log.accept(String.format("kill %d: leader %s after %d leads emitted (%s)", nextKill + 1, leader,
                            emitted, settings.kill()));
                    killTimes.add(Instant.now());
                    chaos.restart(leader, settings.kill());
                    kills.add(leader);
                    nextKill++;
                }
                if (nextFault < settings.faults().size() && (faultInProgress == null || faultInProgress.isDone())
                    && emitted >= settings.faults().get(nextFault).at() * settings.backfill()) {
                    ScheduledFault fault = settings.faults().get(nextFault++);
                    String leader = scalarText(db, "SELECT node FROM emitted ORDER BY seq DESC LIMIT 1");
                    log.accept(String.format("fault %s: after %d leads emitted, %.1f s after the first create, leader %s",
                            fault, emitted, firstCreateNanos == null ? 0.0 : (now - firstCreateNanos) / 1e9, leader));
                    faultInProgress = faultThread.submit(() -> chaos.apply(fault, leader));
                }
                if (drainedNanos == null && (creates >= totalQueue || createdTotal >= totalQueue)) {
                    drainedNanos = now;
                    callsAtDrained = calls;
                    createsAtDrained = creates;
                    sim.busyCrm(0);
                    log.accept("all queues drained; busy CRM off; waiting for the consumer to catch up");
                }
                boolean faultsDone = nextFault >= settings.faults().size()
                                     && (faultInProgress == null || faultInProgress.isDone());
                if (drainedNanos != null && nextKill >= settings.killAt().length && faultsDone) {
                    long distinct = scalar(db, "SELECT COUNT(DISTINCT lead_id) FROM emitted");
                    if (distinct >= sim.leadCount()) {
                        break;
                    }
                }
                long rateLimited = sim.requestCount(Outcome.RATE_LIMITED);
                if (rateLimited > rateLimitedSeen) { // when each 429 came, to attribute it to a fault or the limits
                    log.accept(String.format("429s +%d at %.1f s after the first create (last fault started: %s)",
                            rateLimited - rateLimitedSeen,
                            firstCreateNanos == null ? 0.0 : (now - firstCreateNanos) / 1e9,
                            nextFault == 0 ? "none" : settings.faults().get(nextFault - 1)));
                    rateLimitedSeen = rateLimited;
                }
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    log.accept(counts(db) + ", leads in Cashfin " + sim.leadCount() + ", 429s "
                               + sim.requestCount(Outcome.RATE_LIMITED));
                    lastReport = now;
                }
                Thread.sleep(200);
            }
            if (faultInProgress != null) {
                faultInProgress.get(); // a fault that failed fails the run
            }
        } finally {
            faultThread.shutdownNow();
        }
        Thread.sleep(1_000); // let a duplicate, if any, arrive before counting
        Set<String> inCashfin = new HashSet<>();
        sim.leads().forEach(l -> inCashfin.add((String) l.get("_id")));
        Set<String> emittedIds = new HashSet<>(texts(db, "SELECT DISTINCT lead_id FROM emitted"));
        Set<String> missing = new HashSet<>(inCashfin);
        missing.removeAll(emittedIds);
        double seconds = (drainedNanos - firstCreateNanos) / 1e9;
        Map<String, Double> shares = sharesWhileAllRan(sim, killTimes);
        return new Report(inCashfin.size(), scalar(db, "SELECT COUNT(*) FROM emitted"), emittedIds.size(),
                missing.size(), createdByNode(db), shares, kills, (callsAtDrained - callsAtFirstCreate) / seconds,
                (createsAtDrained - createsAtFirstCreate) / seconds, chaos.planRate(firstCreateNanos, drainedNanos),
                sim.requestCount(Outcome.RATE_LIMITED), seconds, chaos.applied(), chaos.injected429(),
                chaos.duplicateBound(), chaos.longestStallSeconds(db));
    }

    /**
     * Applies the faults of the chaos run (on the fault thread) and keeps what the figures need: the plan over time,
     * the 429s it injected, when each node was stopped, and how many leads may come twice (see docs/cluster.md).
     */
    private final class Chaos {
        private final CashfinSimulator sim;
        private final RestartablePostgres postgres;
        private final AtomicReference<FailoverNodeSettings> base;
        private final Map<String, NodeHandle> nodes;
        private final List<String> applied = new CopyOnWriteArrayList<>();
        /** {nanoTime, plan calls per second} from each change on. */
        private final List<double[]> plans = new CopyOnWriteArrayList<>();
        /** Per node, when it was stopped (its create job's gap then is a restart, not a stall). */
        private final Map<String, List<Instant>> stops = new ConcurrentHashMap<>();
        private final AtomicLong injected429 = new AtomicLong();
        private final AtomicLong duplicateBound = new AtomicLong();

        Chaos(CashfinSimulator sim, RestartablePostgres postgres, AtomicReference<FailoverNodeSettings> base,
              Map<String, NodeHandle> nodes) {
            this.sim = sim;
            this.postgres = postgres;
            this.base = base;
            this.nodes = nodes;
        }

        void planSince(long nanos, int perSecond, int perMinute) {
            plans.add(new double[] { nanos, Math.min(perSecond, perMinute / 60.0) });
        }

        void restart(String node, Kill how) throws Exception {
            stops.computeIfAbsent(node, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
            nodes.get(node).stop(how);
            nodes.put(node, launch(base.get().withNode(node)));
        }

        Void apply(ScheduledFault scheduled, String leader) throws Exception {
            long start = System.nanoTime();
            String what;
            switch (scheduled.fault()) {
                case ZK_EXPIRY -> {
                    nodes.get(leader).expireSession(Duration.ofSeconds(10));
                    duplicateBound.incrementAndGet(); // the lead in hand (fenced leadership)
                    what = "leader " + leader + (settings.separateJvms() ? " frozen 10 s (SIGSTOP/SIGCONT)"
                            : " session expired (KillSession)");
                }
                case SERVER_ERRORS -> {
                    sim.failNext(10, 503);
                    what = "next 10 calls answered 503";
                }
                case RATE_LIMIT_STORM -> {
                    sim.failNext(20, 429);
                    injected429.addAndGet(20);
                    what = "next 20 calls answered 429";
                }
                case PG_STALL -> {
                    List<String> keys = postgres.stallSharedLog(Duration.ofSeconds(10));
                    long restart = System.nanoTime();
                    postgres.restart();
                    duplicateBound.incrementAndGet(); // a lead emitted whose key the restart kept from being written
                    what = "advisory locks of " + keys.size() + " log key(s) held 10 s, then PostgreSQL restarted in "
                           + Math.round((System.nanoTime() - restart) / 1e6) + " ms";
                }
                case SIGKILL -> {
                    if (settings.separateJvms()) {
                        restart(leader, Kill.HARD);
                        duplicateBound.incrementAndGet(); // the crash window: a lead done, its key not yet written
                        what = "leader " + leader + " SIGKILLed and started again";
                    } else {
                        what = "skipped (one JVM: no process to kill)";
                    }
                }
                case PLAN_CHANGE -> {
                    FailoverNodeSettings old = base.get();
                    int perSecond = (int) Math.round(old.perSecond() * 1.2);
                    int perMinute = (int) Math.round(old.perMinute() * 1.2);
                    sim.plan(Plan.custom(perSecond, perMinute, 10_000_000));
                    planSince(System.nanoTime(), perSecond, perMinute);
                    base.set(old.withPlan(perSecond, perMinute));
                    // every node stops, then all start with the new plan: a JVM's endpoints on one secret must agree
                    // on its limits (and the shared bucket keeps the configuration stored first: issue 18 part 2)
                    for (String node : NODES) {
                        stops.computeIfAbsent(node, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
                        nodes.get(node).stop(Kill.GRACEFUL);
                    }
                    for (String node : NODES) {
                        nodes.put(node, launch(base.get().withNode(node)));
                    }
                    what = "plan " + old.perSecond() + "/s " + old.perMinute() + "/min -> " + perSecond + "/s "
                           + perMinute + "/min on the server, then every node stopped and started with it";
                }
                default -> throw new IllegalStateException(scheduled.fault().toString());
            }
            String line = scheduled + ": " + what + " (" + Math.round((System.nanoTime() - start) / 1e6) + " ms)";
            applied.add(line);
            log.accept("fault done: " + line);
            return null;
        }

        List<String> applied() {
            return List.copyOf(applied);
        }

        long injected429() {
            return injected429.get();
        }

        long duplicateBound() {
            return duplicateBound.get();
        }

        /** The plan's calls per second averaged over time between {@code from} and {@code to} (nanoTime). */
        double planRate(long from, long to) {
            double weighted = 0;
            for (int i = 0; i < plans.size(); i++) {
                double start = Math.max(from, plans.get(i)[0]);
                double end = i + 1 < plans.size() ? Math.min(to, plans.get(i + 1)[0]) : to;
                weighted += Math.max(0, end - start) * plans.get(i)[1];
            }
            return weighted / (to - from);
        }

        /**
         * The longest time any node's create job went without recording a created batch while it was running (a
         * gap that spans the node's own stop and restart is not a stall), in seconds.
         */
        double longestStallSeconds(DataSource db) throws SQLException {
            double longest = 0;
            for (String node : NODES) {
                // the column is a timestamp in the sessions' time zone (the JVMs'): back to an instant the same way
                List<String> stamps = texts(db, "SELECT (EXTRACT(EPOCH FROM at::timestamptz) * 1000)::bigint"
                                                + " FROM created WHERE node = '" + node + "' ORDER BY seq");
                List<Instant> nodeStops = stops.getOrDefault(node, List.of());
                for (int i = 1; i < stamps.size(); i++) {
                    Instant before = Instant.ofEpochMilli(Long.parseLong(stamps.get(i - 1)));
                    Instant after = Instant.ofEpochMilli(Long.parseLong(stamps.get(i)));
                    boolean restarted = nodeStops.stream().anyMatch(t -> !t.isBefore(before) && !t.isAfter(after));
                    if (!restarted) {
                        longest = Math.max(longest, Duration.between(before, after).toMillis() / 1000.0);
                    }
                }
            }
            return longest;
        }
    }

    /**
     * Each node's share of the creates the simulator stamped while all three nodes were creating: from the last
     * node's first create to the first kill, from the restarted node's first create to the next kill, and so on,
     * up to the moment the first node drained its queue (server {@code createdat} stamps, so no batch granularity).
     */
    private static Map<String, Double> sharesWhileAllRan(CashfinSimulator sim, List<Instant> killTimes) {
        Map<String, List<Instant>> stamps = new LinkedHashMap<>();
        NODES.forEach(id -> stamps.put(id, new ArrayList<>()));
        for (Map<String, Object> lead : sim.leads()) {
            Object source = lead.get("source");
            if (source instanceof String text && text.startsWith("node-") && stamps.containsKey(text.substring(5))) {
                stamps.get(text.substring(5)).add(Instant.parse(String.valueOf(lead.get("createdat"))));
            }
        }
        stamps.values().forEach(list -> list.sort(null));
        Instant end = stamps.values().stream().filter(list -> !list.isEmpty()).map(list -> list.get(list.size() - 1))
                .min(Instant::compareTo).orElse(Instant.MAX);
        List<Instant> bounds = new ArrayList<>(killTimes);
        bounds.add(end);
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant from = Instant.MIN;
        for (Instant to : bounds) {
            // the window opens when every node has created since the previous bound (a restarted node is back)
            Instant open = from;
            for (List<Instant> list : stamps.values()) {
                Instant after = from;
                Instant first = list.stream().filter(t -> t.isAfter(after)).findFirst().orElse(Instant.MAX);
                open = first.isAfter(open) ? first : open;
            }
            for (Map.Entry<String, List<Instant>> node : stamps.entrySet()) {
                Instant windowStart = open;
                long inWindow = node.getValue().stream()
                        .filter(t -> !t.isBefore(windowStart) && t.isBefore(to)).count();
                counts.merge(node.getKey(), inWindow, Long::sum);
            }
            from = to;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((id, n) -> shares.put(id, total == 0 ? 0 : n / (double) total));
        return shares;
    }

    private String counts(DataSource db) throws SQLException {
        return "emitted " + scalar(db, "SELECT COUNT(*) FROM emitted") + " (distinct "
               + scalar(db, "SELECT COUNT(DISTINCT lead_id) FROM emitted") + "), created " + createdByNode(db);
    }

    private static Map<String, Long> createdByNode(DataSource db) throws SQLException {
        Map<String, Long> created = new LinkedHashMap<>();
        for (String id : NODES) {
            created.put(id, scalar(db, "SELECT COUNT(lead_id) FROM created WHERE node = '" + id + "'"));
        }
        return created;
    }

    private NodeHandle launch(FailoverNodeSettings node) throws Exception {
        return settings.separateJvms() ? new ProcessNode(node)
                : new InJvmNode(new FailoverNode(node, sharedStore, sharedLog).start());
    }

    private static long scalar(DataSource db, String sql) throws SQLException {
        return Long.parseLong(scalarText(db, sql));
    }

    private static String scalarText(DataSource db, String sql) throws SQLException {
        List<String> values = texts(db, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> texts(DataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private interface NodeHandle {
        void stop(Kill how) throws Exception;

        /** The node's ZooKeeper session expires while it keeps running (after {@code pause} if frozen). */
        void expireSession(Duration pause) throws Exception;
    }

    private record InJvmNode(FailoverNode node) implements NodeHandle {
        @Override
        public void stop(Kill how) {
            if (how == Kill.HARD) {
                throw new IllegalArgumentException("a hard kill needs separate JVMs");
            }
            node.close();
        }

        @Override
        public void expireSession(Duration pause) throws Exception {
            node.expireZooKeeperSession();
        }
    }

    /** A node in its own JVM, on this JVM's class path; its output goes to target/failover-&lt;node&gt;.log. */
    private static final class ProcessNode implements NodeHandle {
        private final Process process;

        ProcessNode(FailoverNodeSettings node) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    FailoverNode.class.getName()));
            command.addAll(node.toArgs());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            new File("target/failover-" + node.node() + ".log")));
            builder.environment().put(FailoverNodeSettings.SECRET_VARIABLE, node.secret());
            process = builder.start();
        }

        @Override
        public void stop(Kill how) throws InterruptedException {
            if (how == Kill.HARD) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        /** Freezes the JVM (SIGSTOP) for {@code pause}, longer than the session timeout, then resumes it (SIGCONT). */
        @Override
        public void expireSession(Duration pause) throws Exception {
            signal("-STOP");
            Thread.sleep(pause.toMillis());
            signal("-CONT");
        }

        private void signal(String signal) throws Exception {
            new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        }
    }
}
