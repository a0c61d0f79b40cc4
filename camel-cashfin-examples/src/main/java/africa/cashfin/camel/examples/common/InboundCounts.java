package africa.cashfin.camel.examples.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one inbound flow (the web form, the mailbox) accepted and refused today (UTC day, the day of its daily cap),
 * by reason: counted by the one place that decides each outcome, read by the operations page. Thread-safe.
 */
public final class InboundCounts {

    /** An outcome, with its key in {@link #today()}. */
    public enum Outcome {
        /** Taken in: the form queued the submission for Cashfin; the mailbox's mail became a lead. */
        ACCEPTED("accepted"),
        /** Refused by the per-client limit (the form: per client address; the mailbox: per sender). */
        PER_CLIENT("perClient"),
        /** Refused by the flow's daily cap. */
        DAILY_CAP("dailyCap"),
        /** Refused by the CAPTCHA check (not solved, or the provider unreachable). */
        CAPTCHA("captcha"),
        /** Refused for its size (the form's body limit; the mailbox's mail or attachment limit). */
        SIZE("size");

        private final String key;

        Outcome(String key) {
            this.key = key;
        }

        /** The outcome's key in {@link InboundCounts#today()} and on the operations page. */
        public String key() {
            return key;
        }
    }

    private final Clock clock;
    private final long[] counts = new long[Outcome.values().length];
    private LocalDate day;

    /** @param clock tells the UTC day (the counts start again at midnight UTC) */
    public InboundCounts(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts one {@code outcome}. */
    public synchronized void count(Outcome outcome) {
        roll();
        counts[outcome.ordinal()]++;
    }

    /** Today's counts by {@link Outcome#key()}, every outcome present (0 when none), in the enum's order. */
    public synchronized Map<String, Long> today() {
        roll();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            out.put(o.key(), counts[o.ordinal()]);
        }
        return out;
    }

    private void roll() {
        LocalDate now = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!now.equals(day)) {
            day = now;
            java.util.Arrays.fill(counts, 0);
        }
    }
}
