package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;

/**
 * How a {@link ViewSweep} re-reads the endpoint's view.
 *
 * @param budget       the fraction of the endpoint's calls of the day the sweep may spend, above 0 and at most 0.5
 * @param pagesPerPoll the most sweep pages one poll reads (at least 1)
 * @param limit        page size, 1..100 (the consumer's)
 * @param createdFloor leads created before this instant are never emitted ({@code startFrom} as an instant), or null
 * @param silentFirst  the first complete pass records the leads it does not know as seen instead of emitting them
 *                     ({@code startFrom=now}: the leads in the view at the start are not emitted)
 * @param minPassInterval a pass that is not brought forward starts at least this long after the previous pass started
 *                     (zero: as soon as the pace allows)
 */
public record SweepSettings(double budget, int pagesPerPoll, int limit, Instant createdFloor, boolean silentFirst,
                            Duration minPassInterval) {

    /** Default budget: a tenth of the endpoint's calls of the day (see docs/consumer-design.md, "The sweep"). */
    public static final double DEFAULT_BUDGET = 0.1;
    /** The largest budget: the sweep never takes more than half of the calls. */
    public static final double MAX_BUDGET = 0.5;
    /** Default pages per poll. */
    public static final int DEFAULT_PAGES_PER_POLL = 2;
    /**
     * Default {@code sweepMinPassInterval}: an hour (see docs/consumer-design.md, "The sweep"): at the default delay an
     * endpoint whose budget allows two pages every poll re-reads an unchanged small view at most once an hour.
     */
    public static final Duration DEFAULT_MIN_PASS_INTERVAL = Duration.ofHours(1);

    public SweepSettings {
        if (!(budget > 0 && budget <= MAX_BUDGET)) {
            throw new IllegalArgumentException("sweepBudget must be above 0 and at most " + MAX_BUDGET
                                               + " (a fraction of the endpoint's calls of the day, e.g. 0.1), got "
                                               + budget + "; to turn the sweep off use sweepEnabled=false");
        }
        if (pagesPerPoll < 1) {
            throw new IllegalArgumentException("sweepPagesPerPoll must be 1 or more, got " + pagesPerPoll);
        }
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100, got " + limit);
        }
        if (minPassInterval == null || minPassInterval.isNegative()) {
            throw new IllegalArgumentException("sweepMinPassInterval must not be negative (e.g. 1h, or 0 for none), got "
                                               + minPassInterval);
        }
    }

    /** Without a minimum interval between passes: a pass starts as soon as the pace allows. */
    public SweepSettings(double budget, int pagesPerPoll, int limit, Instant createdFloor, boolean silentFirst) {
        this(budget, pagesPerPoll, limit, createdFloor, silentFirst, Duration.ZERO);
    }

    /** Defaults with page size {@code limit}: budget 0.1, 2 pages per poll, no floor, not silent, no pass interval. */
    public static SweepSettings defaults(int limit) {
        return new SweepSettings(DEFAULT_BUDGET, DEFAULT_PAGES_PER_POLL, limit, null, false);
    }
}
