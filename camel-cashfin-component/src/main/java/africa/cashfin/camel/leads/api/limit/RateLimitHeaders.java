package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The rate-limit headers of one Cashfin response: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset}. Each may be absent; a value that is not a number is treated as absent (a bad header must
 * not fail a call that succeeded).
 * <p>
 * {@code X-RateLimit-Reset} is documented as Unix seconds; a value below {@value #EPOCH_SECONDS_THRESHOLD} is read as
 * "seconds from now", which some gateways send instead.
 *
 * @param limit     the limit of the window the server reports on
 * @param remaining calls left in that window
 * @param reset     when that window resets
 */
public record RateLimitHeaders(OptionalLong limit, OptionalLong remaining, Optional<Instant> reset) {

    /** Header name of the window's limit. */
    public static final String LIMIT = "X-RateLimit-Limit";
    /** Header name of the calls left in the window. */
    public static final String REMAINING = "X-RateLimit-Remaining";
    /** Header name of the window's reset time (Unix seconds). */
    public static final String RESET = "X-RateLimit-Reset";
    /** Header name of the wait the server asks for after a 429 or 503. */
    public static final String RETRY_AFTER = "Retry-After";

    /** Reset values below this (about 2001-09-09 as Unix seconds) are read as seconds from now. */
    public static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

    /** Headers of a response that carried none. */
    public static final RateLimitHeaders NONE = new RateLimitHeaders(OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty());

    /** Null-safe canonical constructor. */
    public RateLimitHeaders {
        limit = limit == null ? OptionalLong.empty() : limit;
        remaining = remaining == null ? OptionalLong.empty() : remaining;
        reset = reset == null ? Optional.empty() : reset;
    }

    /**
     * Reads the headers from a response.
     *
     * @param headerValue returns a header's value by name (case-insensitive lookup is the caller's job), or null
     * @param now         the current time, to resolve a relative reset
     */
    public static RateLimitHeaders from(Function<String, String> headerValue, Instant now) {
        return new RateLimitHeaders(number(headerValue.apply(LIMIT)), number(headerValue.apply(REMAINING)),
                resetTime(headerValue.apply(RESET), now));
    }

    /** @return the time left until the reset, if the reset is known and in the future */
    public Optional<Duration> timeUntilReset(Instant now) {
        return reset.map(r -> Duration.between(now, r)).filter(d -> !d.isNegative() && !d.isZero());
    }

    private static OptionalLong number(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text.trim());
            return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Instant> resetTime(String text, Instant now) {
        OptionalLong value = number(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        long seconds = value.getAsLong();
        return Optional.of(seconds < EPOCH_SECONDS_THRESHOLD ? now.plusSeconds(seconds) : Instant.ofEpochSecond(seconds));
    }
}
