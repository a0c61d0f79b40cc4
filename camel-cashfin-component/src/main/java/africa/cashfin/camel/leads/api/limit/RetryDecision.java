package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do after a failed call.
 *
 * @param action     retry, retry only after a dedupe look-up, or give up
 * @param retryAfter for a retry, the wait before it; when giving up, the wait after which a later attempt may succeed
 *                   if the server said so (429/503 with Retry-After or reset), else empty
 * @param reason     a sentence for logs and exception messages
 */
public record RetryDecision(Action action, Optional<Duration> retryAfter, String reason) {

    /** The possible actions. */
    public enum Action {
        /** Wait {@link RetryDecision#delay()}, then send the same request again. */
        RETRY,
        /**
         * The request may have been processed (a create that timed out or got a 500): do not send it again blindly.
         * Wait {@link RetryDecision#delay()}, look the lead up (dedupe) and create it only if it is not found; without
         * a way to look it up, give up and report the outcome as unknown.
         */
        RETRY_AFTER_LOOKUP,
        /** Do not retry: fail the call. */
        GIVE_UP
    }

    /** Validating constructor. */
    public RetryDecision {
        Objects.requireNonNull(action, "action");
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
        Objects.requireNonNull(reason, "reason");
        if (action != Action.GIVE_UP && retryAfter.isEmpty()) {
            throw new IllegalArgumentException(action + " needs a delay");
        }
    }

    static RetryDecision retry(Duration delay, String reason) {
        return new RetryDecision(Action.RETRY, Optional.of(delay), reason);
    }

    static RetryDecision retryAfterLookup(Duration delay, String reason) {
        return new RetryDecision(Action.RETRY_AFTER_LOOKUP, Optional.of(delay), reason);
    }

    static RetryDecision giveUp(Duration retryLaterAfter, String reason) {
        return new RetryDecision(Action.GIVE_UP, Optional.ofNullable(retryLaterAfter), reason);
    }

    /** @return the wait before the retry (zero when giving up without a hint) */
    public Duration delay() {
        return retryAfter.orElse(Duration.ZERO);
    }

    /** @return true unless the action is {@link Action#GIVE_UP} */
    public boolean isRetry() {
        return action != Action.GIVE_UP;
    }
}
