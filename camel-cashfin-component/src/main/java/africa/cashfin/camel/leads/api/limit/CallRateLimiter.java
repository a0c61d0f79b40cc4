package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the calls made with one Cashfin client secret so that they stay under the secret's {@link RateLimits} without
 * 429s, even against a server that counts a sliding window at arrival, and adapts to what the server reports. One
 * instance per secret, shared by every endpoint and route in the JVM (get it from {@link CallRateLimiterRegistry});
 * thread-safe.
 * <p>
 * A call passes four gates, in this order (see {@code docs/rate-limiting.md}):
 * <ol>
 * <li>the <b>budget</b>: Bucket4j buckets, local or in a distributed store shared by several JVMs: the pace
 * ({@link #bucketConfiguration}: per-second and per-minute bandwidths of capacity one call, refilled greedily at
 * {@code limit * (1 - margin)} per window) and the day ({@link ServerDay}: the whole margin-reduced daily budget,
 * aligned with the server's day and corrected by its headers). The caller reserves its tokens at once (Bucket4j
 * computes when they are due) and waits below;</li>
 * <li>the <b>slot</b>: a local schedule that hands out call times no closer than the paced spacing divided by the
 * {@link AdaptivePace adaptive share} (1 until a 429; AIMD), and none before a shared pause ends. A pause (a 429's
 * {@code Retry-After}, or {@code X-RateLimit-Remaining: 0} that the limiter's own calls do not explain) moves the
 * schedule to its end and invalidates the slots handed out before, so the waiting callers come back one spacing apart,
 * not in a burst;</li>
 * <li>the <b>sliding log</b> ({@link AdmissionLog}): per second and per minute, at most the server's limit in any
 * span of the window plus {@link RateLimits#jitter()}, counted when calls actually leave; with a
 * {@link SharedAdmissionLog} (a cluster), the calls of every JVM using the secret are counted;</li>
 * <li>and only then is the call recorded and let go.</li>
 * </ol>
 */
public final class CallRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(CallRateLimiter.class);

    /** A reset further away than this is not believed (a day and an hour covers the daily window). */
    private static final Duration MAX_HOLD = Duration.ofHours(25);
    /** The longest a healthy shared log may take before the call falls back to this JVM's log. */
    private static final long SHARED_LOG_MAX_WAIT_NANOS = 5_000_000_000L;
    /** While the shared log fails: the longest a probe may take, and how often one call probes it. */
    private static final long SHARED_LOG_PROBE_WAIT_NANOS = 200_000_000L;
    private static final long SHARED_LOG_PROBE_EVERY_NANOS = 1_000_000_000L;
    /** The longest a read of the shared bucket for the health check or the console may take. */
    private static final long READ_WAIT_NANOS = 2_000_000_000L;

    private final SecretFingerprint secret;
    private final RateLimits limits;
    private final TimeSource time;
    /** The pace (per-second and per-minute bandwidths), or null when neither window is limited. */
    private final Bucket bucket;
    /** The daily budget, or null when the day is not limited. */
    private final ServerDay day;
    private final boolean distributed;
    /** Bounds the calls to the distributed bucket by the caller's wait. */
    private final BoundedStore store;
    /** The cluster's shared sliding log of sends, or null to keep the log in this JVM only. */
    private final SharedAdmissionLog sharedLog;
    /** The windows the shared log keeps (those of {@link #logs}). */
    private final List<SharedAdmissionLog.Window> sharedWindows = new ArrayList<>();
    private final long holdWhenRemainingAtMost;
    /** The paced spacing of calls at full pace (0 when neither the second nor the minute is limited). */
    private final long spacingNanos;
    /** The calls per second at full pace, for log lines (0 when unknown). */
    private final double fullRate;

    // ---- the schedule, guarded by "this"
    private final List<AdmissionLog> logs = new ArrayList<>();
    private final AdaptivePace pace;
    /** The earliest time the next slot may be handed out. */
    private long nextSlotNanos;
    /** End of the current pause, on the {@link TimeSource#nanoTime()} scale; in the past when not paused. */
    private long pausedUntilNanos;
    /** Bumped by every pause: a slot of an older generation must be taken again. */
    private long generation;
    /** True from a 429 until the first call after its pause (which logs that calls resumed). */
    private boolean rateLimitedPause;
    /** True while the shared log fails (the JVM's own logs are used meanwhile). */
    private boolean sharedLogFailing;
    /** When the shared log was last asked while failing (one call probes it per second). */
    private long sharedLogProbedAt;
    /** Calls sent by this limiter so far (to tell which were sent after a response's call). */
    private long sentCount;

    private CallRateLimiter(Builder builder) {
        this.secret = Objects.requireNonNull(builder.secret, "secret");
        this.limits = Objects.requireNonNull(builder.limits, "limits");
        this.time = Objects.requireNonNull(builder.time, "time");
        this.holdWhenRemainingAtMost = builder.holdWhenRemainingAtMost;
        this.distributed = builder.proxyManager != null;
        this.sharedLog = builder.sharedLog;
        this.store = new BoundedStore("The shared budget store (rateLimitStore) of " + secret, distributed, time);
        long now = time.nanoTime();
        this.nextSlotNanos = now;
        this.pausedUntilNanos = now;
        long spacing = 0;
        for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE }) {
            if (limits.budget(window).isPresent()) {
                spacing = Math.max(spacing, spacingNanos(window, limits.budget(window).getAsDouble()));
                long limit = limits.limit(window).getAsLong();
                if (limit <= AdmissionLog.MAX_LOGGED_LIMIT) {
                    logs.add(new AdmissionLog(limit, window.length().toNanos()));
                    sharedWindows.add(new SharedAdmissionLog.Window(limit, window.length()));
                }
            }
        }
        this.spacingNanos = spacing;
        this.pace = new AdaptivePace(limits.jitter().toNanos());
        this.fullRate = spacing == 0 ? 0 : 1e9 / spacing;
        BucketHome home = new BucketHome(builder.proxyManager, time);
        this.bucket = spacing == 0 ? null : home.bucket(secret.bucketKey(), bucketConfiguration(limits), false);
        // the day's bucket has a bounded store of its own: one bucket answering must not end the other's stall
        this.day = limits.limit(RateWindow.DAY).isPresent() ? new ServerDay(secret, limits, home, new BoundedStore(
                "The shared budget store (rateLimitStore) of the daily budget of " + secret, distributed, time), time)
                : null;
    }

    /** @return a builder for a limiter of the given secret (normally the registry builds limiters) */
    public static Builder builder(SecretFingerprint secret, RateLimits limits) {
        return new Builder(secret, limits);
    }

    /**
     * The Bucket4j configuration of the pace the limiter enforces for the given limits (the per-second and per-minute
     * windows; the day has a bucket of its own, {@link #dayConfiguration}): exposed so a cluster can inspect or
     * pre-create the shared bucket.
     *
     * @throws IllegalArgumentException when neither the second nor the minute is limited (there is no pace)
     */
    public static BucketConfiguration bucketConfiguration(RateLimits limits) {
        ConfigurationBuilder configuration = BucketConfiguration.builder();
        boolean any = false;
        for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE }) {
            if (limits.budget(window).isEmpty()) {
                continue;
            }
            double budget = limits.budget(window).getAsDouble();
            // one call of capacity, one call every windowNanos / budget (rounded up): even pacing, and any fixed
            // window of the server's sees fewer than 1 + budget calls
            configuration.addLimit(Bandwidth.builder().capacity(1)
                    .refillGreedy(1, Duration.ofNanos(spacingNanos(window, budget)))
                    .id(window == RateWindow.SECOND ? "per-second" : "per-minute").build());
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("Rate limits without a per-second or per-minute limit have no pace");
        }
        return configuration.build();
    }

    /**
     * The Bucket4j configuration of the daily budget (key {@code <bucket key>:day}) for a server whose day starts at
     * UTC midnight: the whole margin-reduced daily budget ({@code floor(limit * (1 - margin))}), refilled in full at
     * the start of each day. Pacing the day over 24 h would allow one call every ~89 s on Free.
     *
     * @throws java.util.NoSuchElementException when the day is not limited
     */
    public static BucketConfiguration dayConfiguration(RateLimits limits) {
        return ServerDay.configuration(ServerDay.budget(limits), 0);
    }

    private static long spacingNanos(RateWindow window, double budget) {
        return (long) Math.ceil(window.length().toNanos() / budget);
    }

    /**
     * Blocks until a call may be made, however long that takes (on the Free plan, after the daily budget is spent,
     * that can be hours). Call it right before sending: the call is counted as leaving now.
     *
     * @throws InterruptedException when the waiting thread is interrupted; no call may then be made
     */
    public void acquire() throws InterruptedException {
        acquire(null);
    }

    /**
     * Blocks until a call may be made, but no longer than {@code maxWait}. Call it right before sending: the call is
     * counted as leaving when this returns. Same as {@link #reserve(Duration)} followed at once by
     * {@link Permit#send()}.
     *
     * @param  maxWait                        the longest wait accepted; null for no limit
     * @throws RateLimitWaitExceededException when no call is allowed within {@code maxWait}: no call may be made, the
     *                                        exception says when to retry
     * @throws InterruptedException           when the waiting thread is interrupted; no call may then be made
     */
    public void acquire(Duration maxWait) throws InterruptedException {
        reserve(maxWait).send();
    }

    /**
     * The first half of {@link #acquire(Duration)}, for a caller that has work to do between being paced and
     * sending (opening a connection): takes one call of the budget and waits for its paced slot (after any pause).
     * Then, right before the request is written, {@link Permit#send()} checks the sliding log and counts the call as
     * leaving; or {@link Permit#cancel()} gives the budget back when the call is not made.
     *
     * @param  maxWait                        the longest wait accepted (for both halves together); null for no limit
     * @return                                the permit to send or cancel
     * @throws RateLimitWaitExceededException when no call is allowed within {@code maxWait}: no call may be made
     * @throws InterruptedException           when the waiting thread is interrupted; no call may then be made
     */
    public Permit reserve(Duration maxWait) throws InterruptedException {
        if (maxWait != null && maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, but was " + maxWait);
        }
        long start = time.nanoTime();
        long deadline = maxWait == null ? Long.MAX_VALUE : start + maxWait.toNanos();
        Permit permit = new Permit(maxWait, deadline, reserveBudget(start, maxWait, deadline));
        boolean ready = false;
        try {
            permit.await(false);
            ready = true;
            return permit;
        } finally {
            if (!ready) {
                permit.cancel();
            }
        }
    }

    /**
     * Reserves one call of the budget; returns when it is due (on the TimeSource scale). A distributed store is asked
     * within the caller's deadline.
     */
    private long reserveBudget(long now, Duration maxWait, long deadline) throws InterruptedException {
        long dayDue = day == null ? now : reserveFrom(day.store(), day.bucket(), maxWait, deadline, "the daily budget of "
                + ServerDay.budget(limits) + " calls is spent until the server's day ends (it starts at "
                + day.dayStart() + " UTC)");
        long paceDue;
        try {
            paceDue = bucket == null ? now : reserveFrom(store, bucket, maxWait, deadline, "the rate limit " + limits
                    + " is spent for now");
        } catch (RuntimeException | InterruptedException e) {
            if (day != null) {
                day.store().runLater(() -> day.bucket().addTokens(1));
            }
            throw e;
        }
        return Math.max(now, Math.max(dayDue, paceDue));
    }

    /**
     * Reserves one token of {@code from} within the caller's deadline; returns when it is due, on the
     * {@link TimeSource#nanoTime()} scale. The bucket's wait counts from when the store answered, not from when it was
     * asked: a store round trip (a new connection, a row lock, the day's bucket asked first) must not make the token
     * due early, or consecutive calls would come closer than the paced spacing and pile up on the sliding log.
     *
     * @throws RateLimitWaitExceededException when none is due within {@code maxWait}, or the store did not answer
     */
    private long reserveFrom(BoundedStore store, Bucket from, Duration maxWait, long deadline, String spent)
            throws InterruptedException {
        try {
            long wait = store.call(() -> reserveToken(from, maxWait), deadline, late -> {
                if (late >= 0) {
                    from.addTokens(1); // the caller gave up: the token it was given is not used
                }
            });
            if (wait < 0) {
                long due = store.call(() -> from.estimateAbilityToConsume(1).getNanosToWaitForRefill(), deadline,
                        null);
                throw exceeded(maxWait, due, spent);
            }
            return time.nanoTime() + wait;
        } catch (BoundedStore.StoreTimeoutException e) {
            throw exceeded(maxWait, BoundedStore.MIN_WAIT.toNanos(), e.getMessage());
        }
    }

    /** @return the wait before the reserved token is due, or -1 when none is due within {@code maxWait} */
    private static long reserveToken(Bucket bucket, Duration maxWait) {
        long[] wait = new long[1];
        boolean reserved;
        try {
            if (maxWait == null) {
                bucket.asBlocking().consume(1, nanos -> wait[0] = nanos);
                reserved = true;
            } else if (maxWait.isZero()) {
                // Bucket4j's blocking tryConsume refuses a zero wait: then only take a token that is there now
                reserved = bucket.tryConsume(1);
            } else {
                reserved = bucket.asBlocking().tryConsume(1, maxWait.toNanos(), nanos -> wait[0] = nanos);
            }
        } catch (InterruptedException e) {
            // the blocking strategy above only records the wait; it never parks
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return reserved ? wait[0] : -1;
    }

    private synchronized long currentGeneration() {
        return generation;
    }

    /** Hands out the next call time: no sooner than the budget allows, the pause ends, and the adaptive spacing. */
    private synchronized Slot takeSlot(long now, long budgetDue) {
        long at = Math.max(Math.max(now, budgetDue), Math.max(nextSlotNanos, pausedUntilNanos));
        if (spacingNanos > 0) {
            nextSlotNanos = at + (long) (spacingNanos / pace.factor(at));
        }
        return new Slot(at, generation, at <= pausedUntilNanos && pausedUntilNanos > now);
    }

    /**
     * Lets the call go at {@code now} if its slot is still valid and the sliding logs have room: the cluster's shared
     * log when there is one (then the call is also recorded in this JVM's logs, which explain the server's headers),
     * else this JVM's.
     *
     * @return 0 when admitted (recorded), a positive wait when a sliding log is full, -1 when the slot was invalidated
     */
    private long admit(long now, Slot slot, long deadline) {
        long jitter;
        long timeout;
        synchronized (this) {
            if (slot.generation != generation) {
                return -1;
            }
            if (sharedLog == null || sharedWindows.isEmpty()) {
                return admitLocally(now);
            }
            if (sharedLogFailing) {
                // one call a second asks whether it works again (briefly); the others keep to this JVM's log
                if (now - sharedLogProbedAt < SHARED_LOG_PROBE_EVERY_NANOS) {
                    return admitLocally(now);
                }
                sharedLogProbedAt = now;
            }
            jitter = pace.jitterNanos(now);
            // the caller's remaining wait bounds the shared log (at least the store's minimum); a probe is brief
            timeout = sharedLogFailing ? SHARED_LOG_PROBE_WAIT_NANOS
                    : Math.max(BoundedStore.MIN_WAIT.toNanos(), Math.min(SHARED_LOG_MAX_WAIT_NANOS, deadline - now));
        }
        Duration wait;
        try {
            wait = sharedLog.admit(secret.bucketKey(), sharedWindows, Duration.ofNanos(jitter),
                    Duration.ofNanos(timeout));
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!sharedLogFailing) {
                    sharedLogFailing = true;
                    sharedLogProbedAt = time.nanoTime();
                    LOG.warn("The shared admission log of {} ({}) failed: {}. Until it works again each JVM keeps its"
                             + " own sliding log (the shared budget still applies).", secret, sharedLog,
                            e.getMessage());
                }
                return slot.generation != generation ? -1 : admitLocally(time.nanoTime());
            }
        }
        synchronized (this) {
            if (sharedLogFailing) {
                sharedLogFailing = false;
                LOG.info("The shared admission log of {} ({}) works again", secret, sharedLog);
            }
            if (!wait.isZero()) {
                return wait.toNanos();
            }
            recordSent(time.nanoTime());
            return 0;
        }
    }

    /** Checks and records in this JVM's sliding logs; guarded by "this". */
    private long admitLocally(long now) {
        long wait = 0;
        for (AdmissionLog log : logs) {
            wait = Math.max(wait, log.waitBefore(now, pace.jitterNanos(now)));
        }
        if (wait > 0) {
            return wait;
        }
        recordSent(now);
        return 0;
    }

    /** Records a call that leaves at {@code now} in this JVM's logs; guarded by "this". */
    private void recordSent(long now) {
        sentCount++;
        for (AdmissionLog log : logs) {
            log.record(now);
        }
        if (rateLimitedPause) {
            rateLimitedPause = false;
            LOG.info("Cashfin calls of {} resumed after the 429 pause{}", secret, paceText(now));
        }
    }

    /**
     * Adapts to the rate-limit headers of a response: when {@code X-RateLimit-Remaining} is at or below the hold
     * threshold (default 0), {@code X-RateLimit-Reset} is in the future, and the limiter's own recent calls do not
     * explain it (another application spends the same budget, or the server's day started before this JVM's), every
     * caller of this secret is held until the reset. A window that this limiter's own pacing has filled is not a
     * reason to hold: the pacing and the sliding log already keep it.
     */
    public void observe(RateLimitHeaders headers) {
        observe(headers, null);
    }

    /**
     * Like {@link #observe(RateLimitHeaders)} for the response to a call sent with {@code permit}: the server counted
     * that call's window from when it arrived, so the limiter's own calls that explain a {@code Remaining} of 0 are
     * those sent from one window plus the jitter allowance before it.
     *
     * @param permit the sent permit of the call that got these headers, or null when unknown
     */
    public void observe(RateLimitHeaders headers, Permit permit) {
        if (day != null && headers != null) {
            long sentSince;
            synchronized (this) {
                sentSince = permit != null && permit.sent ? Math.max(0, sentCount - permit.sentSeq) : 0;
            }
            day.observe(headers, sentSince);
        }
        if (headers == null || headers.remaining().isEmpty()
                || headers.remaining().getAsLong() > holdWhenRemainingAtMost) {
            return;
        }
        long sentAt = permit != null && permit.sent ? permit.sentAt : time.nanoTime();
        Instant now = time.now();
        Optional<Duration> untilReset = headers.timeUntilReset(now);
        if (untilReset.isEmpty() || explainedByOwnCalls(headers, sentAt)) {
            return;
        }
        Duration hold = min(untilReset.get(), MAX_HOLD);
        pauseFor(hold, false);
        LOG.debug("Cashfin reports {} calls remaining (limit {}) for {}: holding calls for {}",
                headers.remaining().getAsLong(), headers.limit().isPresent() ? headers.limit().getAsLong() : "?",
                secret, DurationText.of(hold));
    }

    /**
     * True when the window the headers describe is one the limiter logs and its own calls, sent from one span before
     * the call that got the headers, have used it up.
     */
    private synchronized boolean explainedByOwnCalls(RateLimitHeaders headers, long sentAt) {
        if (headers.limit().isEmpty()) {
            return false;
        }
        long limit = headers.limit().getAsLong();
        long used = limit - headers.remaining().getAsLong();
        for (AdmissionLog log : logs) {
            if (log.limit() == limit
                    && log.countAfter(sentAt - log.windowNanos() - pace.jitterNanos(sentAt)) >= used) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a 429: pauses every caller of this secret until {@code retryAfter} has passed (one shared pause: a shorter
     * pause never shortens a longer one, and the callers come back one paced spacing apart), and lowers the pace
     * (AIMD, see {@link AdaptivePace}) unless the 429 belongs to a pause already under way. Logs one line when the
     * pause starts and one when calls resume.
     *
     * @param retryAfter the server's {@code Retry-After} (or the time until {@code X-RateLimit-Reset}); null or
     *                   negative means one second
     */
    public void onRateLimited(Duration retryAfter) {
        Duration pause = retryAfter == null || retryAfter.isNegative() ? Duration.ofSeconds(1)
                : min(retryAfter, MAX_HOLD);
        pauseFor(pause, true);
    }

    private synchronized void pauseFor(Duration pause, boolean rateLimited) {
        long now = time.nanoTime();
        boolean alreadyPaused = rateLimitedPause;
        long until = now + pause.toNanos();
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
            nextSlotNanos = until;
            generation++;
        }
        if (!rateLimited) {
            return;
        }
        if (alreadyPaused) {
            LOG.debug("Cashfin answered 429 Too Many Requests for {} again (a call sent before the pause): pausing"
                      + " until the pause ends ({} from now)", secret,
                    DurationText.of(Duration.ofNanos(pausedUntilNanos - now)));
            return;
        }
        double share = pace.cut(now, pausedUntilNanos);
        rateLimitedPause = true;
        LOG.info("Cashfin answered 429 Too Many Requests for {}: pausing all its calls for {}{}", secret,
                DurationText.of(Duration.ofNanos(pausedUntilNanos - now)), fullRate == 0 ? ""
                        : String.format(Locale.ROOT, ", then pacing at %.0f %% (%.2f calls/s) and rising back"
                                                     + " gradually, jitter allowance %d ms", share * 100,
                                share * fullRate, pace.jitterNanos(now) / 1_000_000));
    }

    private String paceText(long now) {
        if (fullRate == 0) {
            return "";
        }
        double share = pace.factor(now);
        return String.format(Locale.ROOT, "; pacing at %.0f %% (%.2f calls/s)%s", share * 100, share * fullRate,
                share < 1 ? ", rising back gradually" : "");
    }

    /** @return when the current pause ends, by the wall clock, or empty when calls are not paused */
    public Optional<Instant> pausedUntil() {
        long left;
        synchronized (this) {
            left = pausedUntilNanos - time.nanoTime();
        }
        return left > 0 ? Optional.of(time.now().plusNanos(left)) : Optional.empty();
    }

    /**
     * How long a call asked for now would wait for its slot, without taking one: the pause the server asked for, or
     * the time until the bucket refills (after the day's budget is spent, hours). Spends nothing; with a distributed
     * store it reads the shared bucket.
     *
     * @return zero when a call could start now
     */
    public Duration waitForNextCall() {
        long pauseLeft;
        synchronized (this) {
            pauseLeft = Math.max(0, pausedUntilNanos - time.nanoTime());
        }
        long refill = bucket == null ? 0 : Math.max(0, read(store, () -> bucket.estimateAbilityToConsume(1)
                .getNanosToWaitForRefill()));
        if (day != null) {
            refill = Math.max(refill, read(day.store(), () -> day.bucket().estimateAbilityToConsume(1)
                    .getNanosToWaitForRefill()));
        }
        return Duration.ofNanos(Math.max(pauseLeft, refill));
    }

    /**
     * @return when the server's day ends next (its daily budget is refilled then), as far as this JVM knows (UTC
     *         midnight until the server's headers said otherwise), or empty when the day is not limited
     */
    public Optional<Instant> dayEnds() {
        if (day == null) {
            return Optional.empty();
        }
        Instant now = time.now();
        Instant end = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().atTime(day.dayStart())
                .toInstant(java.time.ZoneOffset.UTC);
        while (!end.isAfter(now)) {
            end = end.plus(Duration.ofDays(1));
        }
        return Optional.of(end);
    }

    /**
     * @return the calls left of the secret's margin-reduced daily budget (every endpoint of the secret spends from
     *         it), or empty when the day is not limited or a distributed store does not answer in time. Spends nothing.
     */
    public java.util.OptionalLong dayCallsLeft() {
        if (day == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(read(day.store(), () -> day.bucket().getAvailableTokens()));
        } catch (RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * @return the calls of the secret's margin-reduced daily budget spent so far in the server's day (the budget less
     *         {@link #dayCallsLeft()}), or empty when the day is not limited or a distributed store does not answer in
     *         time. Spends nothing.
     */
    public java.util.OptionalLong dayCallsUsed() {
        java.util.OptionalLong left = dayCallsLeft();
        return left.isEmpty() ? left : java.util.OptionalLong.of(Math.max(0, ServerDay.budget(limits) - left.getAsLong()));
    }

    /**
     * @return the share of the configured rate the limiter allows itself now: 1 normally, less after a 429 (see
     *         {@link AdaptivePace})
     */
    public synchronized double paceShare() {
        return pace.factor(time.nanoTime());
    }

    /**
     * Calls sent in the current span of each window this limiter logs (the last second and the last minute, for limits
     * it logs), for the dev console. Spends nothing.
     *
     * @return calls sent per window; a window without a logged limit is absent
     */
    public synchronized Map<RateWindow, Long> sentInWindows() {
        long now = time.nanoTime();
        Map<RateWindow, Long> sent = new EnumMap<>(RateWindow.class);
        for (AdmissionLog log : logs) {
            for (RateWindow window : RateWindow.values()) {
                if (window.length().toNanos() == log.windowNanos()) {
                    sent.put(window, log.countAfter(now - log.windowNanos()));
                }
            }
        }
        return sent;
    }

    /**
     * @return the arrival-jitter allowance of the sliding logs now: {@link RateLimits#jitter()}, or more for a while
     *         after a 429 (see {@link AdaptivePace})
     */
    public synchronized Duration jitterAllowance() {
        return Duration.ofNanos(pace.jitterNanos(time.nanoTime()));
    }

    /** @return the server's day of the secret (the budget shares' day buckets follow it), or null when not limited */
    ServerDay serverDay() {
        return day;
    }

    /** @return the limits enforced */
    public RateLimits limits() {
        return limits;
    }

    /**
     * @return the clock this limiter waits on (the component's {@code timeSource}, else the system clock): the clock of
     *         every wait of its callers, including the retries' ({@code maxRetryWait})
     */
    public TimeSource timeSource() {
        return time;
    }

    /** @return the fingerprint of the secret whose budget this is */
    public SecretFingerprint secret() {
        return secret;
    }

    /** @return true when the sliding log of sends is shared by the JVMs using this secret */
    public boolean hasSharedLog() {
        return sharedLog != null;
    }

    /** @return true when the bucket lives in a distributed Bucket4j store */
    public boolean isDistributed() {
        return distributed;
    }

    /**
     * Reads the bucket for the health check or the console, bounded by {@link #READ_WAIT_NANOS} in a distributed store.
     *
     * @throws BoundedStore.StoreTimeoutException when the store does not answer in time
     */
    private <T> T read(BoundedStore store, java.util.function.Supplier<T> read) {
        try {
            return store.call(read, time.nanoTime() + READ_WAIT_NANOS, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the rate-limit store of " + secret, e);
        }
    }

    private RateLimitWaitExceededException exceeded(Duration maxWait, long waitNanos, String cause) {
        Duration retryAfter = Duration.ofNanos(Math.max(0, waitNanos));
        return new RateLimitWaitExceededException(secret, maxWait, retryAfter, time.now().plus(retryAfter), cause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "CallRateLimiter[" + secret + ", " + limits + (distributed ? ", distributed" : "")
               + (sharedLog != null ? ", shared log" : "") + "]";
    }

    /**
     * One call's claim on the budget, from {@link #reserve(Duration)}: paced, not yet counted as sent. Either
     * {@link #send()} it right before the request is written, or {@link #cancel()} it. Used by one thread.
     */
    public final class Permit {
        private final Duration maxWait;
        private final long deadline;
        private final long budgetDue;
        private Slot slot;
        private boolean sent;
        private long sentAt;
        /** {@code sentCount} right after this call was sent. */
        private long sentSeq;
        private boolean cancelled;

        private Permit(Duration maxWait, long deadline, long budgetDue) {
            this.maxWait = maxWait;
            this.deadline = deadline;
            this.budgetDue = budgetDue;
        }

        /**
         * Blocks until the call may leave now: any pause that started since the reservation has ended and the call
         * has a new paced slot after it, and the sliding log has room. Then counts the call as sent. Does nothing
         * when already sent.
         *
         * @throws RateLimitWaitExceededException when that takes longer than what is left of the maximum wait; the
         *                                        budget is given back and no call may be made
         * @throws InterruptedException           when interrupted; the budget is given back, no call may be made
         * @throws IllegalStateException          when the permit was cancelled
         */
        public void send() throws InterruptedException {
            if (sent) {
                return;
            }
            if (cancelled) {
                throw new IllegalStateException("This rate-limit permit was cancelled: reserve a new one");
            }
            boolean done = false;
            try {
                await(true);
                done = true;
            } finally {
                if (!done) {
                    cancel();
                }
            }
        }

        /** Gives the reserved budget back: the call is not made. Does nothing once sent or cancelled. */
        public void cancel() {
            if (sent || cancelled) {
                return;
            }
            cancelled = true;
            if (bucket != null) {
                store.runLater(() -> bucket.addTokens(1));
            }
            if (day != null) {
                day.store().runLater(() -> day.bucket().addTokens(1));
            }
        }

        /** @return true once {@link #send()} has let the call go */
        public boolean isSent() {
            return sent;
        }

        /** Waits for a valid slot, and with {@code admit} for room in the sliding logs (then records the call). */
        private void await(boolean admit) throws InterruptedException {
            while (true) {
                long now = time.nanoTime();
                if (slot == null || slot.generation != currentGeneration()) {
                    slot = takeSlot(now, budgetDue);
                }
                long wait = slot.at - now;
                if (wait <= 0) {
                    if (!admit) {
                        return;
                    }
                    wait = CallRateLimiter.this.admit(now, slot, deadline);
                    if (wait == 0) {
                        sent = true;
                        sentAt = now;
                        synchronized (CallRateLimiter.this) {
                            sentSeq = sentCount;
                        }
                        return;
                    }
                    if (wait < 0) {
                        slot = null; // a pause started since the slot was handed out: take a new one
                        continue;
                    }
                }
                if (wait > deadline - now) {
                    throw exceeded(maxWait, wait, slot.paused ? "the Cashfin server asked to pause calls"
                            : "the rate limit " + limits + " is spent for now");
                }
                time.sleepNanos(wait);
            }
        }
    }

    /** A call time handed out by the schedule, valid while no pause starts (same generation). */
    private record Slot(long at, long generation, boolean paused) {
    }

    /** Builds a {@link CallRateLimiter}. */
    public static final class Builder {
        private final SecretFingerprint secret;
        private final RateLimits limits;
        private TimeSource time = TimeSource.system();
        private ProxyManager<String> proxyManager;
        private SharedAdmissionLog sharedLog;
        private long holdWhenRemainingAtMost;

        private Builder(SecretFingerprint secret, RateLimits limits) {
            this.secret = secret;
            this.limits = limits;
        }

        /** @param time the clock and sleeper (tests pass a virtual one) */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** @param proxyManager a distributed Bucket4j store shared by the JVMs using this secret; null for local */
        public Builder distributed(ProxyManager<String> proxyManager) {
            this.proxyManager = proxyManager;
            return this;
        }

        /**
         * @param sharedLog the sliding log of sends shared by the JVMs using this secret (checked right before each
         *                  call leaves, instead of this JVM's own log); null to keep the log in this JVM
         */
        public Builder sharedLog(SharedAdmissionLog sharedLog) {
            this.sharedLog = sharedLog;
            return this;
        }

        /** @param remaining hold callers until the reset when {@code X-RateLimit-Remaining} is at most this (default 0) */
        public Builder holdWhenRemainingAtMost(long remaining) {
            if (remaining < 0) {
                throw new IllegalArgumentException("holdWhenRemainingAtMost must be 0 or more, but was " + remaining);
            }
            this.holdWhenRemainingAtMost = remaining;
            return this;
        }

        /** @return the limiter */
        public CallRateLimiter build() {
            return new CallRateLimiter(this);
        }
    }
}
