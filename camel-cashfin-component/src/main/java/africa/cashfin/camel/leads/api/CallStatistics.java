package africa.cashfin.camel.leads.api;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import africa.cashfin.camel.leads.api.limit.ApiOperation;

/**
 * The running totals of one {@link CashfinClient}: calls by operation and outcome, time waited for the rate limiter,
 * and the latest failure (its message, which never contains a secret). Thread-safe; read by JMX and the dev console.
 */
public final class CallStatistics implements CallListener {

    private final Map<ApiOperation, Map<CallOutcome, LongAdder>> calls = new EnumMap<>(ApiOperation.class);
    private final LongAdder limiterWaits = new LongAdder();
    private final LongAdder limiterWaitNanos = new LongAdder();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    CallStatistics() {
        for (ApiOperation operation : ApiOperation.values()) {
            Map<CallOutcome, LongAdder> byOutcome = new EnumMap<>(CallOutcome.class);
            for (CallOutcome outcome : CallOutcome.values()) {
                byOutcome.put(outcome, new LongAdder());
            }
            calls.put(operation, byOutcome);
        }
    }

    @Override
    public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
        calls.get(operation).get(outcome).increment();
    }

    @Override
    public void onLimiterWait(ApiOperation operation, long waitedNanos) {
        limiterWaits.increment();
        limiterWaitNanos.add(waitedNanos);
    }

    /** Remembers the failure a call ended with (after its retries). */
    void failed(RuntimeException failure) {
        lastError = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        lastErrorAt = Instant.now();
    }

    /** HTTP calls of {@code operation} that ended with {@code outcome}. */
    public long calls(ApiOperation operation, CallOutcome outcome) {
        return calls.get(operation).get(outcome).sum();
    }

    /** HTTP calls of every operation that ended with {@code outcome}. */
    public long calls(CallOutcome outcome) {
        long sum = 0;
        for (ApiOperation operation : ApiOperation.values()) {
            sum += calls(operation, outcome);
        }
        return sum;
    }

    /** Every HTTP call made, whatever its outcome. */
    public long totalCalls() {
        long sum = 0;
        for (CallOutcome outcome : CallOutcome.values()) {
            sum += calls(outcome);
        }
        return sum;
    }

    /** How many times a call waited for the rate limiter (once per attempt, possibly 0 ms). */
    public long limiterWaits() {
        return limiterWaits.sum();
    }

    /** Total time calls waited for the rate limiter, in milliseconds. */
    public long limiterWaitMillis() {
        return limiterWaitNanos.sum() / 1_000_000;
    }

    /** The latest call failure as {@code ExceptionClass: message} (never a secret), or null. */
    public String lastError() {
        return lastError;
    }

    /** When {@link #lastError()} happened, or null. */
    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}
