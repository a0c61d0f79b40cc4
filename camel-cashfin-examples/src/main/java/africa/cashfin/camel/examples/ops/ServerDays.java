package africa.cashfin.camel.examples.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import africa.cashfin.camel.leads.api.limit.CallRateLimiter;

/** The Cashfin server's day, as the component's rate limiter knows it ({@link CallRateLimiter#dayEnds()}). */
final class ServerDays {

    private ServerDays() {
    }

    /**
     * When the server's day in progress at {@code now} started: a day before the limiter's {@code dayEnds()}; UTC
     * midnight when there is no limiter or no daily limit (the server's day until its headers say otherwise).
     */
    static Instant start(CallRateLimiter limiter, Instant now) {
        return (limiter == null ? java.util.Optional.<Instant> empty() : limiter.dayEnds())
                .map(end -> end.minus(Duration.ofDays(1))).orElseGet(() -> now.truncatedTo(ChronoUnit.DAYS));
    }
}
