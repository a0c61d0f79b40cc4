package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;

/**
 * The sweep's share of the calls, as a credit of pages that grows by {@code budget x callsPerDay} pages a day, capped
 * at {@code pagesPerPoll}: an idle consumer saves no more than one poll's worth. A paced page needs a whole page of
 * credit; an urgent pass (evidence, "sweep now") may borrow up to one day of the sweep's budget, which the pace then
 * pays back. In memory: a restart starts from no credit.
 */
final class SweepPace {

    private static final double DAY_SECONDS = Duration.ofDays(1).toSeconds();

    private final SweepSettings settings;
    private double credit;
    private Instant last;

    SweepPace(SweepSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds what was earned since the last call.
     *
     * @param callsPerDay the calls of the day the endpoint may spend
     */
    void earn(Instant now, double callsPerDay) {
        if (last != null && now.isAfter(last) && callsPerDay > 0) {
            double seconds = Duration.between(last, now).toMillis() / 1000.0;
            credit += settings.budget() * callsPerDay * seconds / DAY_SECONDS;
        }
        last = now;
        credit = Math.min(credit, settings.pagesPerPoll());
    }

    /** True when the sweep may read one more page now. */
    boolean mayRead(boolean urgent, double callsPerDay) {
        return urgent ? credit > -settings.budget() * Math.max(0, callsPerDay) : credit >= 1;
    }

    /** One page was read. */
    void spend() {
        credit -= 1;
    }

    /** The credit in pages (negative while an urgent pass pays back what it borrowed). */
    double credit() {
        return credit;
    }
}
