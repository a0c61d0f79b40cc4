package africa.cashfin.camel.leads;

import org.apache.camel.spi.Metadata;

import africa.cashfin.camel.leads.model.LeadFilter;

/** Names of the message headers the {@code cashfin-leads} component reads and writes. */
public final class CashfinLeadsConstants {

    @Metadata(label = "producer", description = "The `_id` of the lead: set by create on its result, and on every"
                                                + " lead the consumer emits.", javaType = "String")
    public static final String LEAD_ID = "CamelCashfinLeadId";

    @Metadata(label = "producer", description = "create: whether this exchange created the lead in Cashfin: true"
                                                + " after a successful create, false when `deduplicateBy` found it"
                                                + " already there (the body is then the existing lead).",
              javaType = "Boolean")
    public static final String LEAD_CREATED = "CamelCashfinLeadCreated";

    @Metadata(label = "producer", description = "list: the number of leads matching the filters, from the"
                                                + " response's page info.", javaType = "Long")
    public static final String TOTAL = "CamelCashfinTotal";

    @Metadata(label = "producer", description = "list: the page to read (in, overrides the `page` option) and the page"
                                                + " the response describes (out).", javaType = "Integer")
    public static final String PAGE = "CamelCashfinPage";

    @Metadata(label = "producer", description = "list: the page size, 1..100 (in, overrides the `limit` option) and"
                                                + " the page size of the response (out).", javaType = "Integer")
    public static final String LIMIT = "CamelCashfinLimit";

    @Metadata(label = "producer", description = "list: the number of pages (out).", javaType = "Integer")
    public static final String PAGES = "CamelCashfinPages";

    @Metadata(label = "producer", description = "list: search text over name, email, phone and company; overrides the"
                                                + " `search` option.", javaType = "String")
    public static final String SEARCH = "CamelCashfinSearch";

    @Metadata(label = "producer", description = "list: status filter (new, contacted, qualified, converted, lost);"
                                                + " overrides the `status` option.", javaType = "String")
    public static final String STATUS = "CamelCashfinStatus";

    @Metadata(label = "producer", description = "list: source filter; overrides the `source` option.",
              javaType = "String")
    public static final String SOURCE = "CamelCashfinSource";

    /**
     * The header that overrides a list filter's option in the list producer: {@code CamelCashfin} and the filter's name
     * capitalised ({@link #STATUS}, {@link #SOURCE}, {@link #SEARCH}); a new filter declares its constant above.
     */
    public static String filterHeader(LeadFilter.Field field) {
        String name = field.parameter();
        return "CamelCashfin" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Metadata(label = "consumer", description = "consumer: `created` for a new lead, `updated` for a changed one.",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelCashfinEventType";

    @Metadata(label = "consumer", description = "consumer: who emitted the lead. `fastPath`: the poll that reads from the"
                                                + " cursor found it (a lead created into the view, backfilled, or one"
                                                + " that became visible late but within `lookback` behind the cursor,"
                                                + " found by the poll's late check): as a rule new to Cashfin."
                                                + " `sweep`: the background re-read of the whole view found it after"
                                                + " the fast path had passed its `createdat`, so it is new to this view"
                                                + " but not new to Cashfin: it entered the view by a change of status or"
                                                + " source, became visible late, or was skipped by a page shift.",
              javaType = "String", enums = "fastPath,sweep")
    public static final String EMITTED_BY = "CamelCashfinEmittedBy";

    /** {@link #EMITTED_BY} of a lead found by the poll that reads from the cursor. */
    public static final String EMITTED_BY_FAST_PATH = "fastPath";
    /** {@link #EMITTED_BY} of a lead found by the sweep. */
    public static final String EMITTED_BY_SWEEP = "sweep";

    @Metadata(description = "The lead's server creation time (`createdat`).", javaType = "java.time.Instant")
    public static final String CREATED_AT = "CamelCashfinCreatedAt";

    @Metadata(description = "The lead's server last-update time (`updatedat`).", javaType = "java.time.Instant")
    public static final String UPDATED_AT = "CamelCashfinUpdatedAt";

    private CashfinLeadsConstants() {
    }

    @Metadata(label = "producer", description = "create with a List/Iterable/Iterator/Stream/array body (bulk): how"
                                                + " many leads were created.", javaType = "Integer")
    public static final String CREATED_COUNT = "CamelCashfinCreatedCount";

    @Metadata(label = "producer", description = "bulk create: how many leads already existed (found by"
                                                + " `deduplicateBy`) and were not created again.",
              javaType = "Integer")
    public static final String DUPLICATE_COUNT = "CamelCashfinDuplicateCount";

    @Metadata(label = "producer", description = "bulk create: how many items failed (invalid, or the call failed);"
                                                + " the body's `BulkCreateResult` says which and why.",
              javaType = "Integer")
    public static final String FAILED_COUNT = "CamelCashfinFailedCount";
}
