package africa.cashfin.camel.leads.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/**
 * Shortens a {@link ScanModelProperties} failure (jqwik does not shrink these chains: the world is drawn with
 * {@code flatAs}): removes steps, halves of the sequence first, then smaller runs down to single steps, as long as the
 * shorter sequence still fails the same property, replayed with {@link ScanModelReplay}. Not a test: run it on a saved
 * failure report (docs/consumer-design.md, "Model-based tests"):
 *
 * <pre>
 * java -cp &lt;test classpath&gt; africa.cashfin.camel.leads.scan.ScanModelShrinker fast|view report.txt
 * </pre>
 *
 * where {@code report.txt} holds the assertion's description, e.g.
 * {@code (OLDEST_FIRST, limit 3, buffer 3, cap 0 reported, ties shuffled, seed -3L) after [insert 2 leads, ...]}.
 * It prints the shortest sequence found, ready for a regular test.
 */
final class ScanModelShrinker {

    private static final Pattern WORLD = Pattern.compile(
            "\\((NEWEST_FIRST|OLDEST_FIRST), limit (\\d+), buffer (\\d+), cap (\\d+)( reported)?(, ties shuffled, seed (-?\\d+)L)?\\)");

    private ScanModelShrinker() {
    }

    /** A world made as the report describes it. */
    record Made(Order order, int limit, int buffer, long seed, boolean shuffle, int cap, boolean reportsCap) {

        static Made parse(String report) {
            Matcher m = WORLD.matcher(report);
            if (!m.find()) {
                throw new IllegalArgumentException("No world description like (OLDEST_FIRST, limit 3, ...) in the report");
            }
            boolean shuffle = m.group(6) != null;
            return new Made(Order.valueOf(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                            shuffle ? Long.parseLong(m.group(7)) : 0L, shuffle, Integer.parseInt(m.group(4)),
                            m.group(5) != null);
        }

        ScanModelProperties.World world() {
            return ScanModelReplay.world(order, limit, buffer, seed, shuffle, cap, reportsCap);
        }
    }

    /** True when {@code steps} fail the property: the fast path's ({@code fast}) or the view's after a sweep. */
    static boolean fails(Made made, boolean fastPath, List<String> steps) {
        try {
            ScanModelProperties.World world = ScanModelReplay.replay(made.world(), steps);
            world.quiesce();
            if (fastPath) {
                world.assertEveryPromisedLeadEmitted();
            } else {
                world.sweepPass();
                world.assertEveryLeadInViewEmitted();
            }
            return false;
        } catch (AssertionError e) {
            return true;
        }
    }

    /** The shortest sequence found by removing runs of steps while {@code fails} holds (a local minimum). */
    static List<String> shorten(List<String> steps, Predicate<List<String>> fails) {
        List<String> current = new ArrayList<>(steps);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int run = Math.max(1, current.size() / 2); run >= 1; run /= 2) {
                for (int from = 0; from + run <= current.size();) {
                    List<String> shorter = new ArrayList<>(current);
                    shorter.subList(from, from + run).clear();
                    if (fails.test(shorter)) {
                        current = shorter;
                        changed = true;
                    } else {
                        from++;
                    }
                }
            }
        }
        return current;
    }

    /** The steps of a report: the text between {@code after [} and the last {@code ]}. */
    static List<String> steps(String report) {
        int start = report.indexOf("after [");
        int end = report.lastIndexOf(']');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("No 'after [...]' in the report");
        }
        String inner = report.substring(start + "after [".length(), end).replaceAll("\\]+$", "");
        return new ArrayList<>(Arrays.asList(inner.split(", ")));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("fast", "view").contains(args[0])) {
            System.err.println("usage: ScanModelShrinker fast|view <file holding the failure report>");
            System.exit(2);
        }
        String report = Files.readString(Path.of(args[1]));
        Made made = Made.parse(report);
        boolean fastPath = args[0].equals("fast");
        List<String> steps = steps(report);
        if (!fails(made, fastPath, steps)) {
            System.out.println("The " + steps.size() + " steps do not fail (fixed?): " + made);
            return;
        }
        List<String> shortest = shorten(steps, s -> fails(made, fastPath, s));
        System.out.println(made + ": " + steps.size() + " steps shortened to " + shortest.size());
        System.out.println(shortest.isEmpty() ? "(no step)" : "\"" + String.join("\", \"", shortest) + "\"");
    }
}
