package africa.cashfin.camel.examples.csv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import africa.cashfin.camel.examples.common.BudgetParser;
import africa.cashfin.camel.examples.common.CountryRegions;
import africa.cashfin.camel.examples.common.LeadChecks;
import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.examples.files.SheetNumber;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Turns one CSV row (header to value, as camel-csv produces with {@code useMaps=true}) into a {@link Lead} and the
 * problems found. It never throws for bad data: a bad row comes back with errors, so it can be reported and written to
 * the errors file instead of being lost.
 * <p>
 * Rules: values are trimmed, blanks ignored; when several columns fill one field the first non-blank one (in column
 * order) wins. {@code name} is the name column, else first name + last name; a missing name is an error (Cashfin
 * requires it). An e-mail that does not look like an address and a budget that is not an amount are errors. A phone
 * number is normalised to E.164 ({@link PhoneNormalizer}; for the row's own country when it has a recognised one); an
 * invalid phone is kept as typed with a warning. Mobile fills the phone when there is no phone. A status is mapped with
 * {@link StatusMapper}; an unknown one is left unset (Cashfin uses {@code new}) with a warning. City and postal code are
 * appended to the address. The source is the row's, else the preset's, else the configured fallback.
 * Instances are immutable and thread-safe.
 */
public final class CsvRowMapper {

    private final LeadColumnMapping mapping;
    private final PhoneNormalizer phones;
    private final String fallbackSource;

    /**
     * @param mapping        which column fills which field
     * @param phones         the phone normaliser (its default region may be null)
     * @param fallbackSource the source for rows without one when the mapping has no preset source, e.g. {@code csv}
     */
    public CsvRowMapper(LeadColumnMapping mapping, PhoneNormalizer phones, String fallbackSource) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.fallbackSource = fallbackSource;
    }

    /** The mapping in use. */
    public LeadColumnMapping mapping() {
        return mapping;
    }

    /** True when every value of {@code row} is blank (a spreadsheet's trailing {@code ,,,,} line). */
    public static boolean isBlank(Map<String, ?> row) {
        return row == null || row.values().stream().allMatch(v -> v == null || v.toString().isBlank());
    }

    /** The lead for {@code row} and the problems found; never throws for bad data. */
    public MappedLead map(Map<String, ?> row) {
        Map<LeadField, String> values = new EnumMap<>(LeadField.class);
        for (Map.Entry<String, ?> e : row.entrySet()) {
            Object raw = e.getValue();
            String value = raw == null ? null : LeadChecks.clean(raw.toString());
            if (value != null) {
                // a workbook's number is shown in the cell's format; the budget takes its exact value
                mapping.fieldFor(e.getKey()).ifPresent(f -> values.putIfAbsent(f,
                        f == LeadField.BUDGET && raw instanceof SheetNumber n ? n.exactText() : value));
            }
        }
        List<LeadProblem> problems = new ArrayList<>();
        Lead lead = new Lead();

        String name = values.get(LeadField.NAME);
        if (name == null) {
            StringJoiner j = new StringJoiner(" ");
            if (values.containsKey(LeadField.FIRST_NAME)) {
                j.add(values.get(LeadField.FIRST_NAME));
            }
            if (values.containsKey(LeadField.LAST_NAME)) {
                j.add(values.get(LeadField.LAST_NAME));
            }
            name = j.length() == 0 ? null : j.toString();
        }
        if (name == null) {
            problems.add(LeadProblem.error("name",
                    "the name is missing; fill the Full Name (or First Name / Last Name) column"));
        } else if (name.length() > LeadChecks.MAX_NAME_LENGTH) {
            problems.add(LeadProblem.error("name", "the name is longer than " + LeadChecks.MAX_NAME_LENGTH
                    + " characters; is the right column mapped to the name?"));
        }
        lead.setName(name);

        String email = values.get(LeadField.EMAIL);
        if (email != null && !LeadChecks.isEmail(email)) {
            problems.add(LeadProblem.error("email", "'" + email + "' is not an e-mail address; correct it or clear"
                    + " the cell"));
        }
        lead.setEmail(email);

        String country = values.get(LeadField.COUNTRY);
        lead.setCountry(country);
        String phone = values.getOrDefault(LeadField.PHONE, values.get(LeadField.MOBILE));
        if (phone != null) {
            PhoneNormalizer.Result r = phones.normalize(phone, CountryRegions.regionOf(country).orElse(null));
            lead.setPhone(r.value());
            if (r.warning() != null) {
                problems.add(LeadProblem.warning("phone", r.warning()));
            }
        }

        String budget = values.get(LeadField.BUDGET);
        try {
            lead.setBudget(BudgetParser.parse(budget));
        } catch (BudgetParser.BudgetFormatException e) {
            problems.add(LeadProblem.error("budget", e.getMessage()));
        }

        String status = values.get(LeadField.STATUS);
        if (status != null) {
            StatusMapper.map(status).ifPresentOrElse(s -> lead.setStatus(s.wireValue()),
                    () -> problems.add(LeadProblem.warning("status", "'" + status
                            + "' is not a status Cashfin knows; left unset so Cashfin uses 'new'")));
        }

        lead.setCompany(values.get(LeadField.COMPANY));
        lead.setJobtitle(values.get(LeadField.JOBTITLE));
        lead.setIndustry(values.get(LeadField.INDUSTRY));
        lead.setWebsite(values.get(LeadField.WEBSITE));
        lead.setRequest(values.get(LeadField.REQUEST));
        lead.setState(values.get(LeadField.STATE));
        lead.setAddress(address(values));
        String source = values.get(LeadField.SOURCE);
        lead.setSource(source != null ? source
                : mapping.defaultSource() != null ? mapping.defaultSource() : LeadChecks.clean(fallbackSource));
        return new MappedLead(lead, problems);
    }

    private static String address(Map<LeadField, String> values) {
        StringJoiner j = new StringJoiner(", ");
        for (LeadField f : List.of(LeadField.ADDRESS, LeadField.CITY, LeadField.POSTAL_CODE)) {
            if (values.containsKey(f)) {
                j.add(values.get(f));
            }
        }
        return j.length() == 0 ? null : j.toString();
    }
}
