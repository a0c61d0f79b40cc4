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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.curator.test.TestingServer;

import africa.cashfin.camel.leads.api.limit.PostgresAdmissionLog;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;
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
                           String consumerOptions, int consumerThrottle) {

        /** Without extra endpoint options. */
        public Settings(int backfill, int queuePerNode, int batch, int createConcurrency, int perSecond, int perMinute,
                        double margin, RateLimitMode window, Duration jitter, int busyCrmPerPage, double[] killAt,
                        Kill kill, boolean separateJvms, Duration timeout) {
            this(backfill, queuePerNode, batch, createConcurrency, perSecond, perMinute, margin, window, jitter,
                    busyCrmPerPage, killAt, kill, separateJvms, timeout, "", "", 0);
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
                         double callRate, double createRate, double planRate, long rateLimited, double seconds) {

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
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource db = postgres.getPostgresDatabase();
            FailoverNode.createTables(db);
            sim.busyCrm(settings.busyCrmPerPage());
            sim.latencyJitter(Duration.ZERO, settings.jitter(), 7);
            FailoverNodeSettings base = new FailoverNodeSettings("?", sim.baseUrl(), sim.secret(),
                    zooKeeper.getConnectString(), postgres.getJdbcUrl("postgres", "postgres"), settings.perSecond(),
                    settings.perMinute(), settings.margin(), settings.queuePerNode(), settings.batch(),
                    settings.createConcurrency(), 200,
                    settings.kill() == Kill.HARD ? 4_000 : 30_000, settings.createOptions(),
                    settings.consumerOptions(), settings.consumerThrottle());
            sharedStore = settings.separateJvms() ? null : FailoverNode.postgresStore(db);
            sharedLog = settings.separateJvms() ? null : new PostgresAdmissionLog(db);
            Map<String, NodeHandle> nodes = new LinkedHashMap<>();
            for (String id : NODES) {
                nodes.put(id, launch(base.withNode(id)));
            }
            try {
                return drive(sim, db, base, nodes);
            } finally {
                for (NodeHandle node : nodes.values()) {
                    node.stop(Kill.GRACEFUL);
                }
            }
        }
    }

    private Report drive(CashfinSimulator sim, DataSource db, FailoverNodeSettings base,
                         Map<String, NodeHandle> nodes) throws Exception {
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
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the failover scenario did not finish within " + settings.timeout()
                                                + ": " + counts(db));
            }
            long emitted = scalar(db, "SELECT COUNT(*) FROM emitted");
            Map<String, Long> created = createdByNode(db);
            long createdTotal = created.values().stream().mapToLong(Long::longValue).sum();
            long now = System.nanoTime();
            long calls = sim.requestCount(Outcome.OK);
            long creates = sim.requestCount(Endpoint.CREATE, Outcome.OK);
            if (firstCreateNanos == null && creates > 0) {
                firstCreateNanos = now;
                callsAtFirstCreate = calls;
                createsAtFirstCreate = creates;
            }
            if (nextKill < settings.killAt().length && emitted >= settings.killAt()[nextKill] * settings.backfill()) {
                String leader = scalarText(db, "SELECT node FROM emitted ORDER BY seq DESC LIMIT 1");
                log.accept(String.format("kill %d: leader %s after %d leads emitted (%s)", nextKill + 1, leader,
                        emitted, settings.kill()));
                killTimes.add(Instant.now());
                nodes.get(leader).stop(settings.kill());
                nodes.put(leader, launch(base.withNode(leader)));
                kills.add(leader);
                nextKill++;
            }
            if (drainedNanos == null && (creates >= totalQueue || createdTotal >= totalQueue)) {
                drainedNanos = now;
                callsAtDrained = calls;
                createsAtDrained = creates;
                sim.busyCrm(0);
                log.accept("all queues drained; busy CRM off; waiting for the consumer to catch up");
            }
            if (drainedNanos != null && nextKill >= settings.killAt().length) {
                long distinct = scalar(db, "SELECT COUNT(DISTINCT lead_id) FROM emitted");
                if (distinct >= sim.leadCount()) {
                    break;
                }
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                log.accept(counts(db) + ", leads in Cashfin " + sim.leadCount() + ", 429s "
                           + sim.requestCount(Outcome.RATE_LIMITED));
                lastReport = now;
            }
            Thread.sleep(200);
        }
        Thread.sleep(1_000); // let a duplicate, if any, arrive before counting
        Set<String> inCashfin = new HashSet<>();
        sim.leads().forEach(l -> inCashfin.add((String) l.get("_id")));
        Set<String> emittedIds = new HashSet<>(texts(db, "SELECT DISTINCT lead_id FROM emitted"));
        Set<String> missing = new HashSet<>(inCashfin);
        missing.removeAll(emittedIds);
        double seconds = (drainedNanos - firstCreateNanos) / 1e9;
        Map<String, Double> shares = sharesWhileAllRan(sim, killTimes);
        double planRate = Math.min(settings.perSecond(), settings.perMinute() / 60.0);
        return new Report(inCashfin.size(), scalar(db, "SELECT COUNT(*) FROM emitted"), emittedIds.size(),
                missing.size(), createdByNode(db), shares, kills, (callsAtDrained - callsAtFirstCreate) / seconds,
                (createsAtDrained - createsAtFirstCreate) / seconds, planRate,
                sim.requestCount(Outcome.RATE_LIMITED), seconds);
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
    }

    private record InJvmNode(FailoverNode node) implements NodeHandle {
        @Override
        public void stop(Kill how) {
            if (how == Kill.HARD) {
                throw new IllegalArgumentException("a hard kill needs separate JVMs");
            }
            node.close();
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
    }
}
