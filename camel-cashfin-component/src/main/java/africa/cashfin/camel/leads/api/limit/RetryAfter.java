package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the {@code Retry-After} header: delay seconds (what Cashfin sends) or an HTTP date (RFC 9110). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param headerValue the header's value, may be null
     * @param now         the current time, to turn an HTTP date into a delay
     * @return the wait the server asks for (zero if the date is past), or empty when absent or unreadable
     */
    public static Optional<Duration> parse(String headerValue, Instant now) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String text = headerValue.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
