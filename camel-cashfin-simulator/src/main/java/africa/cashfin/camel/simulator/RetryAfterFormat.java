package africa.cashfin.camel.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How {@code Retry-After} is written on a 429 or 503: delay seconds (what Cashfin's docs show, the default) or an
 * HTTP date (RFC 9110 section 10.2.3 allows both; IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}).
 */
public enum RetryAfterFormat {
    /** {@code Retry-After: 1} (default). */
    SECONDS,
    /**
     * {@code Retry-After: <IMF-fixdate>}: the simulator clock's now plus the wait, rounded up to the second (never
     * earlier than the wait), with the answer's {@code Date} header giving the simulator clock's now.
     */
    HTTP_DATE;

    /** RFC 9110 IMF-fixdate: always two-digit day, GMT. */
    static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * @param text {@code seconds} or {@code http_date} (also {@code http-date}, {@code date}), any case
     * @return the format
     */
    public static RetryAfterFormat parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("SECONDS") || t.equals("DELAY_SECONDS")) {
            return SECONDS;
        }
        if (t.equals("HTTP_DATE") || t.equals("DATE")) {
            return HTTP_DATE;
        }
        throw new IllegalArgumentException("Unknown Retry-After format '" + text + "': use seconds or http_date");
    }

    /** @return the header value for a wait of {@code seconds} from {@code now} */
    String value(long seconds, Instant now) {
        if (this == SECONDS) {
            return Long.toString(seconds);
        }
        Instant at = now.plusSeconds(seconds);
        Instant whole = at.truncatedTo(ChronoUnit.SECONDS);
        return IMF_FIXDATE.format(whole.equals(at) ? whole : whole.plusSeconds(1));
    }

    /** @return {@code now} as an IMF-fixdate for the {@code Date} header (rounded down, as servers do) */
    static String date(Instant now) {
        return IMF_FIXDATE.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the name as the admin API and {@code switches()} show it */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
