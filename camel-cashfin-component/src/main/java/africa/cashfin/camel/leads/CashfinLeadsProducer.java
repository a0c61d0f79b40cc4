package africa.cashfin.camel.leads;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.LeadValidationException;
import africa.cashfin.camel.leads.model.LeadValidator;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Runs the endpoint's operation for each message: {@code create} turns the body into a validated lead and sends it;
 * {@code list} reads one page of leads.
 */
public class CashfinLeadsProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(CashfinLeadsProducer.class);

    private final CashfinLeadsEndpoint endpoint;
    private final CashfinLeadsConfiguration config;
    private final Set<Set<String>> warnedUnknownFields = ConcurrentHashMap.newKeySet();

    public CashfinLeadsProducer(CashfinLeadsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (config.getOperation()) {
            case create -> create(exchange);
            case list -> list(exchange);
            default -> throw new IllegalStateException("Unsupported operation " + config.getOperation());
        }
    }

    private void create(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        Lead lead = LeadValidator.normalize(toLead(exchange));
        if (lead.getSource() == null && config.getSource() != null && !config.getSource().isBlank()) {
            lead.setSource(config.getSource());
        }
        LeadValidator.validate(lead);
        if (!lead.getAdditionalFields().isEmpty() && lead.getId() == null) {
            Set<String> unknown = new TreeSet<>(lead.getAdditionalFields().keySet());
            if (warnedUnknownFields.add(unknown)) {
                LOG.warn("Lead fields {} are not part of the Cashfin create request and are not sent; map them to one"
                         + " of {} (logged once per set of fields)", unknown, Lead.REQUEST_FIELDS);
            }
        }
        Lead created = endpoint.getClient().create(lead);
        in.setBody(created);
        in.setHeader(CashfinLeadsConstants.LEAD_ID, created.getId());
        in.setHeader(CashfinLeadsConstants.LEAD_CREATED, Boolean.TRUE);
        if (created.getCreatedat() != null) {
            in.setHeader(CashfinLeadsConstants.CREATED_AT, created.getCreatedat());
        }
    }

    /** The body as a lead: a Lead, a Map, JSON text, or anything Camel can convert to a Lead. */
    private static Lead toLead(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Lead lead) {
            return lead;
        }
        if (body instanceof Map<?, ?> map) {
            return LeadJson.fromMap(map);
        }
        if (body instanceof String s) {
            return LeadJson.fromJson(s);
        }
        if (body instanceof byte[] b) {
            return LeadJson.fromJson(b);
        }
        if (body instanceof InputStream is) {
            return LeadJson.fromJson(is);
        }
        if (body == null) {
            throw new LeadValidationException(Map.of("body", "is empty; create needs a lead in the body (a Lead, a Map"
                                                             + " or JSON text)"));
        }
        return exchange.getMessage().getMandatoryBody(Lead.class);
    }

    private void list(Exchange exchange) {
        Message in = exchange.getMessage();
        Integer page = header(in, CashfinLeadsConstants.PAGE, Integer.class, config.getPage());
        Integer limit = header(in, CashfinLeadsConstants.LIMIT, Integer.class, config.getLimit());
        String search = header(in, CashfinLeadsConstants.SEARCH, String.class, config.getSearch());
        String status = header(in, CashfinLeadsConstants.STATUS, String.class, config.getStatus());
        String source = header(in, CashfinLeadsConstants.SOURCE, String.class, config.getSource());
        CashfinLeadsConfiguration.checkPage("Page (header " + CashfinLeadsConstants.PAGE + " or option page)", page);
        CashfinLeadsConfiguration.checkLimit("Limit (header " + CashfinLeadsConstants.LIMIT + " or option limit)", limit);
        status = CashfinLeadsConfiguration.checkStatus(
                "Status (header " + CashfinLeadsConstants.STATUS + " or option status)", status);
        LeadPage result = endpoint.getClient().list(new LeadQuery(page, limit, blankToNull(search), status,
                blankToNull(source)));
        in.setBody(new ArrayList<>(result.leads()));
        PageInfo info = result.pageInfo();
        if (info != null) {
            in.setHeader(CashfinLeadsConstants.TOTAL, info.total());
            in.setHeader(CashfinLeadsConstants.PAGE, info.page());
            in.setHeader(CashfinLeadsConstants.LIMIT, info.limit());
            in.setHeader(CashfinLeadsConstants.PAGES, info.pages());
        } else {
            in.removeHeaders("CamelCashfin(Total|Pages)");
        }
    }

    private static <T> T header(Message in, String name, Class<T> type, T fallback) {
        Object raw = in.getHeader(name);
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return fallback;
        }
        T value;
        try {
            value = in.getHeader(name, type);
        } catch (TypeConversionException e) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException("Header " + name + " = '" + raw + "' is not a valid "
                                               + type.getSimpleName());
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
