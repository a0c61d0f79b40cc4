package africa.cashfin.camel.examples.common;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Writes phone numbers in E.164 ({@code +254722000001}) with libphonenumber.
 * <p>
 * A number with a country code ({@code +254 722 000 001}, {@code 00254722000001}) is always normalised. A national
 * number ({@code 0722 000 001}) is read for the lead's own country when the caller knows it, else for the configured
 * default region; with neither it is kept as typed. A number that is not valid for its region is kept exactly as typed
 * and a warning says so: the lead is still imported (a phone number in an odd format is better than none) and the user
 * is told.
 * Instances are immutable and thread-safe.
 */
public final class PhoneNormalizer {

    /** The outcome: the value to store (null for a blank input) and a warning, or null when there is none. */
    public record Result(String value, String warning) {
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 two-letter region for numbers without a country code (e.g. {@code KE}); null or
     *                      blank for none
     * @throws IllegalArgumentException when the region is not one libphonenumber knows
     */
    public PhoneNormalizer(String defaultRegion) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            this.defaultRegion = null;
        } else {
            String r = defaultRegion.trim().toUpperCase(Locale.ROOT);
            if (!UTIL.getSupportedRegions().contains(r)) {
                throw new IllegalArgumentException("Unknown phone region '" + defaultRegion
                        + "': use an ISO 3166 two-letter country code such as KE, NG, ZA or GH.");
            }
            this.defaultRegion = r;
        }
    }

    /** The configured default region, or null. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** {@code raw} normalised for the default region. */
    public Result normalize(String raw) {
        return normalize(raw, null);
    }

    /**
     * {@code raw} normalised, reading a national number for {@code leadRegion} when given (a region code from
     * {@link CountryRegions}), else for the default region.
     */
    public Result normalize(String raw, String leadRegion) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, null);
        }
        String typed = raw.strip();
        String candidate = typed.startsWith("00") ? "+" + typed.substring(2) : typed;
        String region = leadRegion != null && UTIL.getSupportedRegions().contains(leadRegion) ? leadRegion
                : defaultRegion;
        boolean international = candidate.startsWith("+");
        if (!international && region == null) {
            return new Result(typed, null);
        }
        try {
            PhoneNumber number = UTIL.parse(candidate, international ? "ZZ" : region);
            if (!UTIL.isValidNumber(number)) {
                return new Result(typed, "'" + typed + "' is not a valid phone number"
                        + (international ? "" : " for " + region) + "; kept as given");
            }
            return new Result(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
        } catch (NumberParseException e) {
            return new Result(typed, "'" + typed + "' is not a phone number (" + e.getMessage() + "); kept as given");
        }
    }
}
