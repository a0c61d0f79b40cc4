package africa.cashfin.camel.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What one failover node needs to know: who it is, where the simulator, ZooKeeper and PostgreSQL are, the plan it
 * paces to, and its own queue of leads to create.
 *
 * @param node                  node id (unique in the cluster)
 * @param baseUrl               Cashfin (simulator) base URL
 * @param secret                the client secret all nodes share
 * @param zooKeeper             ZooKeeper connect string
 * @param jdbcUrl               the shared PostgreSQL database
 * @param perSecond             plan calls per second
 * @param perMinute             plan calls per minute
 * @param margin                the limiter's {@code rateLimitMargin}
 * @param queue                 leads this node creates in total
 * @param batch                 leads per bulk create
 * @param createConcurrency     creates in flight per node
 * @param pollDelayMillis       consumer delay between polls
 * @param sessionTimeoutMillis  ZooKeeper session timeout (how long a crashed leader holds on)
 * @param createOptions         extra options of the create endpoint ({@code &budgetReserve=0.87}), or ""
 * @param consumerOptions       extra options of the consumer endpoint ({@code &budgetReserve=0.03}), or ""
 * @param consumerThrottle      leads per second the consumer route lets through (Camel's throttle EIP); 0: no limit
 */
public record FailoverNodeSettings(String node, String baseUrl, String secret, String zooKeeper, String jdbcUrl,
                                   int perSecond, int perMinute, double margin, int queue, int batch,
                                   int createConcurrency,
                                   long pollDelayMillis, long sessionTimeoutMillis, String createOptions,
                                   String consumerOptions, int consumerThrottle) {

    /** @return this node's settings under another id */
    public FailoverNodeSettings withNode(String id) {
        return new FailoverNodeSettings(id, baseUrl, secret, zooKeeper, jdbcUrl, perSecond, perMinute, margin, queue,
                batch,
                createConcurrency, pollDelayMillis, sessionTimeoutMillis, createOptions, consumerOptions,
                consumerThrottle);
    }

    /** @return these settings with another plan (calls per second and per minute) */
    public FailoverNodeSettings withPlan(int newPerSecond, int newPerMinute) {
        return new FailoverNodeSettings(node, baseUrl, secret, zooKeeper, jdbcUrl, newPerSecond, newPerMinute, margin,
                queue, batch, createConcurrency, pollDelayMillis, sessionTimeoutMillis, createOptions,
                consumerOptions, consumerThrottle);
    }

    /** The environment variable that carries the secret to a node's JVM (never its command line). */
    public static final String SECRET_VARIABLE = "CASHFIN_CLIENT_SECRET";

    /** @return command-line arguments for {@link FailoverNode#main}; the secret goes in {@link #SECRET_VARIABLE} */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (Object value : new Object[] { node, baseUrl, zooKeeper, jdbcUrl, perSecond, perMinute, margin, queue,
            batch, createConcurrency, pollDelayMillis, sessionTimeoutMillis, "x" + createOptions,
            "x" + consumerOptions, consumerThrottle }) {
            args.add(String.valueOf(value));
        }
        return args;
    }

    /** @return the settings {@link #toArgs()} wrote, with the secret from {@link #SECRET_VARIABLE} */
    public static FailoverNodeSettings fromArgs(String[] a) {
        return new FailoverNodeSettings(a[0], a[1], System.getenv(SECRET_VARIABLE), a[2], a[3], Integer.parseInt(a[4]),
                Integer.parseInt(a[5]), Double.parseDouble(a[6]), Integer.parseInt(a[7]), Integer.parseInt(a[8]),
                Integer.parseInt(a[9]), Long.parseLong(a[10]), Long.parseLong(a[11]), a[12].substring(1),
                a[13].substring(1), Integer.parseInt(a[14]));
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "FailoverNodeSettings[" + node + ", queue " + queue + ", " + perSecond + "/s " + perMinute + "/min]";
    }
}
