package africa.cashfin.camel.leads.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A Cashfin lead: the 14 fields a client may send to {@code POST /business/lead/create} and the fields the API adds
 * ({@code _id}, {@code sourceorigin}, {@code active}, {@code createdat}, {@code updatedat}).
 * <p>
 * Its JSON form is the API's own, with any Jackson {@code ObjectMapper} (Camel's stock {@code marshal().json()}
 * included, no module needed): the names in {@link LeadFields} (all lower case, {@code _id}), absent fields left out,
 * {@code createdat}/{@code updatedat} as ISO-8601 UTC text with milliseconds ({@link ApiTimestamps}). Fields the API
 * returns that this class does not know are kept in {@link #getAdditionalFields()} and written back out, so nothing
 * the server says is dropped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ LeadFields.ID, LeadFields.NAME, LeadFields.EMAIL, LeadFields.PHONE, LeadFields.COMPANY,
        LeadFields.JOBTITLE, LeadFields.INDUSTRY, LeadFields.WEBSITE, LeadFields.REQUEST, LeadFields.BUDGET,
        LeadFields.COUNTRY, LeadFields.STATE, LeadFields.ADDRESS, LeadFields.SOURCE, LeadFields.STATUS,
        LeadFields.SOURCEORIGIN, LeadFields.ACTIVE, LeadFields.CREATEDAT, LeadFields.UPDATEDAT })
public class Lead {

    /** The JSON names of the fields a client may send when creating a lead, in the API's order. */
    public static final List<String> REQUEST_FIELDS = LeadFields.REQUEST_FIELDS;

    @JsonProperty(LeadFields.ID)
    private String id;
    @JsonProperty(LeadFields.NAME)
    private String name;
    @JsonProperty(LeadFields.EMAIL)
    private String email;
    @JsonProperty(LeadFields.PHONE)
    private String phone;
    @JsonProperty(LeadFields.COMPANY)
    private String company;
    @JsonProperty(LeadFields.JOBTITLE)
    private String jobtitle;
    @JsonProperty(LeadFields.INDUSTRY)
    private String industry;
    @JsonProperty(LeadFields.WEBSITE)
    private String website;
    @JsonProperty(LeadFields.REQUEST)
    private String request;
    @JsonProperty(LeadFields.BUDGET)
    private BigDecimal budget;
    @JsonProperty(LeadFields.COUNTRY)
    private String country;
    @JsonProperty(LeadFields.STATE)
    private String state;
    @JsonProperty(LeadFields.ADDRESS)
    private String address;
    @JsonProperty(LeadFields.SOURCE)
    private String source;
    @JsonProperty(LeadFields.STATUS)
    private String status;
    @JsonProperty(LeadFields.SOURCEORIGIN)
    private String sourceorigin;
    @JsonProperty(LeadFields.ACTIVE)
    private Boolean active;
    @JsonProperty(LeadFields.CREATEDAT)
    @JsonSerialize(using = ApiTimestamps.Serializer.class)
    @JsonDeserialize(using = ApiTimestamps.Deserializer.class)
    private Instant createdat;
    @JsonProperty(LeadFields.UPDATEDAT)
    @JsonSerialize(using = ApiTimestamps.Serializer.class)
    @JsonDeserialize(using = ApiTimestamps.Deserializer.class)
    private Instant updatedat;

    private final Map<String, Object> additionalFields = new LinkedHashMap<>();

    public Lead() {
    }

    /** A copy of {@code other}, additional fields included. */
    public Lead(Lead other) {
        this.id = other.id;
        this.name = other.name;
        this.email = other.email;
        this.phone = other.phone;
        this.company = other.company;
        this.jobtitle = other.jobtitle;
        this.industry = other.industry;
        this.website = other.website;
        this.request = other.request;
        this.budget = other.budget;
        this.country = other.country;
        this.state = other.state;
        this.address = other.address;
        this.source = other.source;
        this.status = other.status;
        this.sourceorigin = other.sourceorigin;
        this.active = other.active;
        this.createdat = other.createdat;
        this.updatedat = other.updatedat;
        this.additionalFields.putAll(other.additionalFields);
    }

    /** Unique lead identifier (a 24-hex MongoDB ObjectID), set by the API. JSON {@code _id}. */
    public String getId() {
        return id;
    }

    public Lead setId(String id) {
        this.id = id;
        return this;
    }

    /** The lead's full name. Required on create. */
    public String getName() {
        return name;
    }

    public Lead setName(String name) {
        this.name = name;
        return this;
    }

    public String getEmail() {
        return email;
    }

    public Lead setEmail(String email) {
        this.email = email;
        return this;
    }

    public String getPhone() {
        return phone;
    }

    public Lead setPhone(String phone) {
        this.phone = phone;
        return this;
    }

    public String getCompany() {
        return company;
    }

    public Lead setCompany(String company) {
        this.company = company;
        return this;
    }

    /** Job title. JSON {@code jobtitle}. */
    public String getJobtitle() {
        return jobtitle;
    }

    public Lead setJobtitle(String jobtitle) {
        this.jobtitle = jobtitle;
        return this;
    }

    public String getIndustry() {
        return industry;
    }

    public Lead setIndustry(String industry) {
        this.industry = industry;
        return this;
    }

    public String getWebsite() {
        return website;
    }

    public Lead setWebsite(String website) {
        this.website = website;
        return this;
    }

    /** Description of the lead's request or interest. */
    public String getRequest() {
        return request;
    }

    public Lead setRequest(String request) {
        this.request = request;
        return this;
    }

    /** Estimated budget; a JSON number. */
    public BigDecimal getBudget() {
        return budget;
    }

    public Lead setBudget(BigDecimal budget) {
        this.budget = budget;
        return this;
    }

    public String getCountry() {
        return country;
    }

    public Lead setCountry(String country) {
        this.country = country;
        return this;
    }

    public String getState() {
        return state;
    }

    public Lead setState(String state) {
        this.state = state;
        return this;
    }

    public String getAddress() {
        return address;
    }

    public Lead setAddress(String address) {
        this.address = address;
        return this;
    }

    /** Where the lead came from (website, referral, ad, email, ...). */
    public String getSource() {
        return source;
    }

    public Lead setSource(String source) {
        this.source = source;
        return this;
    }

    /** Pipeline status: new, contacted, qualified, converted or lost (see {@link LeadStatus}). */
    public String getStatus() {
        return status;
    }

    public Lead setStatus(String status) {
        this.status = status;
        return this;
    }

    /** Creation channel, set by the API: {@code api} or {@code dashboard}. */
    public String getSourceorigin() {
        return sourceorigin;
    }

    public Lead setSourceorigin(String sourceorigin) {
        this.sourceorigin = sourceorigin;
        return this;
    }

    /** Whether the lead is active, set by the API. */
    public Boolean getActive() {
        return active;
    }

    public Lead setActive(Boolean active) {
        this.active = active;
        return this;
    }

    /** Server creation time. JSON {@code createdat}, ISO-8601 UTC text with milliseconds. */
    public Instant getCreatedat() {
        return createdat;
    }

    public Lead setCreatedat(Instant createdat) {
        this.createdat = createdat;
        return this;
    }

    /** Server last-update time. JSON {@code updatedat}, ISO-8601 UTC text with milliseconds. */
    public Instant getUpdatedat() {
        return updatedat;
    }

    public Lead setUpdatedat(Instant updatedat) {
        this.updatedat = updatedat;
        return this;
    }

    /** Fields the API sent that this class has no property for; kept and written back out unchanged. */
    @JsonAnyGetter
    public Map<String, Object> getAdditionalFields() {
        return additionalFields;
    }

    @JsonAnySetter
    public Lead setAdditionalField(String name, Object value) {
        additionalFields.put(name, value);
        return this;
    }

    /**
     * The value of a request text field by its JSON name (one of {@link LeadFields#REQUEST_TEXT_FIELDS}), so the create
     * request and the normaliser walk the one list instead of retyping it.
     *
     * @throws IllegalArgumentException for any other name
     */
    public String textField(String field) {
        return textAccess(field).getter().get();
    }

    /**
     * Sets a request text field by its JSON name (one of {@link LeadFields#REQUEST_TEXT_FIELDS}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public Lead textField(String field, String value) {
        textAccess(field).setter().accept(value);
        return this;
    }

    private record TextAccess(Supplier<String> getter, Consumer<String> setter) {
    }

    private TextAccess textAccess(String field) {
        return switch (field) {
            case LeadFields.NAME -> new TextAccess(this::getName, this::setName);
            case LeadFields.EMAIL -> new TextAccess(this::getEmail, this::setEmail);
            case LeadFields.PHONE -> new TextAccess(this::getPhone, this::setPhone);
            case LeadFields.COMPANY -> new TextAccess(this::getCompany, this::setCompany);
            case LeadFields.JOBTITLE -> new TextAccess(this::getJobtitle, this::setJobtitle);
            case LeadFields.INDUSTRY -> new TextAccess(this::getIndustry, this::setIndustry);
            case LeadFields.WEBSITE -> new TextAccess(this::getWebsite, this::setWebsite);
            case LeadFields.REQUEST -> new TextAccess(this::getRequest, this::setRequest);
            case LeadFields.COUNTRY -> new TextAccess(this::getCountry, this::setCountry);
            case LeadFields.STATE -> new TextAccess(this::getState, this::setState);
            case LeadFields.ADDRESS -> new TextAccess(this::getAddress, this::setAddress);
            case LeadFields.SOURCE -> new TextAccess(this::getSource, this::setSource);
            case LeadFields.STATUS -> new TextAccess(this::getStatus, this::setStatus);
            default -> throw notATextField(field);
        };
    }

    private static IllegalArgumentException notATextField(String field) {
        return new IllegalArgumentException("'" + field + "' is not a request text field of a lead; use one of "
                                            + LeadFields.REQUEST_TEXT_FIELDS);
    }

    /** The most recent server timestamp of this lead: {@code updatedat} when set, else {@code createdat}. */
    @JsonIgnore
    public Instant getLastModified() {
        return updatedat != null ? updatedat : createdat;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Lead other)) {
            return false;
        }
        return Objects.equals(id, other.id) && Objects.equals(name, other.name) && Objects.equals(email, other.email)
                && Objects.equals(phone, other.phone) && Objects.equals(company, other.company)
                && Objects.equals(jobtitle, other.jobtitle) && Objects.equals(industry, other.industry)
                && Objects.equals(website, other.website) && Objects.equals(request, other.request)
                && budgetEquals(budget, other.budget) && Objects.equals(country, other.country)
                && Objects.equals(state, other.state) && Objects.equals(address, other.address)
                && Objects.equals(source, other.source) && Objects.equals(status, other.status)
                && Objects.equals(sourceorigin, other.sourceorigin) && Objects.equals(active, other.active)
                && Objects.equals(createdat, other.createdat) && Objects.equals(updatedat, other.updatedat)
                && additionalFields.equals(other.additionalFields);
    }

    private static boolean budgetEquals(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, email, createdat);
    }

    /** Short form for logs: id, name and times only (no contact details, which are personal data). */
    @Override
    public String toString() {
        return "Lead[_id=" + id + ", name=" + name + ", status=" + status + ", createdat=" + createdat
               + ", updatedat=" + updatedat + "]";
    }
}
