package africa.cashfin.camel.examples.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.examples.common.LeadChecks;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadStatus;

/**
 * Writes a Cashfin lead as a HubSpot-style contact: {@code {"properties":{"email":..,"firstname":..,"lastname":..,
 * "phone":..,"company":..,"jobtitle":..,"website":..,"industry":..,"country":..,"state":..,"address":..,
 * "message":..,"lifecyclestage":"lead","hs_lead_status":..}}}. Empty fields are left out.
 * <p>
 * The name is split with {@link NameSplitter}. Status: new to {@code NEW}, contacted to {@code CONNECTED}, qualified
 * to {@code OPEN_DEAL}, lost to {@code UNQUALIFIED}; a converted lead gets {@code lifecyclestage=customer} and no lead
 * status (HubSpot has none for it); an unknown or missing status sends no lead status. Thread-safe.
 */
public final class HubSpotContactMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contact's properties, in HubSpot's names. */
    public Map<String, String> properties(Lead lead) {
        Map<String, String> p = new LinkedHashMap<>();
        NameSplitter.NameParts name = NameSplitter.split(lead.getName());
        put(p, "email", lead.getEmail());
        put(p, "firstname", name.first());
        put(p, "lastname", name.last());
        put(p, "phone", lead.getPhone());
        put(p, "company", lead.getCompany());
        put(p, "jobtitle", lead.getJobtitle());
        put(p, "website", lead.getWebsite());
        put(p, "industry", lead.getIndustry());
        put(p, "country", lead.getCountry());
        put(p, "state", lead.getState());
        put(p, "address", lead.getAddress());
        put(p, "message", lead.getRequest());
        LeadStatus status = LeadStatus.parse(lead.getStatus()).orElse(null);
        p.put("lifecyclestage", status == LeadStatus.CONVERTED ? "customer" : "lead");
        if (status != null) {
            put(p, "hs_lead_status", switch (status) {
                case NEW -> "NEW";
                case CONTACTED -> "CONNECTED";
                case QUALIFIED -> "OPEN_DEAL";
                case LOST -> "UNQUALIFIED";
                case CONVERTED -> null;
            });
        }
        return p;
    }

    /** The contact as a map {@code {"properties": {...}}}, ready for a JSON data format. */
    public Map<String, Object> toContact(Lead lead) {
        return Map.of("properties", properties(lead));
    }

    /** The contact as JSON text. */
    public String toJson(Lead lead) {
        try {
            return JSON.writeValueAsString(toContact(lead));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a contact as JSON: " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> p, String key, String value) {
        String v = LeadChecks.clean(value);
        if (v != null) {
            p.put(key, v);
        }
    }
}
