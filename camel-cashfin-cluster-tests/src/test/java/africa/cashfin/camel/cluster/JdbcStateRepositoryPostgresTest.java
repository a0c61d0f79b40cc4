package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
