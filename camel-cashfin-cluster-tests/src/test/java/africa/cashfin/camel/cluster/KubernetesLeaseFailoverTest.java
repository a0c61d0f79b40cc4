package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The Kubernetes recipe: {@code master:} on camel-kubernetes' cluster service, which elects the leader with a
 * {@code coordination.k8s.io/v1} Lease, against fabric8's mock API server in CRUD mode (it stores the Lease and the
 * pods as a real API server would, without optimistic-locking races of a real one). Two pods; the leader is stopped
 * mid-backfill, the other takes the lease when it expires and finishes; every lead emitted once.
 */
class KubernetesLeaseFailoverTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final Map.Entry<String, String> LABEL = Map.entry("app", "leads-sync");

    private MockKubernetes kubernetes;

    @BeforeEach
    void startApiServer() {
        kubernetes = new MockKubernetes();
    }

    @AfterEach
    void stopApiServer() {
        kubernetes.close();
    }

    @Test
    void theOtherPodTakesTheLeaseMidBackfillAndTogetherTheyEmitEveryLeadOnce() throws Exception {
        sim.seedLeads(300, 53);
        DataSource database = SharedPostgres.newDatabase();
        String uri = "master:cashfin-leads:cashfin-leads:list?plan=unlimited&delay=50&initialDelay=2000&limit=20"
                     + "&idempotentRepository=#leadIds&stateRepository=#leadCursor";
        ClusterNode first = pod("leads-sync-0", database, uri);
        ClusterNode second = pod("leads-sync-1", database, uri);
        try {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.delivered.size() >= 40);
            second.start();
            assertThat(first.isLeader("cashfin-leads")).isTrue();
            // its pool stays open until the end: a write its threads still have in flight may land late, as a
            // deleted pod's may
            first.context.stop();
            // as when Kubernetes deletes the pod: it leaves the member list, so the lease holder is gone
            kubernetes.deletePod("leads-sync-0");
            List<String> fromFirst = List.copyOf(first.delivered);

            await().atMost(Duration.ofSeconds(120)).until(() -> fromFirst.size() + second.delivered.size() >= 300);
            List<String> all = new ArrayList<>(fromFirst);
            all.addAll(second.delivered);
            assertThat(second.delivered).isNotEmpty();
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    sim.leads().stream().map(l -> (String) l.get("_id")).toList());
            assertThat(kubernetes.client().leases().inNamespace(kubernetes.client().getNamespace()).list().getItems())
                    .as("the Lease the pods compete for").isNotEmpty()
                    .allSatisfy(lease -> assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("leads-sync-1"));
        } finally {
            first.close();
            second.close();
        }
    }

    private ClusterNode pod(String podName, DataSource database, String uri) throws Exception {
        kubernetes.startPod(podName, LABEL);
        KubernetesClusterService cluster = kubernetes.clusterService(podName, LABEL);
        HikariDataSource pool = SharedPostgres.pool(database, podName); // each pod its own pool, closed with it
        try {
            ClusterNode node = new ClusterNode(podName, sim.baseUrl(), sim.secret(), uri,
                    Map.of("leadIds", new JdbcMessageIdRepository(pool, "cashfin-leads-sync"),
                            "leadCursor", new JdbcStateRepository(pool)),
                    cluster, null).own(pool);
            cluster.setId(podName);
            return node;
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
    }
}
