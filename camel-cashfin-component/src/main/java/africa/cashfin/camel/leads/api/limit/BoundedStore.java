package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to a distributed Bucket4j store ({@code rateLimitStore}) bounded by the caller's remaining wait: a store that
 * stalls (a row lock held by another connection, a database that stopped answering) never holds a caller past its
 * deadline. The call runs on a store thread and the caller waits for it at most until its deadline (at least
 * {@link #MIN_WAIT}); a call that answers after its caller gave up is undone (a token taken is given back). Logs one
 * WARN line when the store stops answering in time and one INFO line when it answers again. Local buckets are called
 * directly. Thread-safe.
 */
final class BoundedStore {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedStore.class);

    /** The store always gets at least this long to answer, even when the caller's wait is spent. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "cashfin-rate-limit-store-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final String what;
    private final boolean distributed;
    private final TimeSource time;
    private boolean stalled;

    /**
     * @param what        the store, for log lines (e.g. {@code the shared budget store (rateLimitStore) of secret#...})
     * @param distributed true for a distributed store (bounded calls); false for local buckets (direct calls)
     * @param time        the clock of the deadlines
     */
    BoundedStore(String what, boolean distributed, TimeSource time) {
        this.what = Objects.requireNonNull(what, "what");
        this.distributed = distributed;
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Runs {@code call} against the store, waiting at most until {@code deadline}.
     *
     * @param  deadline              on the {@link TimeSource#nanoTime()} scale; {@link Long#MAX_VALUE} for no limit
     * @param  undoLate              applied to the result of a call that answers after its caller gave up; may be null
     * @throws StoreTimeoutException when the store did not answer in time
     * @throws InterruptedException  when the waiting thread is interrupted (the call is undone when it answers)
     */
    <T> T call(Supplier<T> call, long deadline, Consumer<T> undoLate) throws InterruptedException {
        if (!distributed || deadline == Long.MAX_VALUE) {
            return answered(call.get());
        }
        long wait = Math.max(MIN_WAIT.toNanos(), deadline - time.nanoTime());
        CompletableFuture<T> future = CompletableFuture.supplyAsync(call, EXECUTOR);
        try {
            return answered(future.get(wait, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            giveUp(future, undoLate);
            stalled(Duration.ofNanos(wait));
            throw new StoreTimeoutException(what + " did not answer within " + DurationText.of(Duration.ofNanos(wait)));
        } catch (InterruptedException e) {
            giveUp(future, undoLate);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Like {@link #call} for a call without result. */
    void run(Runnable call, long deadline) throws InterruptedException {
        call(() -> {
            call.run();
            return Boolean.TRUE;
        }, deadline, null);
    }

    /** Runs {@code call} on a store thread (a distributed store) or at once (local buckets): nobody waits for it. */
    void runLater(Runnable call) {
        if (!distributed) {
            call.run();
            return;
        }
        CompletableFuture.runAsync(call, EXECUTOR).exceptionally(e -> {
            LOG.debug("{} failed a call nobody waits for: {}", what, e.getMessage());
            return null;
        });
    }

    private static <T> void giveUp(CompletableFuture<T> future, Consumer<T> undoLate) {
        if (undoLate != null) {
            future.thenAccept(result -> {
                try {
                    undoLate.accept(result);
                } catch (RuntimeException e) {
                    LOG.debug("Could not undo a late answer of the rate-limit store: {}", e.getMessage());
                }
            });
        }
    }

    private <T> T answered(T result) {
        if (distributed) {
            synchronized (this) {
                if (stalled) {
                    stalled = false;
                    LOG.info("{} answers in time again", what);
                }
            }
        }
        return result;
    }

    private synchronized void stalled(Duration waited) {
        if (!stalled) {
            stalled = true;
            LOG.warn("{} did not answer within {} (a lock held by another connection, or a stalled database): calls"
                     + " that cannot get an answer within what is left of their maxRetryWait fail with"
                     + " RateLimitWaitExceededException without being sent, until it answers again", what,
                    DurationText.of(waited));
        }
    }

    /** The store did not answer within the caller's wait. */
    static final class StoreTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreTimeoutException(String message) {
            super(message);
        }
    }
}
