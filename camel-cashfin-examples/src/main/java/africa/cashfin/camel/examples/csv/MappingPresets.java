package africa.cashfin.camel.examples.csv;

import static africa.cashfin.camel.examples.csv.LeadField.ADDRESS;
import static africa.cashfin.camel.examples.csv.LeadField.BUDGET;
import static africa.cashfin.camel.examples.csv.LeadField.CITY;
import static africa.cashfin.camel.examples.csv.LeadField.COMPANY;
import static africa.cashfin.camel.examples.csv.LeadField.COUNTRY;
import static africa.cashfin.camel.examples.csv.LeadField.EMAIL;
import static africa.cashfin.camel.examples.csv.LeadField.FIRST_NAME;
import static africa.cashfin.camel.examples.csv.LeadField.IGNORE;
import static africa.cashfin.camel.examples.csv.LeadField.INDUSTRY;
import static africa.cashfin.camel.examples.csv.LeadField.JOBTITLE;
import static africa.cashfin.camel.examples.csv.LeadField.LAST_NAME;
import static africa.cashfin.camel.examples.csv.LeadField.MOBILE;
import static africa.cashfin.camel.examples.csv.LeadField.NAME;
import static africa.cashfin.camel.examples.csv.LeadField.PHONE;
import static africa.cashfin.camel.examples.csv.LeadField.POSTAL_CODE;
import static africa.cashfin.camel.examples.csv.LeadField.REQUEST;
import static africa.cashfin.camel.examples.csv.LeadField.SOURCE;
import static africa.cashfin.camel.examples.csv.LeadField.STATE;
import static africa.cashfin.camel.examples.csv.LeadField.STATUS;
import static africa.cashfin.camel.examples.csv.LeadField.WEBSITE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import africa.cashfin.camel.examples.common.HeaderNormalizer;

/**
 * The built-in column aliases and export presets. To add a preset, add a {@code MappingPreset} to {@link #PRESETS}
 * (see docs/examples.md, "Adding a preset").
 */
public final class MappingPresets {

    private MappingPresets() {
    }

    /**
     * Aliases every mapping knows, keyed by their {@link HeaderNormalizer normalized} form ("Full Name", "full_name"
     * and "FullName" are one entry).
     */
    public static final Map<String, LeadField> ALIASES = aliases();

    /** The presets by name, in the order they are listed in the docs. */
    public static final Map<String, MappingPreset> PRESETS = presets();

    private static Map<String, LeadField> aliases() {
        Map<String, LeadField> m = new LinkedHashMap<>();
        put(m, NAME, "Full Name", "Name", "Contact Name", "Your Name", "Lead Name");
        put(m, FIRST_NAME, "First Name", "Given Name", "Forename");
        put(m, LAST_NAME, "Last Name", "Surname", "Family Name");
        put(m, EMAIL, "Email", "E-mail", "Email Address", "E-mail Address", "Work Email", "Business Email",
                "User Email");
        put(m, PHONE, "Phone", "Phone Number", "Telephone", "Tel", "Work Phone", "Business Phone", "User Phone",
                "Contact Number");
        put(m, MOBILE, "Mobile", "Mobile Phone", "Mobile Number", "Mobile Phone Number", "Cell", "Cell Phone");
        put(m, COMPANY, "Company", "Company Name", "Organization", "Organisation", "Account Name", "Business Name");
        put(m, JOBTITLE, "Job Title", "Title", "Position", "Role");
        put(m, INDUSTRY, "Industry", "Sector");
        put(m, WEBSITE, "Website", "Web Site", "URL", "Website URL");
        put(m, REQUEST, "Message", "Request", "Notes", "Note", "Comments", "Comment", "Description", "Enquiry",
                "Inquiry");
        put(m, BUDGET, "Budget", "Estimated Budget", "Deal Value");
        put(m, COUNTRY, "Country", "Country/Region");
        put(m, STATE, "State", "Region", "Province", "County", "State/Region", "State/Province");
        put(m, ADDRESS, "Address", "Street", "Street Address", "Address Line 1");
        put(m, CITY, "City", "Town");
        put(m, POSTAL_CODE, "Postal Code", "Zip", "Zip Code", "Postcode", "Zip/Postal Code");
        put(m, SOURCE, "Lead Source", "Source");
        put(m, STATUS, "Status", "Lead Status");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, MappingPreset> presets() {
        Map<String, MappingPreset> p = new LinkedHashMap<>();

        Map<String, LeadField> hubspot = new LinkedHashMap<>();
        cols(hubspot, "First Name", FIRST_NAME, "Last Name", LAST_NAME, "Email", EMAIL, "Phone Number", PHONE,
                "Mobile Phone Number", MOBILE, "Company Name", COMPANY, "Job Title", JOBTITLE, "Country/Region",
                COUNTRY, "State/Region", STATE, "City", CITY, "Postal Code", POSTAL_CODE, "Street Address", ADDRESS,
                "Website URL", WEBSITE, "Industry", INDUSTRY, "Lead Status", STATUS, "Original Source", SOURCE,
                "Record ID", IGNORE, "Lifecycle Stage", IGNORE, "Contact owner", IGNORE, "Create Date", IGNORE,
                "Annual Revenue", IGNORE);
        add(p, new MappingPreset("hubspot", "hubspot", hubspot, List.of("Record ID", "Lifecycle Stage",
                "Original Source", "Contact owner", "Website URL", "State/Region", "Create Date"), false));

        Map<String, LeadField> sfReport = new LinkedHashMap<>();
        cols(sfReport, "First Name", FIRST_NAME, "Last Name", LAST_NAME, "Title", JOBTITLE, "Company / Account",
                COMPANY, "Email", EMAIL, "Phone", PHONE, "Mobile", MOBILE, "Lead Source", SOURCE, "Lead Status",
                STATUS, "Country", COUNTRY, "State/Province", STATE, "City", CITY, "Zip/Postal Code", POSTAL_CODE,
                "Street", ADDRESS, "Website", WEBSITE, "Industry", INDUSTRY, "Description", REQUEST,
                "Annual Revenue", IGNORE, "Lead Owner", IGNORE, "Rating", IGNORE, "Salutation", IGNORE,
                "Create Date", IGNORE);
        add(p, new MappingPreset("salesforce-report", "salesforce", sfReport, List.of("Company / Account",
                "Lead Owner", "Zip/Postal Code", "Rating", "Annual Revenue", "Salutation"), false));

        Map<String, LeadField> sfApi = new LinkedHashMap<>();
        cols(sfApi, "FirstName", FIRST_NAME, "LastName", LAST_NAME, "Email", EMAIL, "Phone", PHONE, "MobilePhone",
                MOBILE, "Company", COMPANY, "Title", JOBTITLE, "LeadSource", SOURCE, "Status", STATUS, "Country",
                COUNTRY, "State", STATE, "City", CITY, "PostalCode", POSTAL_CODE, "Street", ADDRESS, "Website",
                WEBSITE, "Industry", INDUSTRY, "Description", REQUEST, "Id", IGNORE, "OwnerId", IGNORE,
                "Salutation", IGNORE, "AnnualRevenue", IGNORE, "NumberOfEmployees", IGNORE, "Rating", IGNORE);
        add(p, new MappingPreset("salesforce-dataloader", "salesforce", sfApi, List.of("FirstName", "LastName",
                "MobilePhone", "LeadSource", "PostalCode", "OwnerId", "AnnualRevenue", "NumberOfEmployees"), true));

        Map<String, LeadField> facebook = new LinkedHashMap<>();
        cols(facebook, "full_name", NAME, "first_name", FIRST_NAME, "last_name", LAST_NAME, "email", EMAIL,
                "work_email", EMAIL, "phone_number", PHONE, "work_phone_number", PHONE, "company_name", COMPANY,
                "job_title", JOBTITLE, "street_address", ADDRESS, "city", CITY, "state", STATE, "province", STATE,
                "country", COUNTRY, "zip_code", POSTAL_CODE, "post_code", POSTAL_CODE, "id", IGNORE,
                "created_time", IGNORE, "ad_id", IGNORE, "ad_name", IGNORE, "adset_id", IGNORE, "adset_name",
                IGNORE, "campaign_id", IGNORE, "campaign_name", IGNORE, "form_id", IGNORE, "form_name", IGNORE,
                "is_organic", IGNORE, "platform", IGNORE);
        add(p, new MappingPreset("facebook-lead-ads", "facebook", facebook, List.of("ad_id", "ad_name", "adset_id",
                "adset_name", "campaign_name", "form_id", "form_name", "is_organic", "platform", "created_time"),
                false));

        Map<String, LeadField> google = new LinkedHashMap<>();
        cols(google, "Full Name", NAME, "First Name", FIRST_NAME, "Last Name", LAST_NAME, "User Email", EMAIL,
                "Email", EMAIL, "Work Email", EMAIL, "User Phone", PHONE, "Phone Number", PHONE, "Work Phone",
                PHONE, "Company Name", COMPANY, "Job Title", JOBTITLE, "Street Address", ADDRESS, "City", CITY,
                "Region", STATE, "Country", COUNTRY, "Postal Code", POSTAL_CODE, "Lead ID", IGNORE, "GCLID", IGNORE,
                "Campaign ID", IGNORE, "Form ID", IGNORE, "Ad Group ID", IGNORE, "Creative ID", IGNORE,
                "Asset Group ID", IGNORE, "Is Test", IGNORE, "Lead Submit Time", IGNORE);
        add(p, new MappingPreset("google-ads", "google-ads", google, List.of("GCLID", "Lead ID", "Ad Group ID",
                "Creative ID", "Asset Group ID", "Is Test", "User Email", "User Phone", "Lead Submit Time"), false));

        Map<String, LeadField> linkedin = new LinkedHashMap<>();
        cols(linkedin, "First Name", FIRST_NAME, "Last Name", LAST_NAME, "Email Address", EMAIL, "Work Email",
                EMAIL, "Phone Number", PHONE, "Work Phone Number", PHONE, "Mobile Phone Number", MOBILE,
                "Company Name", COMPANY, "Job Title", JOBTITLE, "Country/Region", COUNTRY, "State/Province", STATE,
                "City", CITY, "Zip/Postal Code", POSTAL_CODE, "Industry", INDUSTRY, "LinkedIn Profile URL", IGNORE,
                "Lead Type", IGNORE, "Submitted On", IGNORE, "Campaign Group Name", IGNORE, "Campaign Name", IGNORE,
                "Form Name", IGNORE);
        add(p, new MappingPreset("linkedin-lead-gen", "linkedin", linkedin, List.of("LinkedIn Profile URL",
                "Lead Type", "Submitted On", "Campaign Group Name"), false));

        return java.util.Collections.unmodifiableMap(p);
    }

    private static void add(Map<String, MappingPreset> presets, MappingPreset preset) {
        presets.put(preset.name(), preset);
    }

    private static void put(Map<String, LeadField> m, LeadField field, String... headers) {
        for (String h : headers) {
            LeadField previous = m.put(HeaderNormalizer.normalize(h), field);
            if (previous != null && previous != field) {
                throw new IllegalStateException("alias '" + h + "' given to both " + previous + " and " + field);
            }
        }
    }

    private static void cols(Map<String, LeadField> m, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (LeadField) pairs[i + 1]);
        }
    }
}
