package africa.cashfin.camel.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import africa.cashfin.camel.benchmarks.TenantClusterNode;

/** Where the tenants of a cluster run, as the tests of "Tenants across a cluster" (docs/cluster.md) check it. */
final class TenantPlacement {

    private TenantPlacement() {
    }

    /**
     * Waits until every node's ownership lists {@code live} as the members, every tenant's route runs on exactly one of
     * them, and that is the owner every node's ownership names (the handovers are over).
     *
     * @return tenant -> the node running it
     */
    static Map<String, String> awaitSettled(List<TenantClusterNode> live, List<String> tenants, Duration atMost) {
        Set<String> names = live.stream().map(TenantClusterNode::name).collect(Collectors.toSet());
        Map<String, String> owners = new HashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!live.stream().allMatch(n -> n.ownership().members().equals(names))) {
                return false;
            }
            owners.clear();
            Map<String, Integer> runners = new HashMap<>();
            live.forEach(n -> n.running().forEach(t -> {
                runners.merge(t, 1, Integer::sum);
                owners.put(t, n.name());
            }));
            return runners.size() == tenants.size() && runners.values().stream().allMatch(r -> r == 1)
                   && live.stream().allMatch(n -> tenants.stream().allMatch(t -> owners.get(t).equals(
                           n.ownership().owner(t))));
        });
        return new HashMap<>(owners);
    }

    /** @return node -> how many tenants it runs */
    static Map<String, Long> load(Map<String, String> owners) {
        return owners.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }
}
