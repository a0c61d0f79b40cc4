package africa.cashfin.camel.leads.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.api.limit.RatePlan;
import africa.cashfin.camel.leads.api.limit.RateWindow;
import africa.cashfin.camel.simulator.Plan;

/**
 * {@link RatePlan} is the one list of plans. The simulator's {@link Plan} (written apart from the component on
 * purpose) has the same plans with the same limits; the docs' plan tables list exactly these plans; and no page,
 * Kamelet or configuration file names a plan it does not have. (The option's allowed values, the starter's and the
 * Kamelets' texts and the generated tables are held to it by {@code RatePlanTest}, {@code GeneratedDocsTest},
 * {@code StarterCoversComponentOptionsTest} and {@code KameletOptionsTest}.)
 */
class PlanListTest {

    private static final Path ROOT = Path.of("..");
    /** How files set a plan: {@code plan=x}, {@code ....plan = x}, YAML {@code plan: x}, the simulator's {@code --plan x}. */
    private static final Pattern PLAN_SETTING = Pattern.compile(
            "(?:\\bplan=|\\.plan[ \\t]*=[ \\t]*|^[ \\t]*plan:[ \\t]*|--plan[ \\t]+)([A-Za-z]+)\\b", Pattern.MULTILINE);
    /** A table of plans and their limits: its first column names plans. */
    private static final Pattern LIMIT_TABLE = Pattern.compile(
            "^\\| Plan \\| per second \\| per minute \\| per day \\|\\n\\|[-|]+\\|\\n((?:\\|.*\\|\\n)+)", Pattern.MULTILINE);

    @Test
    void theSimulatorHasThePlansOfRatePlanWithTheirLimits() throws Exception {
        for (RatePlan plan : RatePlan.values()) {
            Plan simulated = Plan.parse(plan.optionName());
            assertThat(List.of(simulated.perSecond(), simulated.perMinute(), simulated.perDay()))
                    .as("the simulator's plan " + plan.optionName() + " (Plan.java) has RatePlan's limits")
                    .containsExactly(plan.limit(RateWindow.SECOND), plan.limit(RateWindow.MINUTE),
                            plan.limit(RateWindow.DAY));
        }
        List<String> extra = new ArrayList<>();
        for (Field f : Plan.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Plan.class) {
                String name = ((Plan) f.get(null)).name();
                if (!plans().contains(name) && !name.equals(CashfinLeadsConfiguration.PLAN_UNLIMITED)) {
                    extra.add("Plan." + f.getName() + " (" + name + ")");
                }
            }
        }
        assertThat(extra).as("simulator plans RatePlan does not have (add them to RatePlan, or remove them)").isEmpty();
    }

    @Test
    void theDocsPlanTablesListExactlyThePlans() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        for (Path page : pages("docs", ".md")) {
            Matcher table = LIMIT_TABLE.matcher(Files.readString(page));
            while (table.find()) {
                tables.add(page.getFileName());
                Set<String> named = new LinkedHashSet<>();
                for (String row : table.group(1).split("\n")) {
                    String name = row.split("\\|")[1].replace("`", "").trim().split(" ")[0].toLowerCase(Locale.ROOT);
                    if (!name.equals("custom")) {
                        named.add(name);
                    }
                }
                named.remove(CashfinLeadsConfiguration.PLAN_UNLIMITED);
                if (!named.equals(Set.copyOf(plans()))) {
                    problems.add(ROOT.relativize(page) + ": a plan table lists " + named + ", RatePlan has "
                                 + RatePlan.optionNames());
                }
            }
        }
        assertThat(tables).as("the plan tables of rate-limiting.md and simulator.md")
                .contains(Path.of("rate-limiting.md"), Path.of("simulator.md"));
        assertThat(problems).isEmpty();
    }

    @Test
    void noFileSetsAPlanRatePlanDoesNotHave() throws IOException {
        List<Path> files = new ArrayList<>(pages("docs", ".md"));
        files.add(ROOT.resolve("README.md"));
        files.addAll(pages("quickstart", ".properties", ".yaml"));
        files.addAll(pages("camel-cashfin-component/src/main/resources/kamelets", ".yaml"));
        files.addAll(pages("camel-cashfin-examples/src/main/resources", ".properties", ".yaml"));
        files.addAll(pages("camel-cashfin-starter/src/test/resources", ".yaml", ".properties"));
        Set<String> known = new LinkedHashSet<>(plans());
        known.add(CashfinLeadsConfiguration.PLAN_UNLIMITED);
        List<String> unknown = new ArrayList<>();
        int settings = 0;
        for (Path file : files) {
            Matcher m = PLAN_SETTING.matcher(Files.readString(file));
            while (m.find()) {
                settings++;
                if (!known.contains(m.group(1))) {
                    unknown.add(ROOT.relativize(file) + ": " + m.group().trim());
                }
            }
        }
        assertThat(settings).as("plan settings found in " + files.size() + " files").isGreaterThan(20);
        assertThat(unknown).as("plans that are not in RatePlan (" + RatePlan.optionNames() + ") or unlimited")
                .isEmpty();
    }

    private static List<String> plans() {
        return Arrays.stream(RatePlan.values()).map(RatePlan::optionName).toList();
    }

    private static List<Path> pages(String dir, String... endings) throws IOException {
        Path start = ROOT.resolve(dir);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> Arrays.stream(endings).anyMatch(e -> p.toString().endsWith(e))).toList();
        }
    }
}
