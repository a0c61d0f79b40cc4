package africa.cashfin.camel.examples.csv;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import africa.cashfin.camel.examples.common.HeaderNormalizer;

/**
 * The column names of one CRM's or ad platform's lead export and what they mean, plus the marker columns that identify
 * such a file when the preset is chosen automatically.
 *
 * @param name                 the preset's name in configuration, e.g. {@code hubspot}
 * @param defaultSource        the lead source used when a row has no source column value, e.g. {@code facebook}
 * @param columns              export column name (as written in the export) to lead field
 * @param markers              column names found in this export and (nearly) nowhere else
 * @param caseSensitiveMarkers true when markers must match exactly (API names like {@code FirstName}), false when they
 *                             are compared like headers ({@link HeaderNormalizer})
 */
public record MappingPreset(String name, String defaultSource, Map<String, LeadField> columns, List<String> markers,
        boolean caseSensitiveMarkers) {

    /** A preset needs at least this many marker columns in a header row to be chosen automatically. */
    public static final int MIN_MARKERS = 2;

    public MappingPreset {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        markers = List.copyOf(markers);
    }

    /** How many of this preset's markers appear in {@code headers}. */
    public int score(Collection<String> headers) {
        if (caseSensitiveMarkers) {
            Set<String> raw = headers.stream().map(h -> h == null ? "" : h.replace("\uFEFF", "").trim())
                    .collect(Collectors.toSet());
            return (int) markers.stream().filter(raw::contains).count();
        }
        Set<String> normalized = headers.stream().map(HeaderNormalizer::normalize).collect(Collectors.toSet());
        return (int) markers.stream().map(HeaderNormalizer::normalize).filter(normalized::contains).count();
    }
}
