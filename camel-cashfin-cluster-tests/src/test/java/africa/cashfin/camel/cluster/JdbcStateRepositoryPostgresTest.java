package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.state.JdbcStateRepository;

/** The component's JDBC state repository on a real PostgreSQL, as two nodes share it. */
class JdbcStateRepositoryPostgresTest {

    private final DataSource database = SharedPostgres.newDatabase();

    @Test
    void twoNodesSeeOneAnothersState() {
        JdbcStateRepository nodeA = started(new JdbcStateRepository(database));
        JdbcStateRepository nodeB = started(new JdbcStateRepository(database));

        assertThat(nodeB.getState("cashfin-leads:list")).isNull();
        nodeA.setState("cashfin-leads:list", "v1;created=2024-01-15T12:00:00.123Z");
        assertThat(nodeB.getState("cashfin-leads:list")).isEqualTo("v1;created=2024-01-15T12:00:00.123Z");
        nodeB.setState("cashfin-leads:list", "v1;created=2024-01-16T08:00:00Z");
        assertThat(nodeA.getState("cashfin-leads:list")).isEqualTo("v1;created=2024-01-16T08:00:00Z");
        assertThat(nodeA.getState("cashfin-leads:list?status=new")).isNull();
    }

    @Test
    void concurrentFirstWritesOfOneKeyLeaveOneRowWithOneOfTheValues() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JdbcStateRepository node = started(new JdbcStateRepository(database));
            String value = "v" + i;
            writes.add(CompletableFuture.runAsync(() -> node.setState("race", value)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

        assertThat(started(new JdbcStateRepository(database)).getState("race")).matches("v[0-7]");
    }

    @Test
    void concurrentClaimsGetDistinctEpochs() {
        List<CompletableFuture<Long>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JdbcStateRepository node = started(new JdbcStateRepository(database));
            claims.add(CompletableFuture.supplyAsync(() -> node.claimEpoch("claimed")));
        }

        assertThat(claims.stream().map(CompletableFuture::join).toList())
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void noWriteUnderAnOlderEpochLandsOnceTheNewerClaimReturned() {
        JdbcStateRepository stale = started(new JdbcStateRepository(database));
        JdbcStateRepository leader = started(new JdbcStateRepository(database));
        long old = stale.claimEpoch("cursor");
        AtomicInteger written = new AtomicInteger();
        // the stale leader writes as fast as it can until it is refused
        CompletableFuture<Void> staleWrites = CompletableFuture.runAsync(() -> {
            while (stale.setStateIfEpoch("cursor", "stale-" + written.get(), old)) {
                written.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= 20);
        long epoch = leader.claimEpoch("cursor");
        assertThat(leader.setStateIfEpoch("cursor", "leader", epoch)).isTrue();
        staleWrites.join();

        assertThat(leader.getState("cursor")).isEqualTo("leader");
        assertThat(stale.setStateIfEpoch("cursor", "stale-late", old)).isFalse();
        assertThat(stale.getState("cursor")).isEqualTo("leader");
    }

    @Test
    void aTableNameThatIsNotAPlainNameIsRefusedWhenItIsSet() {
        JdbcStateRepository repository = new JdbcStateRepository(database);
        assertThatThrownBy(() -> repository.setTableName("state; DROP TABLE x"))
                .hasMessageContaining("not a plain SQL name");
    }

    private static JdbcStateRepository started(JdbcStateRepository repository) {
        repository.start();
        return repository;
    }
}
