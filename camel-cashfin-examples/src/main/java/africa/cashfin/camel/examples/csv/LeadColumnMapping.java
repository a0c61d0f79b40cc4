package africa.cashfin.camel.examples.csv;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import africa.cashfin.camel.examples.common.HeaderNormalizer;

/**
 * Decides which lead field each CSV column fills. Headers are compared {@link HeaderNormalizer normalized}, so case,
 * spaces, punctuation and underscores do not matter.
 * <p>
 * Three layers, the later one winning: the built-in {@link MappingPresets#ALIASES aliases}; the columns of a
 * {@link MappingPresets#PRESETS preset} (HubSpot, Salesforce, Facebook Lead Ads, Google Ads, LinkedIn), chosen by name
 * or detected from the header row; the user's own mapping (property {@code cashfin.csv.mapping.<column>=<field>}).
 * Instances are immutable and thread-safe.
 */
public final class LeadColumnMapping {

    /** Preset value meaning "detect the preset from the header row". */
    public static final String AUTO = "auto";
    /** Preset value meaning "aliases only". */
    public static final String GENERIC = "generic";
    /** Prefix of user mapping properties: {@code cashfin.csv.mapping.<column>=<field>}. */
    public static final String PROPERTY_PREFIX = "cashfin.csv.mapping.";

    private final String name;
    private final String defaultSource;
    private final Map<String, LeadField> byNormalizedHeader;

    private LeadColumnMapping(String name, String defaultSource, Map<String, LeadField> byNormalizedHeader) {
        this.name = name;
        this.defaultSource = defaultSource;
        this.byNormalizedHeader = Map.copyOf(byNormalizedHeader);
    }

    /** The aliases only, no preset. */
    public static LeadColumnMapping generic() {
        return new LeadColumnMapping(GENERIC, null, MappingPresets.ALIASES);
    }

    /**
     * The aliases plus the named preset's columns.
     *
     * @throws IllegalArgumentException when there is no such preset (the message lists the ones there are)
     */
    public static LeadColumnMapping preset(String presetName) {
        String key = presetName == null ? "" : presetName.trim().toLowerCase(Locale.ROOT);
        if (key.equals(GENERIC)) {
            return generic();
        }
        MappingPreset preset = MappingPresets.PRESETS.get(key);
        if (preset == null) {
            throw new IllegalArgumentException("Unknown CSV mapping preset '" + presetName + "'. Use one of: "
                    + String.join(", ", presetNames()) + ", " + GENERIC + " or " + AUTO + ".");
        }
        Map<String, LeadField> m = new LinkedHashMap<>(MappingPresets.ALIASES);
        preset.columns().forEach((header, field) -> m.put(HeaderNormalizer.normalize(header), field));
        return new LeadColumnMapping(preset.name(), preset.defaultSource(), m);
    }

    /** The names of the built-in presets. */
    public static Set<String> presetNames() {
        return MappingPresets.PRESETS.keySet();
    }

    /**
     * The preset whose marker columns appear in {@code headers} most often, if at least
     * {@value MappingPreset#MIN_MARKERS} do and no other preset scores the same.
     */
    public static Optional<String> detectPreset(Collection<String> headers) {
        List<Map.Entry<String, Integer>> scores = MappingPresets.PRESETS.values().stream()
                .map(p -> Map.entry(p.name(), p.score(headers)))
                .filter(e -> e.getValue() >= MappingPreset.MIN_MARKERS)
                .sorted(Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed())
                .toList();
        if (scores.isEmpty() || scores.size() > 1 && scores.get(0).getValue().equals(scores.get(1).getValue())) {
            return Optional.empty();
        }
        return Optional.of(scores.get(0).getKey());
    }

    /**
     * The mapping for one file: the preset ({@code presetName}: a preset name, {@value #GENERIC}, or
     * {@value #AUTO}/blank to detect it from {@code headers}) with the user mapping on top.
     *
     * @param headers     the file's header row
     * @param presetName  preset name, {@code generic}, {@code auto} or null
     * @param userMapping column to field name (see {@link #withUserMapping(Map)}); may be null
     */
    public static LeadColumnMapping resolve(Collection<String> headers, String presetName,
            Map<String, String> userMapping) {
        LeadColumnMapping base;
        if (presetName == null || presetName.isBlank() || presetName.trim().equalsIgnoreCase(AUTO)) {
            base = detectPreset(headers).map(LeadColumnMapping::preset).orElseGet(LeadColumnMapping::generic);
        } else {
            base = preset(presetName);
        }
        return userMapping == null || userMapping.isEmpty() ? base : base.withUserMapping(userMapping);
    }

    /**
     * This mapping with the user's columns on top.
     *
     * @param userMapping column header (any spelling) to field name ({@link LeadField#key()}, e.g. {@code jobtitle},
     *                    or {@code ignore})
     * @throws IllegalArgumentException when a field name is unknown (the message lists the accepted ones)
     */
    public LeadColumnMapping withUserMapping(Map<String, String> userMapping) {
        Map<String, LeadField> m = new LinkedHashMap<>(byNormalizedHeader);
        userMapping.forEach((column, fieldName) -> {
            LeadField field = LeadField.parse(fieldName).orElseThrow(() -> new IllegalArgumentException(
                    "CSV mapping for column '" + column + "' names an unknown field '" + fieldName + "'. Use one of: "
                            + LeadField.allowedKeys() + "."));
            m.put(HeaderNormalizer.normalize(column), field);
        });
        return new LeadColumnMapping(name + "+user", defaultSource, m);
    }

    /**
     * The user mapping found in {@code properties}: every key {@code cashfin.csv.mapping.<column>} with its value,
     * e.g. {@code cashfin.csv.mapping.Ref\ Person=name} or {@code cashfin.csv.mapping.refperson=name}.
     */
    public static Map<String, String> userMappingFromProperties(Map<?, ?> properties) {
        Map<String, String> m = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length() && v != null) {
                m.put(key.substring(PROPERTY_PREFIX.length()), String.valueOf(v).trim());
            }
        });
        return m;
    }

    /** The field {@code header} fills, or empty when the column is not known. */
    public Optional<LeadField> fieldFor(String header) {
        return Optional.ofNullable(byNormalizedHeader.get(HeaderNormalizer.normalize(header)));
    }

    /** The headers of {@code headers} that no alias, preset or user mapping knows (to log once per file). */
    public List<String> unmappedColumns(Collection<String> headers) {
        return headers.stream().filter(h -> fieldFor(h).isEmpty()).toList();
    }

    /** Header to field for every known column of {@code headers}, in header order (to log once per file). */
    public Map<String, LeadField> describe(Collection<String> headers) {
        Map<String, LeadField> m = new LinkedHashMap<>();
        headers.forEach(h -> fieldFor(h).ifPresent(f -> m.put(h, f)));
        return m;
    }

    /** The preset's name ({@code generic} for aliases only), with {@code +user} when a user mapping is applied. */
    public String name() {
        return name;
    }

    /** The lead source for rows without a source value, e.g. {@code facebook}; null for the generic mapping. */
    public String defaultSource() {
        return defaultSource;
    }

    @Override
    public String toString() {
        return "LeadColumnMapping[" + name + "]";
    }
}
