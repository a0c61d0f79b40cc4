package africa.cashfin.camel.leads.model;

import java.util.List;

/**
 * The JSON field names of a Cashfin lead, as the Leads API writes and reads them (all lower case, {@code _id}). The one
 * definition of these names and lists: {@link Lead}'s Jackson mapping uses these constants, the create request
 * ({@code LeadJson.toCreateRequest}) and {@link LeadValidator#normalize} walk {@link #REQUEST_FIELDS}, and
 * {@code LeadFieldsTest} holds {@link Lead} (its JSON, copy and equality), the simulator's fields and the docs' field
 * tables to {@link #ALL}.
 */
public final class LeadFields {

    /** Unique lead identifier, set by the API. */
    public static final String ID = "_id";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String COMPANY = "company";
    public static final String JOBTITLE = "jobtitle";
    public static final String INDUSTRY = "industry";
    public static final String WEBSITE = "website";
    public static final String REQUEST = "request";
    public static final String BUDGET = "budget";
    public static final String COUNTRY = "country";
    public static final String STATE = "state";
    public static final String ADDRESS = "address";
    public static final String SOURCE = "source";
    public static final String STATUS = "status";
    /** Creation channel ({@code api} or {@code dashboard}), set by the API. */
    public static final String SOURCEORIGIN = "sourceorigin";
    /** Whether the lead is active, set by the API. */
    public static final String ACTIVE = "active";
    /** Creation time, ISO-8601 text, set by the API. */
    public static final String CREATEDAT = "createdat";
    /** Last update time, ISO-8601 text, set by the API. */
    public static final String UPDATEDAT = "updatedat";

    /** The 14 fields a client may send to {@code POST /business/lead/create}, in the API's order. */
    public static final List<String> REQUEST_FIELDS = List.of(NAME, EMAIL, PHONE, COMPANY, JOBTITLE, INDUSTRY, WEBSITE,
            REQUEST, BUDGET, COUNTRY, STATE, ADDRESS, SOURCE, STATUS);

    /** The request fields that hold text: every request field but {@link #BUDGET}, in the API's order. */
    public static final List<String> REQUEST_TEXT_FIELDS = REQUEST_FIELDS.stream().filter(f -> !f.equals(BUDGET))
            .toList();

    /** Every documented field of a lead, in the order the API (and {@link Lead}'s JSON) lists them. */
    public static final List<String> ALL = List.of(ID, NAME, EMAIL, PHONE, COMPANY, JOBTITLE, INDUSTRY, WEBSITE, REQUEST,
            BUDGET, COUNTRY, STATE, ADDRESS, SOURCE, STATUS, SOURCEORIGIN, ACTIVE, CREATEDAT, UPDATEDAT);

    private LeadFields() {
    }
}
