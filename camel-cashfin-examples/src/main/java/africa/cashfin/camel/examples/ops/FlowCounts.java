package africa.cashfin.camel.examples.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import africa.cashfin.camel.leads.api.limit.CallRateLimiter;

/**
 * The operations page's counters by hour of the Cashfin server's day, fed by {@link LeadFlowMetrics}: leads created
 * (by {@code cashfin-leads:create}), leads emitted (by a {@code cashfin-leads} consumer, the route completed them) and
 * the 429 answers of each client secret (by its fingerprint). Thread-safe.
 */
final class FlowCounts {

    private final Clock clock;
    private final HourlyCounts created = new HourlyCounts();
    private final HourlyCounts emitted = new HourlyCounts();
    private final Map<String, HourlyCounts> rateLimited = new ConcurrentHashMap<>();

    /** @param clock the component's clock ({@code timeSource}) */
    FlowCounts(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Now, by the component's clock. */
    Instant now() {
        return clock.instant();
    }

    /** {@code n} leads created through a client whose limiter is {@code limiter} (null: not known). */
    void created(CallRateLimiter limiter, long n) {
        Instant now = now();
        created.count(ServerDays.start(limiter, now), now, n);
    }

    /** {@code n} leads emitted by a consumer whose client's limiter is {@code limiter} (null: not known). */
    void emitted(CallRateLimiter limiter, long n) {
        Instant now = now();
        emitted.count(ServerDays.start(limiter, now), now, n);
    }

    /** One 429 answer to a call of the secret {@code fingerprint}, whose limiter is {@code limiter} (or null). */
    void rateLimited(String fingerprint, CallRateLimiter limiter) {
        Instant now = now();
        rateLimited.computeIfAbsent(fingerprint, k -> new HourlyCounts()).count(ServerDays.start(limiter, now), now, 1);
    }

    /** Leads created per hour of the server's day in progress, hour 0 first. */
    long[] createdByHour() {
        return created.day(now());
    }

    /** Leads emitted per hour of the server's day in progress, hour 0 first. */
    long[] emittedByHour() {
        return emitted.day(now());
    }

    /** The 429 answers of the secret {@code fingerprint} in the server's day in progress. */
    long rateLimitedToday(String fingerprint) {
        HourlyCounts counts = rateLimited.get(fingerprint);
        return counts == null ? 0 : counts.total(now());
    }
}
