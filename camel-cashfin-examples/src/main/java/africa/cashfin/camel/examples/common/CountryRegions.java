package africa.cashfin.camel.examples.common;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ISO 3166 two-letter region of a country as people write it in a CSV ({@code KE}, {@code KEN},
 * {@code Kenya}, {@code kenya}, {@code Côte d'Ivoire}), so a phone number without a country code can be read for the
 * lead's own country rather than the configured default.
 */
public final class CountryRegions {

    private static final Map<String, String> BY_NAME = byName();

    private CountryRegions() {
    }

    /** The two-letter region code for {@code country}, or empty when it is blank or not recognised. */
    public static Optional<String> regionOf(String country) {
        String n = HeaderNormalizer.normalize(country);
        return n.isEmpty() ? Optional.empty() : Optional.ofNullable(BY_NAME.get(n));
    }

    private static Map<String, String> byName() {
        Map<String, String> m = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale l = new Locale.Builder().setRegion(code).build();
            m.put(HeaderNormalizer.normalize(code), code);
            m.put(HeaderNormalizer.normalize(l.getISO3Country()), code);
            m.put(HeaderNormalizer.normalize(l.getDisplayCountry(Locale.ENGLISH)), code);
            m.put(HeaderNormalizer.normalize(l.getDisplayCountry(Locale.FRENCH)), code);
        }
        m.put("ivorycoast", "CI");
        m.put("uk", "GB");
        m.put("usa", "US");
        m.put("drc", "CD");
        m.put("drcongo", "CD");
        return Map.copyOf(m);
    }
}
