package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The sliding log of sends of one client secret, shared by every JVM that uses the secret (normally through the
 * database that also holds the shared Bucket4j budget): the last gate of {@link CallRateLimiter}, right before a
 * request is written. With it, "at most the limit in any span of the window plus the jitter allowance, counted when
 * the calls leave" holds for the calls of the whole cluster, not of each JVM alone.
 * <p>
 * One implementation ships: {@code state.PostgresAdmissionLog} (chosen by whoever binds {@code rateLimitLog}; the
 * limiter knows only this interface). An implementation must decide and record atomically across
 * JVMs (for instance in one database transaction under a per-key lock), and should use one clock for every node (the
 * database's), so that the nodes' clocks do not matter. It is called once per call attempt, from several threads at
 * once.
 */
public interface SharedAdmissionLog {

    /**
     * Lets one call of {@code key} go now if every window has room, and records it; otherwise records nothing.
     *
     * @param  key         which secret's log (the secret's fingerprint key, never the secret)
     * @param  windows     the windows to keep: in each, at most {@link Window#limit()} sends in any span of
     *                     {@link Window#length()} plus {@code jitter}
     * @param  jitter      the arrival-jitter allowance added to every window
     * @param  timeout     the longest the call may take (the caller's remaining wait): an implementation must give up
     *                     after it (e.g. lock and statement timeouts) and throw {@link SharedAdmissionLogException}
     * @return             {@link Duration#ZERO} when the call was admitted and recorded; else how long to wait before a
     *                     window has room (then ask again)
     * @throws SharedAdmissionLogException when the shared log cannot be reached or used, or did not answer within
     *                                     {@code timeout}; the limiter then falls back to its own per-JVM log and says
     *                                     so in the log
     */
    Duration admit(String key, List<Window> windows, Duration jitter, Duration timeout);

    /**
     * A window of a sliding log.
     *
     * @param limit  the most sends allowed in any span of the window (plus the jitter allowance)
     * @param length the window's length
     */
    record Window(long limit, Duration length) {
        public Window {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
            }
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("length must be positive, but was " + length);
            }
        }
    }

    /** The shared log could not be used (database down, missing table, permissions). */
    class SharedAdmissionLogException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SharedAdmissionLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
