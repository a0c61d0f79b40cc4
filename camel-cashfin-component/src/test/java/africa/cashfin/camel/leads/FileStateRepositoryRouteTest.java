package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filtered consumer on Camel's stock {@code FileStateRepository} (issue 17): that repository stores one
 * {@code key=value} line per key and refuses a key with {@code =} or a line break, while the default stateKey of
 * {@code cashfin-leads:list?status=qualified} is {@code cashfin-leads:list?status=qualified}. The route, written as a
 * user writes it, starts, keeps its cursor in the file and emits every qualified lead once across a restart (a new
 * CamelContext on the same files). A stateKey the user sets with such a character fails at start, naming it.
 */
class FileStateRepositoryRouteTest extends SimulatorContextSupport {

    @TempDir
    Path dir;

    private final List<String> received = new ArrayList<>();

    private CamelContext start(String stateKeyOption) throws Exception {
        CamelContext camel = newContext();
        camel.getRegistry().bind("seenLeads",
                                 FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.txt").toFile()));
        camel.getRegistry().bind("fileRepo",
                                 FileStateRepository.fileStateRepository(dir.resolve("cursor.txt").toFile()));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?status=qualified&idempotentRepository=#seenLeads&stateRepository=#fileRepo"
                     + "&initialDelay=0&delay=200" + stateKeyOption)
                        .routeId("qualified")
                        .process(e -> {
                            synchronized (received) {
                                received.add(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class));
                            }
                        });
            }
        });
        camel.start();
        return camel;
    }

    private static List<String> qualifiedIds() {
        return cashfin.leads().stream().filter(l -> "qualified".equals(l.get("status")))
                .map(l -> (String) l.get("_id")).toList();
    }

    private int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    @Test
    void aFilteredConsumerKeepsItsCursorInAFileAndEmitsEveryLeadOnceAcrossARestart() throws Exception {
        cashfin.seedLeads(80, 17);
        int before = qualifiedIds().size();
        assertThat(before).as("the seed has qualified leads").isGreaterThan(5);

        CamelContext first = start("");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount() >= before);
        first.stop();
        assertThat(Files.readAllLines(dir.resolve("cursor.txt")))
                .as("the cursor is in the file, under the filtered key with its '=' encoded")
                .anyMatch(line -> line.startsWith("cashfin-leads:list?status%3Dqualified="))
                .as("its side keys follow it")
                .anyMatch(line -> line.startsWith("cashfin-leads:list?status%3Dqualified#leader-epoch=1"))
                .anyMatch(line -> line.startsWith("cashfin-leads:list?status%3Dqualified#sweep="));

        // while the route is down: new leads, some of them qualified, and older new leads qualified by sales people
        List<Map<String, Object>> added = cashfin.insertLeads(6);
        cashfin.updateLead((String) added.get(0).get("_id"), "qualified");
        cashfin.updateLead((String) added.get(3).get("_id"), "qualified");
        int after = qualifiedIds().size();
        assertThat(after).isGreaterThan(before);

        start("");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount() >= after);
        long calls = cashfin.listCalls();
        await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() >= calls + 3); // three more polls
        synchronized (received) {
            assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(qualifiedIds());
        }
    }

    @Test
    void aStateKeyTheFileCannotHoldFailsAtStartNamingTheCharacter() {
        Throwable failure = catchThrowable(() -> start("&stateKey=crm=qualified"));
        assertThat(ObjectHelper.getException(IllegalArgumentException.class, failure))
                .as("the route fails at start with the reason")
                .hasMessageContaining("stateKey 'crm=qualified' contains '=' (at index 3)")
                .hasMessageContaining("FileStateRepository")
                .hasMessageContaining("choose a stateKey without '=' or line breaks");
        assertThat(cashfin.listCalls()).as("no poll").isZero();
    }
}
