package africa.cashfin.camel.leads.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated blocks of docs/ are what their sources say: the option tables of component.md and rate-limiting.md
 * are the component's JSON (the {@code @UriParam} texts), the field table of component.md is {@code LeadFields}, the
 * plan tables (rate-limiting.md, simulator.md) are {@code RatePlan}, the property table of kamelets.md is the Kamelet
 * files. A page that is behind fails with the first difference and the command that rewrites it
 * ({@code -Dcashfin.docs.update=true}).
 */
class GeneratedDocsTest {

    static final Path DOCS = Path.of("..", "docs");
    static final Path COMPONENT_MD = DOCS.resolve("component.md");
    static final Path RATE_LIMITING_MD = DOCS.resolve("rate-limiting.md");
    static final Path KAMELETS_MD = DOCS.resolve("kamelets.md");
    static final Path SIMULATOR_MD = DOCS.resolve("simulator.md");

    private final OptionTables options = new OptionTables();

    GeneratedDocsTest() throws Exception {
    }

    @Test
    void componentMdOptionTablesAreTheComponentsJson() throws Exception {
        assertThat(GeneratedDocBlocks.check(COMPONENT_MD, generator(COMPONENT_MD))).isNull();
    }

    @Test
    void rateLimitingMdTablesAreTheComponentsJsonAndRatePlan() throws Exception {
        assertThat(GeneratedDocBlocks.check(RATE_LIMITING_MD, generator(RATE_LIMITING_MD))).isNull();
    }

    @Test
    void simulatorMdPlanTableIsRatePlan() throws Exception {
        assertThat(GeneratedDocBlocks.check(SIMULATOR_MD, generator(SIMULATOR_MD))).isNull();
    }

    @Test
    void kameletsMdPropertyTableIsTheKamelets() throws Exception {
        assertThat(GeneratedDocBlocks.check(KAMELETS_MD, generator(KAMELETS_MD))).isNull();
    }

    @Test
    void componentMdListsEveryOptionInExactlyOneTable() throws Exception {
        Map<String, List<String>> tables = options.assign(GeneratedDocBlocks.names(Files.readString(COMPONENT_MD)));
        Set<String> all = new TreeSet<>(options.endpointOptions().keySet());
        all.addAll(options.componentOptions().keySet());
        List<String> listed = tables.values().stream().flatMap(List::stream).toList();
        List<String> problems = new ArrayList<>();
        for (String option : all) {
            long times = listed.stream().filter(option::equals).count();
            if (times != 1) {
                problems.add(option + " (group " + group(option) + ") is in " + times + " option tables of"
                             + " component.md: name it or its group in exactly one <!-- endpoint options (...): START -->");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTokenOfAnOptionBlockNamesAnOptionOrAGroup() throws Exception {
        Set<String> known = new TreeSet<>(options.endpointOptions().keySet());
        options.endpointOptions().values().forEach(o -> known.add(o.path("group").asText().replace(" (advanced)", "")));
        known.add("path");
        List<String> unknown = new ArrayList<>();
        for (Path page : List.of(COMPONENT_MD, RATE_LIMITING_MD)) {
            for (String block : GeneratedDocBlocks.names(Files.readString(page))) {
                if (block.startsWith("endpoint options (")) {
                    for (String token : block.substring("endpoint options (".length(), block.length() - 1).split(",")) {
                        if (!known.contains(token.trim())) {
                            unknown.add(page.getFileName() + ": '" + token.trim() + "' in <!-- " + block + " -->");
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("tokens that are neither an option nor a group of the component's JSON").isEmpty();
    }

    @Test
    void aBlockIsRewrittenFromItsSourceAndTheRestOfThePageIsKept() {
        String page = "prose before\n<!-- endpoint options (maxRetries): START -->\n| stale |\n"
                      + "<!-- endpoint options (maxRetries): END -->\nprose after\n";
        String regenerated = GeneratedDocBlocks.regenerate(page, generator(page));
        assertThat(regenerated).startsWith("prose before\n<!-- endpoint options (maxRetries): START -->\n| Option |")
                .contains("| `maxRetries` | integer | `3` | ratelimit | Retries after the first attempt")
                .doesNotContain("stale").endsWith("<!-- endpoint options (maxRetries): END -->\nprose after\n");
    }

    @Test
    void aPageBehindItsSourcesFailsWithTheFirstDifferenceAndTheCommandThatRewritesIt(@TempDir Path dir)
            throws Exception {
        Path page = dir.resolve("page.md");
        String stale = "<!-- endpoint options (maxRetries): START -->\n| stale |\n"
                       + "<!-- endpoint options (maxRetries): END -->\n";
        Files.writeString(page, stale);
        String problem = GeneratedDocBlocks.check(page, generator(stale), false);
        assertThat(problem).contains("-Dcashfin.docs.update=true").contains("on disk:     | stale |")
                .contains("regenerated: | Option | Type | Default | Group | Description |");
        assertThat(Files.readString(page)).isEqualTo(stale);
    }

    private Function<String, String> generator(Path page) {
        try {
            return generator(Files.readString(page));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Function<String, String> generator(String page) {
        List<String> blocks = GeneratedDocBlocks.names(page);
        Map<String, List<String>> assigned = options.assign(blocks);
        return block -> {
            if (OptionTables.isOptionBlock(block)) {
                return options.table(assigned.get(block));
            }
            if (PlanTable.BLOCK.equals(block)) {
                return PlanTable.table();
            }
            if (PlanTable.SIMULATOR_BLOCK.equals(block)) {
                return PlanTable.simulatorTable();
            }
            if (LeadFieldTable.BLOCK.equals(block)) {
                return LeadFieldTable.table();
            }
            if (KameletTable.BLOCK.equals(block)) {
                return KameletTable.table();
            }
            throw new IllegalStateException("no generator for <!-- " + block + ": START -->");
        };
    }

    private String group(String option) {
        return (options.endpointOptions().containsKey(option) ? options.endpointOptions() : options.componentOptions())
                .get(option).path("group").asText();
    }
}
