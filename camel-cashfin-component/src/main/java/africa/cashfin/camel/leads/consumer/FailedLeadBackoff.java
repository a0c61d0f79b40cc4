package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a lead whose exchange failed may be offered again: after {@code initialDelay}, then after a wait multiplied by
 * {@code multiplier} on each further failure, at most {@code maxDelay}. Keyed by the scan's event key ({@code _id}, or
 * {@code _id@updatedat} for an update). Lives as long as the consumer; not thread-safe (one poll at a time).
 * <p>
 * The consumer asks {@link #isDue} before it hands a lead to the route. A lead that is not due is reported to the scan
 * as failed without an exchange, so it is not recorded and the cursor stays at or before it, exactly as after a real
 * failure; only the exchange (and its log lines) is spared.
 */
public final class FailedLeadBackoff {

    /**
     * @param initialDelay wait after the first failure (zero: due again at once)
     * @param multiplier   growth of the wait per further failure, at least 1
     * @param maxDelay     the longest wait
     */
    public record Policy(Duration initialDelay, double multiplier, Duration maxDelay) {

        public Policy {
            Objects.requireNonNull(initialDelay, "initialDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (initialDelay.isNegative() || !(multiplier >= 1) || maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay and multiplier >= 1, got "
                                                   + initialDelay + ", " + multiplier + ", " + maxDelay);
            }
        }

        /** The wait after the {@code failures}-th failure in a row (1-based). */
        public Duration delayAfter(int failures) {
            double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
            return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
        }
    }

    /**
     * One failing lead.
     *
     * @param failures     failed attempts in a row
     * @param firstFailure when the first of them happened
     * @param nextAttempt  the lead is not offered before this
     * @param lastError    what the last failure was, in one line
     * @param outcome      the number of the last failure among all outcomes reported (see {@link #failedSinceLastSuccess})
     */
    public record Failing(int failures, Instant firstFailure, Instant nextAttempt, String lastError, long outcome) {
    }

    private final Policy policy;
    private final Map<String, Failing> failing = new HashMap<>();
    /** Outcomes (failures and successes) are numbered in the order reported. */
    private long outcomes;
    private long lastSuccessOutcome = -1;

    public FailedLeadBackoff(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy. */
    public Policy policy() {
        return policy;
    }

    /** True when the lead may be handed to the route now: it never failed, or its wait is over. */
    public boolean isDue(String key, Instant now) {
        Failing f = failing.get(key);
        return f == null || !now.isBefore(f.nextAttempt());
    }

    /** Records a failed attempt; returns the lead's state after it (failures counted, next attempt set). */
    public Failing failed(String key, String error, Instant now) {
        Failing before = failing.get(key);
        int failures = before == null ? 1 : before.failures() + 1;
        Failing after = new Failing(failures, before == null || before.firstFailure() == null ? now : before.firstFailure(),
                                    now.plus(policy.delayAfter(failures)), error, outcomes++);
        failing.put(key, after);
        return after;
    }

    /**
     * Takes over a lead's failures as saved with the scan's state by a consumer before this one (a restart, a leader
     * change), unless this backoff knows the lead already. Its last error is not saved, and the restored failure never
     * counts as the route's (see {@link #failedSinceLastSuccess}).
     *
     * @param nextAttempt  when it may be offered again, or null: at once
     * @param firstFailure when it first failed, as saved (to the second), or null when the state did not keep it
     */
    public void restore(String key, int failures, Instant nextAttempt, Instant firstFailure) {
        failing.putIfAbsent(key, new Failing(failures, firstFailure, nextAttempt == null ? Instant.MIN : nextAttempt,
                                             "failed before this consumer started", -1));
    }

    /** Records a success; returns what the lead's failures were, or null when it had none. */
    public Failing succeeded(String key) {
        lastSuccessOutcome = outcomes++;
        return failing.remove(key);
    }

    /**
     * True when the lead is failing and its last failure came after the last success of any lead: nothing has
     * succeeded since, so its failure may as well be the route's (a target system down) as the lead's own.
     */
    public boolean failedSinceLastSuccess(String key) {
        Failing f = failing.get(key);
        return f != null && f.outcome() > lastSuccessOutcome;
    }

    /**
     * Forgets a lead the consumer gave up on (poisoned): unlike {@link #succeeded}, nothing succeeded.
     *
     * @return what the lead's failures were, or null when it had none
     */
    public Failing gaveUp(String key) {
        return failing.remove(key);
    }

    /** The lead's state, or null when it is not failing. */
    public Failing get(String key) {
        return failing.get(key);
    }

    /** How many leads are failing. */
    public int size() {
        return failing.size();
    }

    /**
     * Forgets leads whose wait ended more than {@code grace} ago: they were not offered again since, so they left the
     * list (deleted, or no longer matching the filters) or were delivered by another node.
     */
    public void forgetStale(Instant now, Duration grace) {
        failing.values().removeIf(f -> f.nextAttempt().plus(grace).isBefore(now));
    }
}
