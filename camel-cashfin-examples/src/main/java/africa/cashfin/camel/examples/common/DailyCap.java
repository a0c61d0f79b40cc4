package africa.cashfin.camel.examples.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import africa.cashfin.camel.examples.common.PerKeyLimit.Decision;

/**
 * At most {@code perDay} events per UTC day for a whole flow (the web form's submissions, the mailbox's leads),
 * refilled in full at midnight UTC: it bounds what a flow can spend of the Cashfin call budget whatever the number of
 * clients or senders. Each {@link Decision} says whether this is the first refusal since the last event allowed, so a
 * caller logs one line when the cap is reached. A Bucket4j bucket in memory. Thread-safe.
 */
public final class DailyCap {

    private final int perDay;
    private final Bucket bucket;
    private boolean refused;

    /** @param perDay events per UTC day, at least 1 */
    public DailyCap(int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException("A daily cap must be at least 1, not " + perDay);
        }
        this.perDay = perDay;
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(perDay)
                .refillIntervallyAligned(perDay, Duration.ofDays(1), midnight).build()).build();
    }

    /** Events per UTC day. */
    public int perDay() {
        return perDay;
    }

    /** Counts one event. */
    public Decision tryConsume() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        synchronized (bucket) {
            boolean first = !probe.isConsumed() && !refused;
            refused = !probe.isConsumed();
            return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()), first);
        }
    }

    /** Gives back an event that did not happen after all. */
    public void refund() {
        bucket.addTokens(1);
    }
}
