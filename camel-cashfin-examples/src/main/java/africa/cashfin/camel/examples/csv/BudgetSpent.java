package africa.cashfin.camel.examples.csv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;

/**
 * A create refused for the call budget, not for the row: the client's limiter allows no call within
 * {@code maxRetryWait} (the day's budget is spent: it names the server's next day), or Cashfin answered 429 after
 * the retries. Such a row is not failed; the import parks until {@link #until()}.
 *
 * @param until  when a create is expected to be allowed again
 * @param reason what was spent, for the park line
 */
record BudgetSpent(Instant until, String reason) {

    /** What {@code failure} (or one of its causes) says about the budget; null when it is not about the budget. */
    static BudgetSpent of(Throwable failure, Clock clock) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitWaitExceededException wait) {
                return new BudgetSpent(wait.retryAt(), "the call budget allows no more creates before then");
            }
            if (t instanceof CashfinApiException api && api.isRateLimited()) {
                Duration after = api.getRetryAfter().orElse(Duration.ofMinutes(1));
                return new BudgetSpent(clock.instant().plus(after), "Cashfin answered 429 (rate limited)");
            }
        }
        return null;
    }
}
