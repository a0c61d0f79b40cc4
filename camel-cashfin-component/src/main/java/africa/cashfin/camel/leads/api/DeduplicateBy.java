package africa.cashfin.camel.leads.api;

import java.util.Locale;

import africa.cashfin.camel.leads.model.Lead;

/**
 * How {@link CashfinClient#createOrFind} recognises a lead that already exists (find-or-create). Cashfin has no
 * idempotency key, so a create that failed ambiguously (timeout, reset, 500) can only be repeated safely after looking
 * the lead up.
 */
public enum DeduplicateBy {
    /** No look-up: every create creates; an ambiguous failure is reported, never retried. */
    NONE,
    /** Same email address, compared trimmed and case-insensitive. */
    EMAIL,
    /** Same phone number, compared by its digits only ({@code +254 722-000 001} equals {@code 254722000001}). */
    PHONE;

    /**
     * @return the text to search for ({@code search} parameter of list), or null when the lead has no value for this
     *         key (such a lead is created without look-up) or the mode is {@link #NONE}
     */
    public String searchText(Lead lead) {
        String value = switch (this) {
            case NONE -> null;
            case EMAIL -> lead.getEmail();
            case PHONE -> lead.getPhone();
        };
        if (value == null || value.isBlank()) {
            return null;
        }
        if (this == PHONE && digits(value).isEmpty()) {
            return null;
        }
        return value.trim();
    }

    /** @return true when {@code candidate} (a lead from the API) is the same lead as {@code wanted} by this key */
    public boolean matches(Lead wanted, Lead candidate) {
        String key = searchText(wanted);
        if (key == null) {
            return false;
        }
        return switch (this) {
            case NONE -> false;
            case EMAIL -> candidate.getEmail() != null
                    && candidate.getEmail().trim().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT));
            case PHONE -> candidate.getPhone() != null && digits(candidate.getPhone()).equals(digits(key));
        };
    }

    /**
     * Parses the option value ({@code none}, {@code email}, {@code phone}; any case); null or blank is {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DeduplicateBy parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        for (DeduplicateBy d : values()) {
            if (d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("deduplicateBy '" + text + "' is not supported: use none, email or phone");
    }

    static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
