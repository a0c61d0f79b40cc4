package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads creating and listing at once: nothing lost, nothing duplicated, counts add up. */
class ConcurrencyTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void concurrentCreatesAndListsAreAllAccountedFor() throws Exception {
        int threads = 16;
        int createsPerThread = 40;
        int listsPerThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Http http = new Http(cashfin.baseUrl(), cashfin.secret());
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < createsPerThread; i++) {
                        statuses.add(http.create("{\"name\":\"T" + thread + "-" + i + "\"}").statusCode());
                        if (i % 2 == 0) {
                            statuses.add(http.list("limit=100&search=t" + thread).statusCode());
                        }
                    }
                    return statuses;
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            int creates = threads * createsPerThread;
            int lists = threads * listsPerThread;
            assertThat(all).hasSize(creates + lists);
            assertThat(all.stream().filter(s -> s == 201)).hasSize(creates);
            assertThat(all.stream().filter(s -> s == 200)).hasSize(lists);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> leads = cashfin.leads();
        assertThat(leads).hasSize(640);
        Set<Object> ids = new HashSet<>();
        Set<Object> names = new HashSet<>();
        leads.forEach(l -> {
            ids.add(l.get("_id"));
            names.add(l.get("name"));
        });
        assertThat(ids).hasSize(640);
        assertThat(names).hasSize(640);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.OK)).isEqualTo(640);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.OK)).isEqualTo(320);
        assertThat(cashfin.totalRequests()).isEqualTo(960);
        Map<String, Object> listed = Http.json(new Http(cashfin.baseUrl(), cashfin.secret()).list("limit=100"));
        assertThat(listed.get("pagination")).isEqualTo(Map.of("total", 640, "page", 1, "limit", 100, "pages", 7));
    }
}
