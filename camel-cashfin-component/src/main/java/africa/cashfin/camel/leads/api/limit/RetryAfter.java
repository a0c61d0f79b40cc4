package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the {@code Retry-After} header: delay seconds (what Cashfin sends) or an HTTP date (RFC 9110 section 10.2.3).
 * An HTTP date is read against the answer's own {@code Date} header when it has a readable one (so a server whose clock
 * differs from ours still gets the wait it asked for), else against our clock.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param headerValue the header's value, may be null
     * @param now         the current time, to turn an HTTP date into a delay
     * @return the wait the server asks for (zero if the date is past), or empty when absent or unreadable
     */
    public static Optional<Duration> parse(String headerValue, Instant now) {
        return parse(headerValue, null, now);
    }

    /**
     * @param headerValue the {@code Retry-After} value, may be null
     * @param dateHeader  the answer's {@code Date} value, may be null
     * @param now         our clock's now, used when {@code dateHeader} is absent or unreadable
     * @return the wait the server asks for (zero if the date is not after the answer's date), or empty when absent or
     *         unreadable
     */
    public static Optional<Duration> parse(String headerValue, String dateHeader, Instant now) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String text = headerValue.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = httpDate(text);
                Instant sent = dateHeader == null || dateHeader.isBlank() ? null : readableOrNull(dateHeader.trim());
                Duration wait = Duration.between(sent != null ? sent : now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Instant httpDate(String text) {
        return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Instant readableOrNull(String text) {
        try {
            return httpDate(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
