package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.Bucket;

/**
 * One endpoint's claim on its secret's {@link BudgetShares}: its named reserve (when it has a {@code budgetReserve})
 * and the shared pool. {@link #take(Duration)} before every call (before the secret's {@link CallRateLimiter});
 * {@link Grant#giveBack()} when the call is not made after all. {@link #close()} when the endpoint's client closes.
 */
public final class BudgetShare implements AutoCloseable {

    private final BudgetShares shares;
    /** The reserve, or null for the pool only. */
    private final BudgetShares.Reserve reserve;
    private boolean closed;
    private Runnable onClose;

    BudgetShare(BudgetShares shares, BudgetShares.Reserve reserve) {
        this.shares = shares;
        this.reserve = reserve;
    }

    /**
     * Takes one call of this share: from the reserve if it has a token now, else from the pool if it has one now,
     * else from whichever is due first, waiting for it (sleeping on the limiter's {@link TimeSource}). Without a
     * reserve and without a pool (no endpoint of the secret has a reserve) this takes nothing and never waits.
     *
     * @param  maxWait                        the longest wait accepted; null for no limit
     * @return                                the grant, to give back when the call is not made
     * @throws RateLimitWaitExceededException when the share has no call within {@code maxWait}; nothing is taken
     * @throws InterruptedException           when interrupted while waiting; nothing is taken
     */
    public Grant take(Duration maxWait) throws InterruptedException {
        long deadline = maxWait == null ? Long.MAX_VALUE : shares.time().nanoTime() + Math.max(0, maxWait.toNanos());
        Bucket pool = shares.currentPool(reserve, deadline);
        if (reserve == null && pool == null) {
            return Grant.NONE;
        }
        ShareState state = reserve == null ? shares.poolState() : reserve.state;
        Taken taken;
        try {
            taken = shares.store().call(() -> takeFrom(pool, maxWait), deadline, late -> {
                if (late.waitNanos >= 0) {
                    late.bucket.addTokens(1); // the caller gave up: the call it was given is not made
                }
            });
        } catch (BoundedStore.StoreTimeoutException e) {
            throw new RateLimitWaitExceededException(shares.secret(), maxWait, BoundedStore.MIN_WAIT,
                    shares.time().now().plus(BoundedStore.MIN_WAIT), e.getMessage());
        }
        if (taken.waitNanos < 0) {
            state.waiting(taken.daySpent, taken.due, detail());
            Duration retryAfter = Duration.ofNanos(Math.max(0, taken.due));
            throw new RateLimitWaitExceededException(shares.secret(), maxWait, retryAfter,
                    shares.time().now().plus(retryAfter), (reserve == null ? "the pool of the calls without a"
                            + " budgetReserve" : "budget share '" + reserve.name + "' and the pool")
                            + " are spent for now");
        }
        Grant grant = new Grant(taken.bucket, shares.store());
        if (taken.waitNanos == 0) {
            state.available();
            return grant;
        }
        state.waiting(taken.daySpent, taken.waitNanos, detail());
        try {
            shares.time().sleepNanos(taken.waitNanos);
        } catch (InterruptedException e) {
            grant.giveBack();
            throw e;
        }
        return grant;
    }

    /**
     * The store's part of {@link #take}: one token from the reserve if it has one now, else from the pool if it has
     * one now, else reserved from whichever is due first (the wait is the caller's).
     */
    private Taken takeFrom(Bucket pool, Duration maxWait) {
        if (reserve != null && reserve.bucket.tryConsume(1)) {
            return new Taken(reserve.bucket, 0, 0, false);
        }
        if (pool != null && pool.tryConsume(1)) {
            return new Taken(pool, 0, 0, false);
        }
        Bucket chosen;
        if (reserve == null) {
            chosen = pool;
        } else if (pool == null) {
            chosen = reserve.bucket;
        } else {
            long own = reserve.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long shared = pool.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            chosen = own <= shared ? reserve.bucket : pool;
        }
        long[] wait = new long[1];
        boolean taken;
        try {
            if (maxWait == null) {
                chosen.asBlocking().consume(1, nanos -> wait[0] = nanos);
                taken = true;
            } else if (maxWait.isZero() || maxWait.isNegative()) {
                taken = false;
            } else {
                taken = chosen.asBlocking().tryConsume(1, maxWait.toNanos(), nanos -> wait[0] = nanos);
            }
        } catch (InterruptedException e) {
            // the blocking strategy above only records the wait; it never parks
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!taken) {
            return new Taken(chosen, -1, chosen.estimateAbilityToConsume(1).getNanosToWaitForRefill(),
                    daySpent(chosen));
        }
        return new Taken(chosen, wait[0], 0, wait[0] > 0 && daySpent(chosen));
    }

    /** What {@link #takeFrom} found: the bucket, the wait for its token (-1: none in time, then when it is due). */
    private record Taken(Bucket bucket, long waitNanos, long due, boolean daySpent) {
    }

    /** True when the day bandwidth of {@code bucket} has no token left (read only when a call has to wait). */
    private static boolean daySpent(Bucket bucket) {
        return BudgetShares.dayTokens(bucket).orElse(1) <= 0;
    }

    private String detail() {
        RateLimits limits = shares.limits();
        StringBuilder b = new StringBuilder();
        if (reserve != null) {
            b.append("reserve ").append(rates(limits, reserve.fraction, reserve.fraction)).append(", then the pool ");
        } else {
            b.append("the pool ");
        }
        return b.append(rates(limits, shares.poolRate(), 1 - shares.totalReserve())).toString();
    }

    private static String rates(RateLimits limits, double rateFraction, double dayFraction) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.0f %%", dayFraction * 100));
        if (limits.sustainedCallsPerSecond().isPresent()) {
            b.append(String.format(Locale.ROOT, ": %.1f calls/min",
                    limits.sustainedCallsPerSecond().getAsDouble() * rateFraction * 60));
        }
        if (limits.budget(RateWindow.DAY).isPresent()) {
            b.append(String.format(Locale.ROOT, ", %d calls/day", BudgetShares.dayCalls(limits, dayFraction)));
        }
        return b.toString();
    }

    /**
     * How long a call of this share asked for now would wait for the share (its reserve or the pool, whichever is due
     * first), without taking one; the limiter's own wait comes on top. After the share's calls of the day are spent,
     * hours. With a distributed store it reads the shared buckets.
     *
     * @return zero when the share has a call now, or while no endpoint of the secret has a reserve
     */
    public Duration waitForNextCall() {
        Bucket pool = shares.pool();
        if (reserve == null && pool == null) {
            return Duration.ZERO;
        }
        long wait = shares.read(() -> {
            long soonest = Long.MAX_VALUE;
            if (reserve != null) {
                soonest = Math.min(soonest, reserve.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            }
            if (pool != null) {
                soonest = Math.min(soonest, pool.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            }
            return soonest;
        });
        return Duration.ofNanos(Math.max(0, wait));
    }

    /** @return what the share is, for messages: {@code budget share 'x' (budgetReserve 0.3)} or the pool */
    public String describe() {
        return reserve == null ? "the pool (the calls without a budgetReserve, " + BudgetShares.text(pool())
                                 + " of the budget)"
                : "budget share '" + reserve.name + "' (budgetReserve " + BudgetShares.text(reserve.fraction)
                  + ", then the pool)";
    }

    /** @return the share's name, or null when it draws on the pool only */
    public String name() {
        return reserve == null ? null : reserve.name;
    }

    /** @return the reserved fraction of the secret's budget; 0 for the pool only */
    public double reserve() {
        return reserve == null ? 0 : reserve.fraction;
    }

    /** @return the fraction of the secret's budget in the pool now (1 while no endpoint has a reserve) */
    public double pool() {
        return 1 - shares.totalReserve();
    }

    /** @return whether the share's calls wait now: {@code available}, {@code waiting for its pace}, ... */
    public String state() {
        return (reserve == null ? shares.poolState() : reserve.state).kind().text();
    }

    /** @return all shares of the secret */
    public BudgetShares shares() {
        return shares;
    }

    synchronized void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Leaves the share (the last endpoint leaving a reserve gives it back to the pool). Idempotent. */
    @Override
    public void close() {
        Runnable after;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            after = onClose;
        }
        shares.leave(reserve);
        if (after != null) {
            after.run();
        }
    }

    @Override
    public String toString() {
        return reserve == null ? "BudgetShare[pool]"
                : "BudgetShare['" + reserve.name + "', " + BudgetShares.text(reserve.fraction) + "]";
    }

    /** One call taken from a share's bucket. */
    public static final class Grant {
        static final Grant NONE = new Grant(null, null);
        private final Bucket bucket;
        private final BoundedStore store;
        private boolean givenBack;

        private Grant(Bucket bucket, BoundedStore store) {
            this.bucket = bucket;
            this.store = store;
        }

        /** Gives the call back to the bucket it came from: the call was not made. Idempotent; never waits. */
        public synchronized void giveBack() {
            if (bucket != null && !givenBack) {
                givenBack = true;
                store.runLater(() -> bucket.addTokens(1));
            }
        }
    }
}
