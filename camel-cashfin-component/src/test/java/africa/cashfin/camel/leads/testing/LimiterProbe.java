package africa.cashfin.camel.leads.testing;

import java.time.Duration;

import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;

/** What a limiter or a budget share allows right now, without waiting. */
public final class LimiterProbe {

    private LimiterProbe() {
    }

    /** @return the calls {@code limiter} allows now, taking them */
    public static int callsNow(CallRateLimiter limiter) throws InterruptedException {
        int calls = 0;
        while (true) {
            try {
                limiter.acquire(Duration.ZERO);
                calls++;
            } catch (RateLimitWaitExceededException e) {
                return calls;
            }
        }
    }

    /** @return whether {@code share} grants a call now (taking it) */
    public static boolean takeNow(BudgetShare share) throws InterruptedException {
        return takeWithin(share, Duration.ZERO);
    }

    /** @return whether {@code share} grants a call within {@code maxWait} (taking it) */
    public static boolean takeWithin(BudgetShare share, Duration maxWait) throws InterruptedException {
        try {
            share.take(maxWait);
            return true;
        } catch (RateLimitWaitExceededException e) {
            return false;
        }
    }
}
