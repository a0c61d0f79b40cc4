package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the calls of one budget share (a reserve, or the pool) have to wait for it, logged once per change of state
 * (never per call): one line when its calls start waiting for the share's pace, one when its calls of the day are
 * spent, one when they no longer wait (no wait for {@link #QUIET} after the last one).
 */
final class ShareState {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetShares.class);

    /** Calls that found a token for this long after the last wait end the waiting state. */
    static final Duration QUIET = Duration.ofMinutes(1);

    /** What the share's callers see. */
    enum Kind {
        /** calls find the share's tokens without waiting */
        AVAILABLE("available"),
        /** calls wait for the share's pace */
        PACED("waiting for its pace"),
        /** the share's calls of the day are spent */
        DAY_SPENT("its calls of the day are spent");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private final String what;
    private final SecretFingerprint secret;
    private final TimeSource time;
    private Kind kind = Kind.AVAILABLE;
    private long lastWaitNanos;

    ShareState(String what, SecretFingerprint secret, TimeSource time) {
        this.what = what;
        this.secret = secret;
        this.time = time;
    }

    /** A call of this share found a token without waiting. */
    synchronized void available() {
        if (kind != Kind.AVAILABLE && time.nanoTime() - lastWaitNanos >= QUIET.toNanos()) {
            kind = Kind.AVAILABLE;
            LOG.info("Cashfin calls of {} of {} no longer wait for their share of the budget", what, secret);
        }
    }

    /**
     * A call of this share had to wait (or could not wait long enough).
     *
     * @param daySpent the share's calls of the day are spent
     * @param wait     how long the call waits (or would have to)
     * @param detail   what the share holds, for the log line
     */
    synchronized void waiting(boolean daySpent, long wait, String detail) {
        lastWaitNanos = time.nanoTime();
        Kind now = daySpent ? Kind.DAY_SPENT : Kind.PACED;
        if (now == kind || (kind == Kind.DAY_SPENT && !daySpent && wait > QUIET.toNanos())) {
            return;
        }
        kind = now;
        if (daySpent) {
            LOG.info("Cashfin calls of {} of {} have spent their share of the day ({}): they wait {} for it to refill"
                     + " (a call that cannot wait that long fails with RateLimitWaitExceededException); the other"
                     + " shares are not touched", what, secret, detail, DurationText.of(Duration.ofNanos(wait)));
        } else {
            LOG.info("Cashfin calls of {} of {} now wait for their share of the budget ({}; next call in {}); the"
                     + " other shares are not touched", what, secret, detail, DurationText.of(Duration.ofNanos(wait)));
        }
    }

    /** @return the state, for the dev console and JMX */
    synchronized Kind kind() {
        return kind;
    }
}
