package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.CashfinTransportException;
import africa.cashfin.camel.leads.api.limit.DurationText;

/**
 * The consumer's default {@link ExceptionHandler} for failed polls (in place of Camel's {@code LoggingExceptionHandler},
 * which logs a stack trace on every failed poll): one WARN line when polling starts failing or fails in a new way (a
 * 401 after a 503), DEBUG while the same failure repeats (with a WARN reminder after 10, 100, 1000... failed polls in a
 * row), and one INFO line when a poll works again ({@link #succeeded()}). Expected API failures
 * ({@link CashfinApiException}, {@link CashfinTransportException}) never log a stack trace; any other exception (a bug)
 * logs its stack trace on its first WARN line.
 * <p>
 * Only {@link #handleException(String, Throwable)}, the form Camel's {@code ScheduledPollConsumer} uses for a failed
 * poll, counts as a poll failure; the other forms (other reports, e.g. a malformed record) go to {@code others}
 * unchanged.
 */
public final class PollFailureLog implements ExceptionHandler {

    private final Logger log;
    private final String source;
    private final ExceptionHandler others;

    private String failingKind;
    private long failuresInARow;
    private Instant failingSince;

    /**
     * @param log    where to log
     * @param source what is polled, as it may be logged (a sanitized endpoint URI)
     * @param others handles every report that is not a failed poll (typically Camel's {@code LoggingExceptionHandler})
     */
    public PollFailureLog(Logger log, String source, ExceptionHandler others) {
        this.log = Objects.requireNonNull(log, "log");
        this.source = Objects.requireNonNull(source, "source");
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public void handleException(Throwable exception) {
        others.handleException(exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        others.handleException(message, exchange, exception);
    }

    /** A failed poll (what {@code ScheduledPollConsumer} reports): logged once per change of state. */
    @Override
    public synchronized void handleException(String message, Throwable exception) {
        String kind = kindOf(exception);
        failuresInARow++;
        boolean expected = isExpected(exception);
        if (!kind.equals(failingKind)) {
            String what = failingKind == null ? "fails" : "now fails differently";
            failingKind = kind;
            failingSince = failingSince == null ? Instant.now() : failingSince;
            if (expected) {
                log.warn("Polling {} {}: {}. Polls go on (Camel's backoff options space them out); this is logged again"
                         + " only when it changes or recovers.", source, what, oneLine(exception));
            } else {
                log.warn("Polling {} {}: {}. Polls go on; this is logged again only when it changes or recovers.",
                         source, what, oneLine(exception), exception);
            }
        } else if (isPowerOfTen(failuresInARow)) {
            log.warn("Polling {} still fails after {} polls in a row since {}: {}", source, failuresInARow, failingSince,
                     oneLine(exception));
        } else if (log.isDebugEnabled()) {
            log.debug("Polling {} failed again ({} in a row): {}", source, failuresInARow, oneLine(exception));
        }
    }

    /** A poll completed: logs the recovery once when polls were failing. */
    public synchronized void succeeded() {
        if (failingKind != null) {
            log.info("Polling {} works again after {} failed polls in a row ({} since the first).", source,
                     failuresInARow, DurationText.of(Duration.between(failingSince, Instant.now())));
            failingKind = null;
            failingSince = null;
        }
        failuresInARow = 0;
    }

    /** True while the last poll failed. */
    public synchronized boolean isFailing() {
        return failingKind != null;
    }

    private static boolean isExpected(Throwable e) {
        return e instanceof CashfinApiException || e instanceof CashfinTransportException;
    }

    /** The same failure again: same type and, for API errors, same HTTP status. */
    private static String kindOf(Throwable e) {
        if (e instanceof CashfinApiException api) {
            return api.getClass().getName() + ':' + api.getStatusCode();
        }
        return e == null ? "unknown" : e.getClass().getName();
    }

    private static boolean isPowerOfTen(long n) {
        if (n < 10) {
            return false;
        }
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    /** The exception's type and message on one line (messages of this component never hold the secret). */
    public static String oneLine(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        // without its final period: the log lines go on with ". " (no "revoked.. Polls go on")
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("\\.+\\s*$", "");
    }
}
