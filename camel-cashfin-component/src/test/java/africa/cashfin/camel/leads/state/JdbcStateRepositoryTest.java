package africa.cashfin.camel.leads.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** JdbcStateRepository on H2 (the cluster-tests module runs it on PostgreSQL). */
class JdbcStateRepositoryTest {

    private final JdbcDataSource database = new JdbcDataSource();

    JdbcStateRepositoryTest() {
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void keepsOneValuePerKeyAcrossInstances() {
        JdbcStateRepository first = new JdbcStateRepository(database);
        first.start();
        assertThat(first.getState("a")).isNull();
        first.setState("a", "1");
        first.setState("a", "2");
        first.setState("b", "3");

        JdbcStateRepository second = new JdbcStateRepository();
        second.setDataSource(database);
        second.start();
        assertThat(second.getState("a")).isEqualTo("2");
        assertThat(second.getState("b")).isEqualTo("3");
    }

    @Test
    void usesTheConfiguredTableAndSaysWhatFailedWhenItIsMissing() {
        JdbcStateRepository repository = new JdbcStateRepository(database);
        repository.setTableName("LEAD_CURSORS");
        repository.setCreateTableIfNotExists(false);
        repository.start();

        assertThatThrownBy(() -> repository.setState("cashfin-leads:list", "v1"))
                .hasMessageContaining("could not write state 'cashfin-leads:list' to LEAD_CURSORS");
    }

    @Test
    void checksTheTableNameWhenItIsSetAndCreatesANewTableAfterStart() {
        JdbcStateRepository repository = new JdbcStateRepository(database);
        assertThatThrownBy(() -> repository.setTableName("x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a plain SQL name");
        repository.start();
        repository.setState("k", "old");

        assertThatThrownBy(() -> repository.setTableName("bad name")).hasMessageContaining("is not a plain SQL name");
        repository.setTableName("LEAD_CURSORS_2");
        repository.setState("k", "new");
        assertThat(repository.getState("k")).isEqualTo("new");
        repository.setTableName(JdbcStateRepository.DEFAULT_TABLE_NAME);
        assertThat(repository.getState("k")).as("the first table is untouched").isEqualTo("old");
    }

    @Test
    void refusesToStartWithoutADataSource() {
        assertThatThrownBy(() -> new JdbcStateRepository().start()).hasMessageContaining("needs a dataSource");
    }

    @Test
    void aWriteUnderAnOlderEpochIsRefusedOnceANewerOneIsClaimed() {
        JdbcStateRepository nodeA = new JdbcStateRepository(database);
        JdbcStateRepository nodeB = new JdbcStateRepository(database);
        nodeA.start();
        nodeB.start();
        String key = "cashfin-leads:list";

        long epochA = nodeA.claimEpoch(key);
        assertThat(nodeA.setStateIfEpoch(key, "cursor-a1", epochA)).isTrue();
        long epochB = nodeB.claimEpoch(key);
        assertThat(epochB).isGreaterThan(epochA);
        assertThat(nodeA.currentEpoch(key)).isEqualTo(epochB);

        assertThat(nodeA.setStateIfEpoch(key, "cursor-a2", epochA)).as("the stale leader's write").isFalse();
        assertThat(nodeB.getState(key)).isEqualTo("cursor-a1");
        assertThat(nodeB.setStateIfEpoch(key, "cursor-b1", epochB)).isTrue();
        assertThat(nodeA.getState(key)).isEqualTo("cursor-b1");
        assertThat(nodeA.currentEpoch("cashfin-leads:list?status=new")).as("epochs are per key").isZero();
    }
}
