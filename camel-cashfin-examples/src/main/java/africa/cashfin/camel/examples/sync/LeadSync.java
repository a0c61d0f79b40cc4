package africa.cashfin.camel.examples.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The Camel side of Flow 4 (Cashfin to other systems): the steps of {@code routes/sync-to-crms.camel.yaml} call these
 * methods.
 * <ul>
 * <li>{@link #sqlRow(Lead)}: the lead as the named parameters of the upsert into {@code cashfin_leads}.</li>
 * <li>{@link #crmContact(Exchange)}: the lead as a HubSpot-style contact ({@link HubSpotContactMapper}) with the
 * headers of the POST (JSON, bearer token when one is configured).</li>
 * <li>{@link #crmAnswered(Exchange)}: checks the CRM's answer: 2xx is fine, 409 means the contact is already there
 * (logged), anything else fails the exchange so the lead is delivered again.</li>
 * </ul>
 */
public final class LeadSync {

    private static final Logger LOG = LoggerFactory.getLogger(LeadSync.class);

    private final HubSpotContactMapper mapper;
    private final String crmToken;
    private final Clock clock;

    /**
     * @param mapper   lead to contact
     * @param crmToken bearer token of the other CRM, blank for none
     * @param clock    for {@code synced_at}
     */
    public LeadSync(HubSpotContactMapper mapper, String crmToken, Clock clock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.crmToken = crmToken == null ? "" : crmToken.trim();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The CRM's error body as it may be logged: a CRM (or a gateway in front of it) that echoes the request would
     * otherwise print the token; the token and any {@code Bearer} credential become {@code xxxxxx}, line breaks spaces.
     */
    String masked(String body) {
        if (body == null) {
            return "";
        }
        String b = crmToken.isEmpty() ? body : body.replace(crmToken, "xxxxxx");
        return b.replaceAll("(?i)(bearer\\s+)[^\\s\"',;]+", "$1xxxxxx").replaceAll("[\\r\\n]+", " ");
    }

    /** The columns of {@code cashfin_leads} for {@code lead} (null for absent values). */
    public Map<String, Object> sqlRow(Lead lead) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", lead.getId());
        row.put("name", lead.getName());
        row.put("email", lead.getEmail());
        row.put("phone", lead.getPhone());
        row.put("company", lead.getCompany());
        row.put("jobtitle", lead.getJobtitle());
        row.put("source", lead.getSource());
        row.put("status", lead.getStatus());
        row.put("budget", lead.getBudget());
        row.put("country", lead.getCountry());
        row.put("created_at", timestamp(lead.getCreatedat()));
        row.put("updated_at", timestamp(lead.getUpdatedat()));
        row.put("synced_at", Timestamp.from(Instant.now(clock)));
        return row;
    }

    /** Body: the contact JSON; headers of the POST. The lead is read from exchange property {@code CashfinLead}. */
    public void crmContact(Exchange exchange) {
        Lead lead = exchange.getProperty("CashfinLead", Lead.class);
        exchange.getMessage().setBody(mapper.toJson(lead));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        if (!crmToken.isEmpty()) {
            exchange.getMessage().setHeader("Authorization", "Bearer " + crmToken);
        }
    }

    /**
     * Checks the CRM's answer (header {@code CamelHttpResponseCode}).
     *
     * @throws CrmRejectedException for anything but 2xx and 409
     */
    public void crmAnswered(Exchange exchange) {
        Lead lead = exchange.getProperty("CashfinLead", Lead.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            LOG.info("Lead {} pushed to the CRM (HTTP {})", lead.getId(), status);
        } else if (status == 409) {
            LOG.info("Lead {} is already a contact in the CRM (HTTP 409); left as it is", lead.getId());
        } else {
            String body = masked(exchange.getMessage().getBody(String.class));
            throw new CrmRejectedException("The CRM answered HTTP " + status + " for lead " + lead.getId() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body)
                    + ". Check cashfin.crm.url and cashfin.crm.token; the lead is delivered again at the next poll.");
        }
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** The other CRM refused a contact. */
    public static final class CrmRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what happened and what to do */
        public CrmRejectedException(String message) {
            super(message);
        }
    }
}
