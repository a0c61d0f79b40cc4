package africa.cashfin.camel.leads.consumer;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The malformed records a consumer already handed to its exception handler, by their JSON, so each is reported once
 * (the scan skips it, but reads it again on every poll that reads its page). Bounded: past 10,000 records the oldest
 * is forgotten first.
 */
public final class MalformedReports {

    private static final int MAX_REPORTED = 10_000;

    private final Set<String> reported = new LinkedHashSet<>();

    /** True the first time {@code json} is seen (it is remembered), false for a record already reported. */
    public boolean firstReport(String json) {
        if (!reported.add(json)) {
            return false;
        }
        if (reported.size() > MAX_REPORTED) {
            reported.remove(reported.iterator().next());
        }
        return true;
    }
}
