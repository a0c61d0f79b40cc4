package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import africa.cashfin.camel.leads.scan.FailedLead;
import africa.cashfin.camel.leads.scan.ScanStatistics;

/**
 * The running totals of one lead consumer, for JMX and the dev console: leads emitted, failed and skipped as
 * malformed; polls and their duration; the figures of the last poll and the last poll failure; the failed leads that
 * wait out a retry (the scan's retry ledger, as the last poll left it). Thread-safe.
 */
public final class ConsumerStatistics {

    private final LongAdder emitted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder poisoned = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final LongAdder failedPolls = new LongAdder();
    private final LongAdder pollNanos = new LongAdder();
    private final LongAdder sweepPages = new LongAdder();
    private final LongAdder sweepRecovered = new LongAdder();
    private volatile ScanStatistics lastPoll;
    private volatile long lastPollNanos;
    private volatile Instant lastPollAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile List<FailedLead> retrying = List.of();
    private volatile Instant retryingAt;

    /** A lead's exchange completed. */
    public void emitted() {
        emitted.increment();
    }

    /** A lead's exchange failed (it is offered again later). */
    public void failed() {
        failed.increment();
    }

    /** A lead was given up after too many failed attempts (poisoned). */
    public void poisoned() {
        poisoned.increment();
    }

    /** Leads given up after too many failed attempts. */
    public long poisonedCount() {
        return poisoned.sum();
    }

    /** {@code count} records were skipped as malformed (each counted once, when first reported). */
    public void malformed(long count) {
        malformed.add(count);
    }

    /**
     * A poll ended.
     *
     * @param stats   what its scan did (null when it failed before the scan had figures)
     * @param failure the poll's failure in one line (never a secret), or null when it succeeded
     */
    public void polled(ScanStatistics stats, long durationNanos, String failure) {
        polls.increment();
        pollNanos.add(durationNanos);
        lastPollNanos = durationNanos;
        lastPollAt = Instant.now();
        if (stats != null) {
            lastPoll = stats;
        }
        if (failure != null) {
            failedPolls.increment();
            lastError = failure;
            lastErrorAt = lastPollAt;
        }
    }

    /** The sweep read {@code pages} pages in a poll and delivered {@code recovered} leads the fast path had not. */
    public void swept(int pages, int recovered) {
        sweepPages.add(pages);
        sweepRecovered.add(recovered);
    }

    /** Pages the sweep read since the consumer was created. */
    public long sweepPages() {
        return sweepPages.sum();
    }

    /** Leads the sweep delivered since the consumer was created. */
    public long sweepRecovered() {
        return sweepRecovered.sum();
    }

    /**
     * The failed leads that wait out a retry apart from the cursor (the retry ledger), as a poll left them
     * ({@code at}: when; an entry without a next attempt is due from then on).
     */
    public void retrying(List<FailedLead> leads, Instant at) {
        retrying = List.copyOf(leads);
        retryingAt = at;
    }

    /** How many failed leads wait out a retry apart from the cursor (the retry ledger's size). */
    public int failedLeadsWaiting() {
        return retrying.size();
    }

    /**
     * The earliest time a failed lead of the retry ledger may be offered again (the first poll after it offers it), or
     * null when none waits.
     */
    public Instant nextFailedLeadRetry() {
        Instant next = null;
        for (FailedLead lead : retrying) {
            Instant at = lead.nextAttempt() != null ? lead.nextAttempt() : retryingAt;
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    /** A lead's exchange failed with {@code error} (one line, never a secret). */
    public void leadError(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    public long emittedCount() {
        return emitted.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long malformedCount() {
        return malformed.sum();
    }

    public long polls() {
        return polls.sum();
    }

    public long failedPolls() {
        return failedPolls.sum();
    }

    /** Total time spent polling (list calls and the route's processing of the emitted leads). */
    public Duration totalPollTime() {
        return Duration.ofNanos(pollNanos.sum());
    }

    /** The figures of the last poll's scan, or null before the first. */
    public ScanStatistics lastPoll() {
        return lastPoll;
    }

    /** How long the last poll took. */
    public Duration lastPollDuration() {
        return Duration.ofNanos(lastPollNanos);
    }

    /** When the last poll ended, or null. */
    public Instant lastPollAt() {
        return lastPollAt;
    }

    /** The last failure (a poll's or a lead's), or null. */
    public String lastError() {
        return lastError;
    }

    /** When {@link #lastError()} happened, or null. */
    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}
