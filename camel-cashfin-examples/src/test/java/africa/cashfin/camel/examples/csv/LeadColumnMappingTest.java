package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadColumnMappingTest {

    private final LeadColumnMapping generic = LeadColumnMapping.generic();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Full Name|NAME", "Name|NAME", "Contact Name|NAME", "First Name|FIRST_NAME", "last_name|LAST_NAME",
            "E-mail|EMAIL", "Email Address|EMAIL", "Work Email|EMAIL", "Phone Number|PHONE", "Telephone|PHONE",
            "Phone|PHONE", "Mobile|MOBILE", "Mobile Phone|MOBILE", "Company Name|COMPANY", "Organization|COMPANY",
            "Organisation|COMPANY", "Account Name|COMPANY", "Job Title|JOBTITLE", "Title|JOBTITLE",
            "Position|JOBTITLE", "Country/Region|COUNTRY", "Country|COUNTRY", "State|STATE", "Region|STATE",
            "Province|STATE", "County|STATE", "Lead Source|SOURCE", "Source|SOURCE", "Website|WEBSITE",
            "URL|WEBSITE", "Industry|INDUSTRY", "Budget|BUDGET", "Estimated Budget|BUDGET", "Deal Value|BUDGET",
            "Message|REQUEST", "Request|REQUEST", "Notes|REQUEST", "Comments|REQUEST", "Description|REQUEST",
            "Address|ADDRESS", "Street|ADDRESS", "Street Address|ADDRESS", "Status|STATUS", "Lead Status|STATUS",
            "CITY|CITY", "Zip Code|POSTAL_CODE" })
    void aliasesMapToTheirField(String header, LeadField field) {
        assertThat(generic.fieldFor(header)).contains(field);
    }

    @Test
    void unknownColumnsAreReportedNotGuessed() {
        assertThat(generic.fieldFor("Favourite colour")).isEmpty();
        assertThat(generic.unmappedColumns(List.of("Name", "Favourite colour", "Email", "Shoe size")))
                .containsExactly("Favourite colour", "Shoe size");
    }

    @Test
    void describeListsKnownColumnsInHeaderOrder() {
        assertThat(generic.describe(List.of("Email", "X", "Full Name")))
                .containsExactly(Map.entry("Email", LeadField.EMAIL), Map.entry("Full Name", LeadField.NAME));
    }

    @Test
    void detectsHubSpotExport() {
        List<String> headers = List.of("Record ID", "First Name", "Last Name", "Email", "Phone Number",
                "Company Name", "Job Title", "Country/Region", "State/Region", "Website URL", "Industry",
                "Lead Status", "Original Source", "Lifecycle Stage");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("hubspot");
        LeadColumnMapping m = LeadColumnMapping.resolve(headers, "auto", null);
        assertThat(m.name()).isEqualTo("hubspot");
        assertThat(m.defaultSource()).isEqualTo("hubspot");
        assertThat(m.fieldFor("Original Source")).contains(LeadField.SOURCE);
        assertThat(m.fieldFor("Lifecycle Stage")).contains(LeadField.IGNORE);
        assertThat(m.unmappedColumns(headers)).isEmpty();
    }

    @Test
    void detectsSalesforceReport() {
        List<String> headers = List.of("Lead Owner", "First Name", "Last Name", "Title", "Company / Account",
                "Email", "Phone", "Mobile", "Lead Source", "Lead Status", "Country", "State/Province", "Street",
                "Website", "Industry", "Annual Revenue", "Description", "Rating");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("salesforce-report");
        LeadColumnMapping m = LeadColumnMapping.preset("salesforce-report");
        assertThat(m.fieldFor("Company / Account")).contains(LeadField.COMPANY);
        assertThat(m.fieldFor("Annual Revenue")).as("revenue is not a budget").contains(LeadField.IGNORE);
        assertThat(m.unmappedColumns(headers)).isEmpty();
    }

    @Test
    void detectsSalesforceDataLoaderByExactApiNames() {
        List<String> headers = List.of("FirstName", "LastName", "Email", "Phone", "MobilePhone", "Company",
                "Title", "LeadSource", "Status", "Country", "State", "Street", "Website", "Industry", "Description");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("salesforce-dataloader");
        assertThat(LeadColumnMapping.detectPreset(List.of("First Name", "Last Name", "Mobile Phone", "Lead Source")))
                .as("spaced headers are not API names").isEmpty();
        LeadColumnMapping m = LeadColumnMapping.preset("salesforce-dataloader");
        assertThat(m.fieldFor("MobilePhone")).contains(LeadField.MOBILE);
        assertThat(m.unmappedColumns(headers)).isEmpty();
    }

    @Test
    void detectsFacebookLeadAds() {
        List<String> headers = List.of("id", "created_time", "ad_id", "ad_name", "adset_id", "adset_name",
                "campaign_id", "campaign_name", "form_id", "form_name", "is_organic", "platform", "full_name",
                "email", "phone_number", "company_name", "job_title", "city", "country");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("facebook-lead-ads");
        LeadColumnMapping m = LeadColumnMapping.resolve(headers, null, null);
        assertThat(m.defaultSource()).isEqualTo("facebook");
        assertThat(m.fieldFor("full_name")).contains(LeadField.NAME);
        assertThat(m.fieldFor("campaign_name")).contains(LeadField.IGNORE);
        assertThat(m.unmappedColumns(headers)).isEmpty();
    }

    @Test
    void detectsGoogleAdsLeadForms() {
        List<String> headers = List.of("Lead ID", "GCLID", "Campaign ID", "Full Name", "User Email", "User Phone",
                "Company Name", "Job Title", "Country", "Region", "Postal Code");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("google-ads");
        LeadColumnMapping m = LeadColumnMapping.preset("google-ads");
        assertThat(m.fieldFor("User Email")).contains(LeadField.EMAIL);
        assertThat(m.fieldFor("USER_PHONE")).contains(LeadField.PHONE);
        assertThat(m.fieldFor("Region")).contains(LeadField.STATE);
        assertThat(m.unmappedColumns(headers)).isEmpty();
    }

    @Test
    void detectsLinkedInLeadGenForms() {
        List<String> headers = List.of("First Name", "Last Name", "Email Address", "Phone Number", "Company Name",
                "Job Title", "Country/Region", "State/Province", "LinkedIn Profile URL", "Lead Type");
        assertThat(LeadColumnMapping.detectPreset(headers)).contains("linkedin-lead-gen");
        assertThat(LeadColumnMapping.preset("linkedin-lead-gen").defaultSource()).isEqualTo("linkedin");
    }

    @Test
    void plainFileGetsTheGenericMapping() {
        List<String> headers = List.of("Name", "Email", "Phone", "Company");
        assertThat(LeadColumnMapping.detectPreset(headers)).isEmpty();
        LeadColumnMapping m = LeadColumnMapping.resolve(headers, "auto", Map.of());
        assertThat(m.name()).isEqualTo("generic");
        assertThat(m.defaultSource()).isNull();
    }

    @Test
    void oneMarkerIsNotEnoughToChooseAPreset() {
        assertThat(LeadColumnMapping.detectPreset(List.of("Name", "Email", "platform"))).isEmpty();
    }

    @Test
    void presetChosenByNameWinsOverDetection() {
        List<String> hubspotHeaders = List.of("Record ID", "Lifecycle Stage", "Email");
        assertThat(LeadColumnMapping.resolve(hubspotHeaders, "Google-Ads", null).name()).isEqualTo("google-ads");
    }

    @Test
    void unknownPresetNameSaysWhichExist() {
        assertThatThrownBy(() -> LeadColumnMapping.preset("zoho"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'zoho'")
                .hasMessageContaining("hubspot")
                .hasMessageContaining("facebook-lead-ads");
    }

    @Test
    void userMappingOverridesAliasesAndPresets() {
        LeadColumnMapping m = LeadColumnMapping.preset("hubspot")
                .withUserMapping(Map.of("Title", "ignore", "Ref Person", "name", "Original Source", "request"));
        assertThat(m.fieldFor("title")).contains(LeadField.IGNORE);
        assertThat(m.fieldFor("ref_person")).contains(LeadField.NAME);
        assertThat(m.fieldFor("Original Source")).contains(LeadField.REQUEST);
        assertThat(m.fieldFor("Email")).as("untouched columns keep their mapping").contains(LeadField.EMAIL);
        assertThat(m.name()).isEqualTo("hubspot+user");
        assertThat(m.defaultSource()).isEqualTo("hubspot");
    }

    @Test
    void userMappingWithUnknownFieldIsRejectedWithTheAllowedNames() {
        assertThatThrownBy(() -> generic.withUserMapping(Map.of("Boss", "manager")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Boss'")
                .hasMessageContaining("'manager'")
                .hasMessageContaining("jobtitle");
    }

    @Test
    void userMappingIsReadFromProperties() {
        Properties p = new Properties();
        p.setProperty("cashfin.csv.mapping.Ref Person", " name ");
        p.setProperty("cashfin.csv.mapping.shoesize", "ignore");
        p.setProperty("cashfin.csv.preset", "hubspot");
        p.setProperty("cashfin.csv.mapping.", "name");
        assertThat(LeadColumnMapping.userMappingFromProperties(p))
                .containsOnly(Map.entry("Ref Person", "name"), Map.entry("shoesize", "ignore"));
    }

    @Test
    void aliasTableHasNoConflicts() {
        // MappingPresets refuses an alias given to two fields; loading the class proves there is none.
        assertThat(MappingPresets.ALIASES).isNotEmpty();
        assertThat(LeadColumnMapping.presetNames()).containsExactly("hubspot", "salesforce-report",
                "salesforce-dataloader", "facebook-lead-ads", "google-ads", "linkedin-lead-gen");
    }
}
