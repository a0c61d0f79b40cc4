package africa.cashfin.camel.examples.form;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The web form's two limits, as Bucket4j token buckets:
 * <ul>
 * <li><b>per client</b>: at most {@code perClient} posts per {@code perClientPeriod} from one client address
 * ({@link ClientAddress#limitKey(String)}), refilled smoothly (with 10 per hour, one more every 6 minutes). Every post
 * counts, valid or not, so a script cannot probe the form either. At most {@code maxClients} clients are tracked at
 * once; the least recently seen is forgotten first.</li>
 * <li><b>per day</b>: at most {@code perDay} submissions accepted for Cashfin by the whole form per UTC day, refilled
 * in full at midnight UTC. It bounds what the form can spend of the Cashfin call budget whatever the number of
 * clients.</li>
 * </ul>
 * Thread-safe.
 */
public final class FormLimits {

    /** The outcome of one check: allowed, or refused with the time until the next allowed post. */
    public record Decision(boolean allowed, Duration retryAfter, boolean firstRefusal) {
    }

    /**
     * @param perClient       posts per client per period (at least 1)
     * @param perClientPeriod the period
     * @param perDay          accepted submissions per UTC day for the whole form (at least 1)
     * @param maxClients      clients tracked at once
     */
    public record Settings(int perClient, Duration perClientPeriod, int perDay, int maxClients) {

        /** Defaults: 10 posts per client per hour, 200 submissions a day, 100,000 clients tracked. */
        public static final Settings DEFAULTS = new Settings(10, Duration.ofHours(1), 200, 100_000);

        public Settings {
            if (perClient < 1 || perDay < 1 || maxClients < 1) {
                throw new IllegalArgumentException("Form limits must be at least 1 (per client " + perClient
                        + ", per day " + perDay + ", clients tracked " + maxClients + ")");
            }
            if (perClientPeriod == null || perClientPeriod.isNegative() || perClientPeriod.isZero()) {
                throw new IllegalArgumentException("The per-client period must be positive, e.g. PT1H");
            }
        }
    }

    private final Settings settings;
    private final Bucket daily;
    private final Map<String, Client> clients;
    private volatile boolean dailyRefused;

    /** A client's bucket and whether its last post was refused (to log only the change). */
    private static final class Client {
        final Bucket bucket;
        boolean refused;

        Client(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    public FormLimits(Settings settings) {
        this.settings = settings;
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.daily = Bucket.builder().addLimit(Bandwidth.builder().capacity(settings.perDay())
                .refillIntervallyAligned(settings.perDay(), Duration.ofDays(1), midnight).build()).build();
        int max = settings.maxClients();
        this.clients = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
                return size() > max;
            }
        };
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Counts one post from {@code clientAddress}. */
    public Decision tryClient(String clientAddress) {
        String key = ClientAddress.limitKey(clientAddress);
        Client client;
        synchronized (clients) {
            client = clients.computeIfAbsent(key, k -> new Client(Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(settings.perClient()).refillGreedy(settings.perClient(), settings.perClientPeriod())
                    .build()).build()));
        }
        ConsumptionProbe probe = client.bucket.tryConsumeAndReturnRemaining(1);
        synchronized (client) {
            boolean first = !probe.isConsumed() && !client.refused;
            client.refused = !probe.isConsumed();
            return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()), first);
        }
    }

    /** Counts one submission accepted for Cashfin against the form's daily cap. */
    public Decision tryDaily() {
        ConsumptionProbe probe = daily.tryConsumeAndReturnRemaining(1);
        synchronized (daily) {
            boolean first = !probe.isConsumed() && !dailyRefused;
            dailyRefused = !probe.isConsumed();
            return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()), first);
        }
    }

    /** Gives back a daily slot taken by a submission that could not be queued after all. */
    public void refundDaily() {
        daily.addTokens(1);
    }
}
