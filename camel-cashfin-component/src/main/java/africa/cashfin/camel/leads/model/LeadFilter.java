package africa.cashfin.camel.leads.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The filters of the lead list ({@code GET /business/lead/list}): status, source and search text; null means "not
 * filtered". The one value behind the {@code status}, {@code source} and {@code search} options, the list producer's
 * headers, the consumer's list calls, {@code LeadQuery} and the keys derived from the filters (the consumer's
 * {@code stateKey}, the name of a budget share).
 * <p>
 * A new filter is a record component, a {@link Field} constant and its place in each {@link KeyOrder} (append it last:
 * keys of endpoints that do not set it stay what they were); see docs/design.md, "Where a change goes".
 *
 * @param status status in wire form (new, contacted, qualified, converted, lost), or null
 * @param source source (website, referral, ...), or null
 * @param search search text over name, email, phone and company, or null
 */
public record LeadFilter(String status, String source, String search) {

    /** No filter: every lead. */
    public static final LeadFilter NONE = new LeadFilter(null, null, null);

    /** A blank value filters nothing, as an unset one: both are null here. Values are kept as given (not trimmed). */
    public LeadFilter {
        status = blankToNull(status);
        source = blankToNull(source);
        search = blankToNull(search);
    }

    /** One filter: its name as a query parameter, option and key part, and where its value is in a filter. */
    public enum Field {
        STATUS("status", LeadFilter::status),
        SOURCE("source", LeadFilter::source),
        SEARCH("search", LeadFilter::search);

        private final String parameter;
        private final Function<LeadFilter, String> value;

        Field(String parameter, Function<LeadFilter, String> value) {
            this.parameter = parameter;
            this.value = value;
        }

        /** The name of the list's query parameter, of the endpoint option and of the part of a derived key. */
        public String parameter() {
            return parameter;
        }

        /** This field's value in {@code filter}, or null. */
        public String valueIn(LeadFilter filter) {
            return value.apply(filter);
        }
    }

    /**
     * The order of the filters in a key derived from them. The keys are stored (rows of the state table, budget shares
     * in the rate-limit table), so each use keeps the order it has always had: changing one would orphan the rows of
     * every endpoint that sets two filters. {@code LeadFilterTest} pins each.
     */
    public enum KeyOrder {
        /** The consumer's {@code stateKey} (cursor, marker, sweep position, leadership epoch): status, source, search. */
        STATE_KEY(List.of(Field.STATUS, Field.SOURCE, Field.SEARCH)),
        /** The default name of a budget share ({@code budgetShare}): source, status, search. */
        BUDGET_SHARE(List.of(Field.SOURCE, Field.STATUS, Field.SEARCH)),
        /** The list call's query parameters, after {@code page} and {@code limit}: search, status, source. */
        QUERY(List.of(Field.SEARCH, Field.STATUS, Field.SOURCE));

        private final List<Field> fields;

        KeyOrder(List<Field> fields) {
            this.fields = fields;
        }

        /** The fields in this order (every field once). */
        public List<Field> fields() {
            return fields;
        }
    }

    /** A filter whose fields' values come from {@code values} (e.g. a header, else the option). */
    public static LeadFilter of(Function<Field, String> values) {
        return new LeadFilter(values.apply(Field.STATUS), values.apply(Field.SOURCE), values.apply(Field.SEARCH));
    }

    /** This filter with another status. */
    public LeadFilter withStatus(String newStatus) {
        return new LeadFilter(newStatus, source, search);
    }

    /**
     * The key of this filter: {@code prefix}, then {@code ?name=value} joined by {@code &} for each set filter in
     * {@code order}, values trimmed; just {@code prefix} without filters. E.g.
     * {@code cashfin-leads:list?status=qualified&source=website} in {@link KeyOrder#STATE_KEY}.
     */
    public String key(String prefix, KeyOrder order) {
        StringBuilder key = new StringBuilder(prefix);
        char sep = '?';
        for (Field field : order.fields()) {
            String value = field.valueIn(this);
            if (value != null) {
                key.append(sep).append(field.parameter()).append('=').append(value.trim());
                sep = '&';
            }
        }
        return key.toString();
    }

    /**
     * The status in wire form (lower case), null when blank.
     *
     * @param  what                     what holds the status, for the message (e.g. "status option")
     * @throws IllegalArgumentException for a status the API does not have, naming the allowed ones
     */
    public static String checkStatus(String what, String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        Optional<LeadStatus> parsed = LeadStatus.parse(status);
        return parsed.map(LeadStatus::wireValue).orElseThrow(() -> new IllegalArgumentException(
                what + " '" + status + "' is not a lead status; use one of " + LeadStatus.allowedValues()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
