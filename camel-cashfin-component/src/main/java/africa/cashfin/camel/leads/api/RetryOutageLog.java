package africa.cashfin.camel.leads.api;

import java.time.Duration;

import org.slf4j.Logger;

import africa.cashfin.camel.leads.api.limit.DurationText;

/**
 * The log of a client's retries, one INFO line per outage instead of one per attempt: the first retried failure says
 * that calls are failing and are being retried; the next successful call says that they work again, how long the
 * outage lasted and how many attempts failed in it. Every attempt is logged at DEBUG (by the caller). A call that gives
 * up fails its exchange, whose error handler reports it. Thread-safe: one per client, shared by its endpoints.
 */
final class RetryOutageLog {

    private final Logger log;
    private final String target;

    private long failingSinceNanos;
    private long failedAttempts;
    private volatile boolean failing;

    /** @param target what the calls go to, e.g. the base URL (never the secret) */
    RetryOutageLog(Logger log, String target) {
        this.log = log;
        this.target = target;
    }

    /** An attempt failed and will be retried ({@code what}: e.g. {@code HTTP 500}). */
    synchronized void retrying(String what) {
        failedAttempts++;
        if (!failing) {
            failing = true;
            failingSinceNanos = System.nanoTime();
            log.info("Cashfin calls to {} are failing ({}); retrying them. One line when they work again; each attempt"
                     + " at DEBUG.", target, what);
        }
    }

    /** A call succeeded: ends the outage, if there is one. */
    void succeeded() {
        if (!failing) {
            return; // the common case, without the lock
        }
        synchronized (this) {
            if (failing) {
                log.info("Cashfin calls to {} work again after {}: {} failed {} retried meanwhile.", target,
                         DurationText.of(Duration.ofNanos(System.nanoTime() - failingSinceNanos)), failedAttempts,
                         failedAttempts == 1 ? "attempt was" : "attempts were");
                failing = false;
                failedAttempts = 0;
            }
        }
    }
}
