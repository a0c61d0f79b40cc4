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
 */
public record FailoverNodeSettings(String node, String baseUrl, String secret, String zooKeeper, String jdbcUrl,
                                   int perSecond, int perMinute, double margin, int queue, int batch,
                                   int createConcurrency,
                                   long pollDelayMillis, long sessionTimeoutMillis) {

    /** @return this node's settings under another id */
    public FailoverNodeSettings withNode(String id) {
        return new FailoverNodeSettings(id, baseUrl, secret, zooKeeper, jdbcUrl, perSecond, perMinute, margin, queue,
                batch,
                createConcurrency, pollDelayMillis, sessionTimeoutMillis);
    }

    /** The environment variable that carries the secret to a node's JVM (never its command line). */
    public static final String SECRET_VARIABLE = "CASHFIN_CLIENT_SECRET";

    /** @return command-line arguments for {@link FailoverNode#main}; the secret goes in {@link #SECRET_VARIABLE} */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (Object value : new Object[] { node, baseUrl, zooKeeper, jdbcUrl, perSecond, perMinute, margin, queue,
            batch, createConcurrency, pollDelayMillis, sessionTimeoutMillis }) {
            args.add(String.valueOf(value));
        }
        return args;
    }

    /** @return the settings {@link #toArgs()} wrote, with the secret from {@link #SECRET_VARIABLE} */
    public static FailoverNodeSettings fromArgs(String[] a) {
        return new FailoverNodeSettings(a[0], a[1], System.getenv(SECRET_VARIABLE), a[2], a[3], Integer.parseInt(a[4]),
                Integer.parseInt(a[5]), Double.parseDouble(a[6]), Integer.parseInt(a[7]), Integer.parseInt(a[8]),
                Integer.parseInt(a[9]), Long.parseLong(a[10]), Long.parseLong(a[11]));
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "FailoverNodeSettings[" + node + ", queue " + queue + ", " + perSecond + "/s " + perMinute + "/min]";
    }
}
