package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.Exchange;

import africa.cashfin.camel.leads.CashfinLeadsConstants;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * What the sweep tests ({@link ConsumerSweepTest}, {@link ConsumerSweepRecoveryTest}) write and read: a simulator lead
 * with a status and a {@code createdat}, the ids of a status view, which path emitted each delivered lead, and the
 * consumer's MBean.
 */
final class SweepTestLeads {

    private SweepTestLeads() {
    }

    /** A lead for {@link CashfinSimulatorExtension#addLead}: its name, an email made from it, status and createdat. */
    static Map<String, Object> lead(String name, String status, Instant createdat) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", name);
        lead.put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
        lead.put("status", status);
        lead.put("createdat", createdat);
        return lead;
    }

    /** The {@code _id} of a lead the simulator stored. */
    static String id(Map<String, Object> lead) {
        return (String) lead.get("_id");
    }

    /** The ids of the simulator's leads with {@code status}: the view of an endpoint with {@code status=...}. */
    static List<String> idsWithStatus(CashfinSimulatorExtension sim, String status) {
        return sim.leads().stream().filter(l -> status.equals(l.get("status"))).map(SweepTestLeads::id).toList();
    }

    /**
     * Each delivered lead's {@code CamelCashfinEmittedBy} ({@code fastPath} or {@code sweep}); a lead delivered more
     * than once shows each, comma-separated.
     */
    static Map<String, String> emittedBy(ConsumerHarness h) {
        Map<String, String> by = new HashMap<>();
        for (Exchange e : h.delivered) {
            by.merge(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class),
                     e.getMessage().getHeader(CashfinLeadsConstants.EMITTED_BY, String.class), (a, b) -> a + "," + b);
        }
        return by;
    }

    /** The platform MBean server. */
    static MBeanServer mbeans() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    /** The MBean of the one consumer of the context named {@code managementName}. */
    static ObjectName consumerMBean(String managementName) throws Exception {
        Set<ObjectName> names = mbeans().queryNames(
                new ObjectName("org.apache.camel:context=" + managementName + ",type=consumers,*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }
}
