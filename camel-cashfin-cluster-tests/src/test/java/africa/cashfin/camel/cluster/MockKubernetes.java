package africa.cashfin.camel.cluster;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * fabric8's mock API server in CRUD mode (it stores the pods, their status and the Leases as written, without a real
 * API server's optimistic-locking races) for the Kubernetes tests: pods as Kubernetes keeps them, and camel-kubernetes'
 * cluster service of a pod on it.
 */
final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer apiServer = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private final KubernetesClient client;

    MockKubernetes() {
        apiServer.init();
        client = apiServer.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** A pod Running and Ready with the label: camel-kubernetes counts such pods as the cluster's members. */
    void startPod(String name, Map.Entry<String, String> label) {
        client.pods().inNamespace(client.getNamespace()).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(client.getNamespace()).addToLabels(label.getKey(), label.getValue()).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build()).create();
    }

    /** As Kubernetes deletes a pod: it leaves the members, so a lease it holds is no longer renewed. */
    void deletePod(String name) {
        client.pods().inNamespace(client.getNamespace()).withName(name).delete();
    }

    /**
     * camel-kubernetes' cluster service of the pod, on this API server with a client of its own (in a pod: leave the
     * configuration out, the in-cluster one is used), electing with a Lease, with short timings (lease 3 s, renew
     * deadline 2 s, retry 0.5 s).
     */
    KubernetesClusterService clusterService(String podName, Map.Entry<String, String> label) {
        KubernetesConfiguration api = new KubernetesConfiguration();
        api.setKubernetesClient(apiServer.createClient());
        KubernetesClusterService cluster = new KubernetesClusterService(api);
        cluster.setKubernetesNamespace(client.getNamespace());
        cluster.setPodName(podName);
        cluster.setClusterLabels(Map.ofEntries(label));
        cluster.setLeaseResourceType(LeaseResourceType.Lease);
        cluster.setLeaseDurationMillis(3000);
        cluster.setRenewDeadlineMillis(2000);
        cluster.setRetryPeriodMillis(500);
        return cluster;
    }

    @Override
    public void close() {
        client.close();
        apiServer.destroy();
    }
}
