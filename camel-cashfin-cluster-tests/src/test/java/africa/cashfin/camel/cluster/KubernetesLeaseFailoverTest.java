package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
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

    private KubernetesMockServer apiServer;
    private KubernetesClient client;

    @BeforeEach
    void startApiServer() {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        client = apiServer.createClient();
    }

    @AfterEach
    void stopApiServer() {
        client.close();
        apiServer.destroy();
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
            client.pods().inNamespace(client.getNamespace()).withName("leads-sync-0").delete();
            List<String> fromFirst = List.copyOf(first.delivered);

            await().atMost(Duration.ofSeconds(120)).until(() -> fromFirst.size() + second.delivered.size() >= 300);
            List<String> all = new ArrayList<>(fromFirst);
            all.addAll(second.delivered);
            assertThat(second.delivered).isNotEmpty();
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    sim.leads().stream().map(l -> (String) l.get("_id")).toList());
            assertThat(client.leases().inNamespace(client.getNamespace()).list().getItems())
                    .as("the Lease the pods compete for").isNotEmpty()
                    .allSatisfy(lease -> assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("leads-sync-1"));
        } finally {
            first.close();
            second.close();
        }
    }

    private ClusterNode pod(String podName, DataSource database, String uri) throws Exception {
        // camel-kubernetes counts as members the running, ready pods that carry the cluster labels
        client.pods().inNamespace(client.getNamespace()).resource(new PodBuilder().withNewMetadata().withName(podName)
                .withNamespace(client.getNamespace()).addToLabels("app", "leads-sync").endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus()
                .build()).create();
        KubernetesConfiguration api = new KubernetesConfiguration();
        api.setKubernetesClient(apiServer.createClient()); // one client per pod; in a pod leave it out (in-cluster config)
        KubernetesClusterService cluster = new KubernetesClusterService(api);
        cluster.setKubernetesNamespace(client.getNamespace());
        cluster.setPodName(podName);
        cluster.setClusterLabels(Map.of("app", "leads-sync"));
        cluster.setLeaseResourceType(LeaseResourceType.Lease);
        cluster.setLeaseDurationMillis(3000);
        cluster.setRenewDeadlineMillis(2000);
        cluster.setRetryPeriodMillis(500);
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
