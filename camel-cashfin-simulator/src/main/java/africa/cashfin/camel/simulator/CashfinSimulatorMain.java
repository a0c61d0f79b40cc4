package africa.cashfin.camel.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until Ctrl+C, e.g.
 * {@code java -jar camel-cashfin-simulator-<version>-standalone.jar --port 8099 --plan free --seed 50}. Options:
 * {@code --port N} (default 8099, 0 = random), {@code --bind-address A} (default 127.0.0.1; 0.0.0.0 in a container),
 * {@code --plan free|starter|professional|unlimited}, {@code --per-second N --per-minute N --per-day N}
 * (custom plan), {@code --seed N} (number of seed leads), {@code --seed-random N} (random seed),
 * {@code --secret S} (repeatable), {@code --journal N} (keep WireMock's request journal),
 * {@code --rate-limit-mode fixed|sliding}, {@code --latency-jitter MIN-MAX} (milliseconds) and
 * {@code --jitter-seed N}; the strict-server switches {@code --shuffle-ties SEED}, {@code --late-visibility MILLIS},
 * {@code --churn RATE}, {@code --churn-seed N}, {@code --limit-cap N}, {@code --gateway-error-pages} (no value) and
 * {@code --retry-after seconds|http-date}. See docs/simulator.md.
 */
public final class CashfinSimulatorMain {

    private CashfinSimulatorMain() {
    }

    /**
     * @param args command-line options
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        CashfinSimulator sim;
        try {
            sim = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        sim.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.stop();
            stopped.countDown();
        }, "cashfin-simulator-shutdown"));
        System.out.println("Cashfin simulator running (" + sim.plan() + ", " + sim.leadCount() + " leads)");
        System.out.println("Base URL:      " + sim.baseUrl());
        System.out.println("Authorization: " + sim.secret());
        System.out.println("Admin API:     " + sim.baseUrl() + "/__cashfin/stats");
        System.out.println("Endpoint options for cashfin-leads (match this plan):");
        System.out.println("  " + sim.endpointOptions());
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
    }

    static CashfinSimulator.Builder parse(String[] args) {
        CashfinSimulator.Builder b = CashfinSimulator.builder().port(8099);
        List<String> secrets = new ArrayList<>();
        long perSecond = 0;
        long perMinute = 0;
        long perDay = 0;
        int seedCount = 0;
        long seedRandom = 42;
        String jitter = null;
        long jitterSeed = 0;
        double churn = 0;
        long churnSeed = 0;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (opt.equals("--help") || opt.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (opt.equals("--gateway-error-pages")) {
                b.gatewayErrorPages(true); // a flag without a value
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + opt + " needs a value");
            }
            String value = args[++i];
            switch (opt) {
                case "--port":
                    b.port(integer(opt, value));
                    break;
                case "--bind-address":
                    b.bindAddress(value);
                    break;
                case "--plan":
                    b.plan(Plan.parse(value));
                    break;
                case "--per-second":
                    perSecond = integer(opt, value);
                    break;
                case "--per-minute":
                    perMinute = integer(opt, value);
                    break;
                case "--per-day":
                    perDay = integer(opt, value);
                    break;
                case "--seed":
                    seedCount = integer(opt, value);
                    break;
                case "--seed-random":
                    seedRandom = Long.parseLong(value);
                    break;
                case "--secret":
                    secrets.add(value);
                    break;
                case "--journal":
                    b.requestJournal(integer(opt, value));
                    break;
                case "--rate-limit-mode":
                    b.rateLimitMode(RateLimitMode.parse(value));
                    break;
                case "--day-start":
                    try {
                        b.dayStart(java.time.LocalTime.parse(value));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException(opt + " must be a UTC time of day such as 22:00, but was "
                                                           + value);
                    }
                    break;
                case "--latency-jitter":
                    jitter = value;
                    break;
                case "--jitter-seed":
                    jitterSeed = wholeNumber(opt, value);
                    break;
                case "--shuffle-ties":
                    b.shuffleTies(wholeNumber(opt, value));
                    break;
                case "--late-visibility":
                    b.lateVisibility(Duration.ofMillis(wholeNumber(opt, value)));
                    break;
                case "--churn":
                    churn = decimal(opt, value);
                    break;
                case "--churn-seed":
                    churnSeed = wholeNumber(opt, value);
                    break;
                case "--limit-cap":
                    b.limitCap(integer(opt, value));
                    break;
                case "--retry-after":
                    b.retryAfterFormat(RetryAfterFormat.parse(value));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + opt);
            }
        }
        if (perSecond > 0 || perMinute > 0 || perDay > 0) {
            b.plan(Plan.custom(perSecond, perMinute, perDay));
        }
        if (jitter != null) {
            latencyJitter(b, jitter, jitterSeed);
        }
        if (churn > 0) {
            b.churn(churn, churnSeed);
        }
        b.seedLeads(seedCount, seedRandom);
        if (!secrets.isEmpty()) {
            b.secrets(secrets.toArray(new String[0]));
        }
        return b;
    }

    /** {@code MIN-MAX} or {@code MAX} milliseconds, e.g. {@code 1-8}. */
    private static void latencyJitter(CashfinSimulator.Builder b, String range, long seed) {
        String[] bounds = range.trim().split("-", -1);
        if (bounds.length > 2) {
            throw new IllegalArgumentException("Option --latency-jitter needs MIN-MAX milliseconds such as 1-8, got '"
                    + range + "'");
        }
        long min = bounds.length == 2 ? integer("--latency-jitter", bounds[0].trim()) : 0;
        long max = integer("--latency-jitter", bounds[bounds.length - 1].trim());
        b.latencyJitter(Duration.ofMillis(min), Duration.ofMillis(max), seed);
    }

    private static long wholeNumber(String opt, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + opt + " needs a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String opt, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + opt + " needs a number such as 0.5, got '" + value + "'");
        }
    }

    private static int integer(String opt, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + opt + " needs a whole number, got '" + value + "'");
        }
    }

    static String usage() {
        return "Usage: java -jar camel-cashfin-simulator-<version>-standalone.jar [--port 8099] [--bind-address 127.0.0.1]\n"
                + "       [--plan free|starter|professional|unlimited] [--per-second N --per-minute N --per-day N]\n"
                + "       [--seed COUNT] [--seed-random N] [--secret cs_...]... [--journal MAX_ENTRIES]\n"
                + "       [--rate-limit-mode fixed|sliding] [--latency-jitter MIN-MAX (ms)] [--jitter-seed N]\n"
                + "       strict server: [--shuffle-ties SEED] [--late-visibility MILLIS] [--churn RATE] [--churn-seed N]\n"
                + "       [--limit-cap N] [--gateway-error-pages] [--retry-after seconds|http-date] [--help]\n"
                + "A local, stateful Cashfin Leads API; see docs/simulator.md. Ctrl+C stops it.";
    }
}
