package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What went wrong with one call, as much as the retry policy needs to know: an HTTP error status (with the server's
 * {@code Retry-After} and {@code X-RateLimit-Reset} if sent), or a transport failure that either provably happened
 * before the request was sent ({@link Kind#NOT_SENT}) or may have happened after the server got it
 * ({@link Kind#AMBIGUOUS}).
 */
public final class CallFailure {

    /** The kinds of failure. */
    public enum Kind {
        /** The server answered with an error status. */
        HTTP_STATUS,
        /** The request never left: connection refused, connect timeout, DNS failure, TLS handshake failure. */
        NOT_SENT,
        /** The request may have reached the server: read (response) timeout, connection reset after sending. */
        AMBIGUOUS
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Instant rateLimitReset;
    private final String description;

    private CallFailure(Kind kind, int status, Duration retryAfter, Instant rateLimitReset, String description) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.rateLimitReset = rateLimitReset;
        this.description = description;
    }

    /**
     * @param status     the HTTP status, 400 to 599
     * @param retryAfter the parsed {@code Retry-After} (see {@link RetryAfter}), or null when absent
     * @param reset      the {@code X-RateLimit-Reset} time (see {@link RateLimitHeaders}), or null when absent
     */
    public static CallFailure httpStatus(int status, Duration retryAfter, Instant reset) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A failed call has an HTTP status from 400 to 599, but was " + status);
        }
        return new CallFailure(Kind.HTTP_STATUS, status, retryAfter, reset, "HTTP " + status);
    }

    /** @return an HTTP error status without rate-limit headers */
    public static CallFailure httpStatus(int status) {
        return httpStatus(status, null, null);
    }

    /** @param description what happened, e.g. "connection refused" (must not contain the secret) */
    public static CallFailure notSent(String description) {
        return new CallFailure(Kind.NOT_SENT, 0, null, null, Objects.requireNonNull(description, "description"));
    }

    /** @param description what happened, e.g. "read timeout after 30 s" (must not contain the secret) */
    public static CallFailure ambiguous(String description) {
        return new CallFailure(Kind.AMBIGUOUS, 0, null, null, Objects.requireNonNull(description, "description"));
    }

    /** @return the kind of failure */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status, when {@link #kind()} is {@link Kind#HTTP_STATUS} */
    public OptionalInt status() {
        return kind == Kind.HTTP_STATUS ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** @return the server's {@code Retry-After}, if it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the server's {@code X-RateLimit-Reset}, if it sent one */
    public Optional<Instant> rateLimitReset() {
        return Optional.ofNullable(rateLimitReset);
    }

    /** @return a short description for messages */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")")
                + (rateLimitReset == null ? "" : " (X-RateLimit-Reset " + rateLimitReset + ")");
    }
}
