package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;

import africa.cashfin.camel.leads.api.limit.DurationText;

/**
 * Whether a poll may start now: only when its secret's next call (the rate limiter and the endpoint's budget share)
 * is due within {@link #MAX_START_WAIT}. A poll whose call is further away gives its scheduler thread back without a
 * call, and the scheduler's next tick asks again, so consumers that wait for their own spent limits never hold the
 * threads of a shared poll scheduler that the others need (docs/component.md, Many routes in one JVM).
 * <p>
 * One INFO line when polls are first held back (when the next call is allowed) and one when they start again.
 */
public final class PollStartGate {

    /** The longest wait for the secret's next call a poll starts with (it then waits on its thread). */
    public static final Duration MAX_START_WAIT = Duration.ofSeconds(1);

    private final Logger log;
    private final String source;
    private boolean holding;

    /**
     * @param log    where to log
     * @param source what is polled, as it may be logged (a sanitized endpoint URI)
     */
    public PollStartGate(Logger log, String source) {
        this.log = Objects.requireNonNull(log, "log");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param  nextCall how long the secret's next call waits (limiter and budget share), read only when called
     * @param  now      the time now, for the log line
     * @return          true when the poll may start
     */
    public synchronized boolean allows(Supplier<Duration> nextCall, Instant now) {
        Duration wait = nextCall.get();
        if (wait.compareTo(MAX_START_WAIT) <= 0) {
            if (holding) {
                holding = false;
                log.info("Polls of {} start again: its secret's calls are allowed again", source);
            }
            return true;
        }
        if (!holding) {
            holding = true;
            log.info("Polls of {} wait until {} (in {}): the rate limit or budget share of its secret allows no call"
                     + " before; no poll thread is held meanwhile, the first scheduled poll after that time runs",
                     source, now.plus(wait), DurationText.of(wait));
        }
        return false;
    }

    /** @return true while polls are held back */
    public synchronized boolean isHolding() {
        return holding;
    }
}
