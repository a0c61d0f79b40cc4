package africa.cashfin.camel.leads.scan;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lead whose exchange failed and that the scan retries apart from the cursor ({@link RetryLedger}), as saved beside
 * the cursor in the state row ({@link ScanCursor#failed()}): enough to find it again after a restart and to go on
 * counting its attempts and its age. One entry is
 * {@code <_id, URL-encoded>/<createdat>/<attempts>/<next attempt or empty>/<first failure or empty>}; the entries are
 * joined by {@code ,}. An entry of four parts (saved before the first failure was kept) reads with an unknown first
 * failure.
 *
 * @param id           the lead's {@code _id}
 * @param created      its {@code createdat}: after a restart the first poll reads down to the oldest one
 * @param attempts     failed attempts so far (0 when unknown: only waited)
 * @param nextAttempt  not offered to the route before it; null: at once
 * @param firstFailure when its first failed attempt happened (saved to the second), or null when unknown
 */
public record FailedLead(String id, Instant created, int attempts, Instant nextAttempt, Instant firstFailure) {

    public FailedLead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
    }

    /** The entries as one field value (empty for none). */
    static String formatAll(List<FailedLead> leads) {
        StringBuilder text = new StringBuilder();
        for (FailedLead lead : leads) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(URLEncoder.encode(lead.id, StandardCharsets.UTF_8)).append('/').append(lead.created).append('/')
                    .append(lead.attempts).append('/').append(lead.nextAttempt == null ? "" : lead.nextAttempt)
                    .append('/')
                    .append(lead.firstFailure == null ? "" : lead.firstFailure.truncatedTo(ChronoUnit.SECONDS));
        }
        return text.toString();
    }

    /**
     * Parses {@link #formatAll}'s output.
     *
     * @throws IllegalArgumentException when an entry is not {@code id/createdat/attempts/next[/first]}
     */
    static List<FailedLead> parseAll(String text) {
        List<FailedLead> leads = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return leads;
        }
        for (String entry : text.split(",", -1)) {
            String[] parts = entry.split("/", -1);
            if (parts.length != 4 && parts.length != 5) {
                throw new IllegalArgumentException("failed lead '" + entry
                                                   + "' is not id/createdat/attempts/next/first");
            }
            leads.add(new FailedLead(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), Instant.parse(parts[1]),
                                     Integer.parseInt(parts[2]), StateFields.instant(parts[3]),
                                     parts.length == 5 ? StateFields.instant(parts[4]) : null));
        }
        return leads;
    }
}
