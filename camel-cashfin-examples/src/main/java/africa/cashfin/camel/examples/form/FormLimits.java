package africa.cashfin.camel.examples.form;

import java.time.Duration;

import africa.cashfin.camel.examples.common.DailyCap;
import africa.cashfin.camel.examples.common.PerKeyLimit;
import africa.cashfin.camel.examples.common.PerKeyLimit.Decision;

/**
 * The web form's two limits, as Bucket4j token buckets:
 * <ul>
 * <li><b>per client</b>: at most {@code perClient} posts per {@code perClientPeriod} from one client address
 * ({@link ClientAddress#limitKey(String)}), refilled smoothly ({@link PerKeyLimit}). Every post counts, valid or not,
 * so a script cannot probe the form either. At most {@code maxClients} clients are tracked at once; the least
 * recently seen is forgotten first.</li>
 * <li><b>per day</b>: at most {@code perDay} submissions accepted for Cashfin by the whole form per UTC day, refilled
 * in full at midnight UTC. It bounds what the form can spend of the Cashfin call budget whatever the number of
 * clients.</li>
 * </ul>
 * Thread-safe.
 */
public final class FormLimits {

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
            if (perDay < 1) {
                throw new IllegalArgumentException("The form's daily cap must be at least 1, not " + perDay);
            }
        }
    }

    private final Settings settings;
    private final PerKeyLimit clients;
    private final DailyCap daily;

    public FormLimits(Settings settings) {
        this.settings = settings;
        this.clients = new PerKeyLimit(settings.perClient(), settings.perClientPeriod(), settings.maxClients());
        this.daily = new DailyCap(settings.perDay());
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Counts one post from {@code clientAddress}. */
    public Decision tryClient(String clientAddress) {
        return clients.tryConsume(ClientAddress.limitKey(clientAddress));
    }

    /** Counts one submission accepted for Cashfin against the form's daily cap. */
    public Decision tryDaily() {
        return daily.tryConsume();
    }

    /** Gives back a daily slot taken by a submission that could not be queued after all. */
    public void refundDaily() {
        daily.refund();
    }
}
