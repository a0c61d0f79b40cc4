package africa.cashfin.camel.leads.api.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model-based tests of the limiter of one secret against a server no one here tuned it to: each try draws a plan, how
 * the server counts (fixed windows at random phases, or every span at arrival), when its day starts (any second of the
 * UTC day), which window its {@code X-RateLimit-*} headers describe (the day, the minute, the second, on each answer
 * the one with the fewest calls left, or none at all),
 * network latency within the jitter allowance, and a chain of workload steps: bursts of calls (some with a bounded
 * wait, as a producer's {@code maxRetryWait}), idle gaps of up to 30 hours, and another application spending the same
 * day's budget. Each call goes through the limiter as {@code CashfinClient} sends one ({@code reserve}, {@code send},
 * {@code observe} the answer's headers, {@code onRateLimited} on a 429).
 * <p>
 * Invariants, checked after the chain:
 * <ul>
 * <li>the server never answers 429 for its per-second or per-minute window (the pacing keeps every window, at any
 * phase, and every span when arrivals jitter within the allowance);</li>
 * <li>without another application, the day is never exceeded when the limiter can know the server's day: the headers
 * describe the day, or the day starts at UTC midnight (its assumption until told);</li>
 * <li>whatever the server's day and the other application do, at most one 429 for the day per server day: the
 * limiter waits out its {@code Retry-After} instead of probing;</li>
 * <li>every call without a bounded wait is made (nothing waits for ever), and the run's virtual time stays within
 * the chain's idle time plus what the calls need at the plan's rates.</li>
 * </ul>
 * The world is drawn from plain values and lists, so jqwik shrinks a failure to the fewest, smallest steps itself;
 * a shrunk failure is kept as a regular test in {@link CallRateLimiterPacingTest} or
 * {@link CallRateLimiterAdaptationTest}. Tries: {@code jqwik.tries.default} (src/test/resources/junit-platform.properties);
 * {@code -Pmodel-long} runs more.
 */
class CallRateLimiterProperties {

    private static final SecretFingerprint SECRET = SecretFingerprint.of("cs_limiterProperties1");
    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;

    enum Counting {
        FIXED_WINDOWS, EVERY_SPAN
    }

    /** What the headers describe: one window always, whichever has the fewest calls left per answer, or nothing. */
    enum HeaderWindow {
        DAY, MINUTE, SECOND, TIGHTEST, NONE
    }

    sealed interface Step permits Calls, Idle, Foreign {
    }

    /** {@code count} calls back to back; with {@code maxWaitSeconds} >= 0 each waits at most that long. */
    record Calls(int count, int maxWaitSeconds) implements Step {
    }

    record Idle(int seconds) implements Step {
    }

    /** Another application of the same business spends {@code count} calls of the server's day now. */
    record Foreign(int count) implements Step {
    }

    record World(RatePlan plan, Counting counting, int dayStartSecond, HeaderWindow headers, int latencyMaxMillis,
                 long phaseSeed, List<Step> steps) {
    }

    @Property
    void callsStayInsideEveryWindowTheServerCountsAndADayOverrunIsWaitedOut(@ForAll("worlds") World world)
            throws Exception {
        Run run = new Run(world);
        run.play();

        assertThat(run.rateLimited.get(RateWindow.SECOND)).as("429s for the second window").isZero();
        assertThat(run.rateLimited.get(RateWindow.MINUTE)).as("429s for the minute window").isZero();
        boolean dayKnowable = world.headers() == HeaderWindow.DAY || world.dayStartSecond() == 0;
        if (run.foreignCalls == 0 && dayKnowable) {
            assertThat(run.rateLimited.get(RateWindow.DAY)).as("429s for the day, a day the limiter can know")
                    .isZero();
        }
        run.dayOverruns.forEach((day, count) -> assertThat(count)
                .as("429s for server day %d (the limiter must wait out the first one's Retry-After)", day)
                .isLessThanOrEqualTo(1));
        assertThat(run.unboundedCallsMade).as("calls without a bounded wait made").isEqualTo(run.unboundedCalls);
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Step> calls = Combinators.combine(Arbitraries.integers().between(1, 400),
                Arbitraries.frequencyOf(Tuple2s.of(4, Arbitraries.just(-1)),
                        Tuple2s.of(1, Arbitraries.integers().between(0, 120))))
                .as((count, wait) -> (Step) new Calls(count, wait));
        Arbitrary<Step> idle = Arbitraries.frequencyOf(
                Tuple2s.of(3, Arbitraries.integers().between(0, 120)),
                Tuple2s.of(2, Arbitraries.integers().between(120, 6 * 3600)),
                Tuple2s.of(1, Arbitraries.integers().between(6 * 3600, 30 * 3600))).map(seconds -> (Step) new Idle(seconds));
        Arbitrary<Step> foreign = Arbitraries.integers().between(1, 400).map(count -> (Step) new Foreign(count));
        Arbitrary<List<Step>> steps = Arbitraries.frequencyOf(Tuple2s.of(5, calls), Tuple2s.of(3, idle),
                Tuple2s.of(1, foreign)).list().ofMinSize(1).ofMaxSize(24);
        Arbitrary<Integer> dayStart = Arbitraries.frequencyOf(Tuple2s.of(1, Arbitraries.just(0)),
                Tuple2s.of(3, Arbitraries.integers().between(0, 86_399)));
        return Combinators.combine(Arbitraries.of(RatePlan.class), Arbitraries.of(Counting.class), dayStart,
                Arbitraries.of(HeaderWindow.class), Arbitraries.integers().between(0, 20),
                Arbitraries.longs(), steps).as(World::new);
    }

    /** Small helper: jqwik's frequencyOf takes Tuple2&lt;Integer, Arbitrary&gt;. */
    private static final class Tuple2s {
        static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> of(int weight, Arbitrary<T> arbitrary) {
            return net.jqwik.api.Tuple.of(weight, arbitrary);
        }
    }

    /** One try: the limiter on auto-advancing virtual time, the server's counters, the chain. */
    private static final class Run {

        final World world;
        final VirtualTime time = VirtualTime.autoAdvancing();
        final CallRateLimiter limiter;
        final Server server;
        final Random latency;
        final Map<RateWindow, Integer> rateLimited = new EnumMap<>(RateWindow.class);
        final Map<Long, Integer> dayOverruns = new HashMap<>();
        long foreignCalls;
        long unboundedCalls;
        long unboundedCallsMade;

        Run(World world) {
            this.world = world;
            this.limiter = CallRateLimiter.builder(SECRET, RateLimits.of(world.plan())).timeSource(time).build();
            Random phases = new Random(world.phaseSeed());
            this.server = new Server(world, (long) (phases.nextDouble() * SECOND),
                    (long) (phases.nextDouble() * 60 * SECOND));
            this.latency = new Random(world.phaseSeed() ^ 0x5DEECE66DL);
            for (RateWindow window : RateWindow.values()) {
                rateLimited.put(window, 0);
            }
        }

        void play() throws Exception {
            long idleNanos = 0;
            long callsTotal = 0;
            long foreignSteps = 0;
            for (Step step : world.steps()) {
                if (step instanceof Idle idle) {
                    time.sleepNanos(idle.seconds() * SECOND);
                    idleNanos += idle.seconds() * SECOND;
                } else if (step instanceof Foreign foreign) {
                    foreignCalls += server.foreign(time.nanoTime(), foreign.count());
                    foreignSteps++;
                } else if (step instanceof Calls calls) {
                    callsTotal += calls.count();
                    for (int i = 0; i < calls.count(); i++) {
                        call(calls.maxWaitSeconds() < 0 ? null : Duration.ofSeconds(calls.maxWaitSeconds()));
                    }
                }
            }
            // the calls need a server day per day's budget, plus the idle time, a day's pause after an overrun, and a
            // day each time the other application spent what was left of one
            long days = callsTotal / (long) (world.plan().limit(RateWindow.DAY) * 0.9) + 2 + foreignSteps;
            assertThat(time.nanoTime()).as("virtual time of the run (idle %d s)", idleNanos / SECOND)
                    .isLessThanOrEqualTo(idleNanos + days * DAY);
        }

        private void call(Duration maxWait) throws InterruptedException {
            if (maxWait == null) {
                unboundedCalls++;
            }
            CallRateLimiter.Permit permit;
            try {
                permit = limiter.reserve(maxWait);
                permit.send();
            } catch (RateLimitWaitExceededException e) {
                return;
            }
            if (maxWait == null) {
                unboundedCallsMade++;
            }
            long arrival = time.nanoTime() + latency.nextInt(world.latencyMaxMillis() + 1) * 1_000_000L;
            Server.Answer answer = server.receive(arrival);
            limiter.observe(answer.headers(), permit);
            if (!answer.refusedBy().isEmpty()) {
                answer.refusedBy().forEach(window -> rateLimited.merge(window, 1, Integer::sum));
                if (answer.refusedBy().contains(RateWindow.DAY)) {
                    dayOverruns.merge(server.dayOf(arrival), 1, Integer::sum);
                }
                limiter.onRateLimited(answer.retryAfter());
            }
        }
    }

    /**
     * The server's counters for one business: the second and minute windows (fixed at a phase, or every span), the
     * day from its own midnight. Our calls count in every window; another application's in the day only (spread over
     * the day, they do not bunch in our second).
     */
    private static final class Server {

        record Answer(List<RateWindow> refusedBy, Duration retryAfter, RateLimitHeaders headers) {
        }

        final World world;
        final Map<RateWindow, ServerWindow> windows = new EnumMap<>(RateWindow.class);
        /** Our calls the server let in, by arrival (oldest first). */
        final List<Long> accepted = new ArrayList<>();
        final Map<Long, Long> perDay = new HashMap<>();

        Server(World world, long secondPhase, long minutePhase) {
            this.world = world;
            windows.put(RateWindow.SECOND, window(RateWindow.SECOND, secondPhase));
            windows.put(RateWindow.MINUTE, window(RateWindow.MINUTE, minutePhase));
        }

        private ServerWindow window(RateWindow window, long phase) {
            long length = window.length().toNanos();
            return world.counting() == Counting.EVERY_SPAN ? ServerWindow.everySpan(length)
                    : ServerWindow.fixed(length, phase);
        }

        long dayOf(long t) {
            return Math.floorDiv(t - world.dayStartSecond() * SECOND, DAY);
        }

        long foreign(long t, int count) {
            long limit = world.plan().limit(RateWindow.DAY);
            long used = perDay.getOrDefault(dayOf(t), 0L);
            long spent = Math.min(count, Math.max(0, limit - used));
            perDay.merge(dayOf(t), spent, Long::sum);
            return spent;
        }

        Answer receive(long t) {
            List<RateWindow> refused = new ArrayList<>();
            long until = 0;
            for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE, RateWindow.DAY }) {
                if (count(window, t) >= world.plan().limit(window)) {
                    refused.add(window);
                    until = Math.max(until, resetAfter(window, t) - t);
                }
            }
            if (refused.isEmpty()) {
                int at = accepted.size();
                while (at > 0 && accepted.get(at - 1) > t) {
                    at--;
                }
                accepted.add(at, t);
                perDay.merge(dayOf(t), 1L, Long::sum);
            }
            Duration retryAfter = refused.isEmpty() ? null : Duration.ofSeconds(Math.max(1, (until + SECOND - 1) / SECOND));
            return new Answer(refused, retryAfter, headers(t));
        }

        private RateLimitHeaders headers(long t) {
            RateWindow window = switch (world.headers()) {
                case DAY -> RateWindow.DAY;
                case MINUTE -> RateWindow.MINUTE;
                case SECOND -> RateWindow.SECOND;
                case TIGHTEST -> tightest(t);
                case NONE -> null;
            };
            if (window == null) {
                return RateLimitHeaders.NONE;
            }
            long limit = world.plan().limit(window);
            long resetNanos = resetAfter(window, t);
            Instant reset = VirtualTime.EPOCH.plusSeconds((resetNanos + SECOND - 1) / SECOND);
            return new RateLimitHeaders(OptionalLong.of(limit),
                    OptionalLong.of(Math.max(0, limit - count(window, t))), Optional.of(reset));
        }

        private RateWindow tightest(long t) {
            RateWindow tightest = RateWindow.SECOND;
            for (RateWindow window : new RateWindow[] { RateWindow.MINUTE, RateWindow.DAY }) {
                if (world.plan().limit(window) - count(window, t)
                    < world.plan().limit(tightest) - count(tightest, t)) {
                    tightest = window;
                }
            }
            return tightest;
        }

        private long count(RateWindow window, long t) {
            if (window == RateWindow.DAY) {
                return perDay.getOrDefault(dayOf(t), 0L);
            }
            return windows.get(window).count(accepted, t);
        }

        /** When the window counting {@code t} lets a call in again (the reset of its headers). */
        private long resetAfter(RateWindow window, long t) {
            if (window == RateWindow.DAY) {
                return (dayOf(t) + 1) * DAY + world.dayStartSecond() * SECOND;
            }
            return windows.get(window).resetAfter(accepted, t);
        }
    }
}
