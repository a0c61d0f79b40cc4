package africa.cashfin.camel.examples.csv;

import java.util.Collection;
import java.util.Map;

import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.examples.common.Settings;

/**
 * The CSV import's settings, read once from configuration, and the per-file {@link CsvRowMapper} they give (the preset
 * may be detected from each file's header row).
 * <p>
 * Properties: {@value #PRESET} (a preset name, {@code generic} or {@code auto}; default {@code auto}),
 * {@code cashfin.csv.mapping.<column>=<field>} (user mapping), {@value #PHONE_REGION} (ISO 3166 region for national
 * phone numbers, e.g. {@code KE}; default none), {@value #SOURCE} (lead source when neither the row nor the preset
 * gives one; default {@code csv}), {@value #PROGRESS_EVERY} (progress line every N rows; default 100) and
 * {@value #SHEET} (the sheet of an Excel workbook to read; default none: the first sheet with a header row).
 *
 * @param preset         preset name, {@code generic} or {@code auto}
 * @param userMapping    column to field name
 * @param phoneRegion    default phone region, or null
 * @param fallbackSource source for rows without one
 * @param progressEvery  progress line every this many rows, 0 for none
 * @param sheet          the name of the workbook sheet to read, or null for the first sheet with a header row
 */
public record CsvImportSettings(String preset, Map<String, String> userMapping, String phoneRegion,
        String fallbackSource, int progressEvery, String sheet) {

    /** Property: the preset. */
    public static final String PRESET = "cashfin.csv.preset";
    /** Property: the default phone region. */
    public static final String PHONE_REGION = "cashfin.phone.default-region";
    /** Property: the fallback lead source. */
    public static final String SOURCE = "cashfin.csv.source";
    /** Property: progress interval in rows. */
    public static final String PROGRESS_EVERY = "cashfin.csv.progress-every";
    /** Property: the workbook sheet to read. */
    public static final String SHEET = "cashfin.csv.sheet";

    /** The settings without a sheet name (workbooks: the first sheet with a header row). */
    public CsvImportSettings(String preset, Map<String, String> userMapping, String phoneRegion,
            String fallbackSource, int progressEvery) {
        this(preset, userMapping, phoneRegion, fallbackSource, progressEvery, null);
    }

    /**
     * Checks the settings now, so a typo in a preset, field or region name stops the application at start-up with a
     * message, not at the first file.
     *
     * @throws IllegalArgumentException when a setting is invalid
     */
    public CsvImportSettings {
        userMapping = Map.copyOf(userMapping);
        if (preset != null && !preset.isBlank() && !preset.trim().equalsIgnoreCase(LeadColumnMapping.AUTO)) {
            LeadColumnMapping.preset(preset);
        }
        LeadColumnMapping.generic().withUserMapping(userMapping);
        new PhoneNormalizer(phoneRegion);
        if (progressEvery < 0) {
            throw new IllegalArgumentException(PROGRESS_EVERY + " must be 0 (off) or more, was " + progressEvery);
        }
    }

    /**
     * The settings in {@code properties} (e.g. {@link System#getProperties()}), defaults for what is absent.
     *
     * @throws IllegalArgumentException when a setting is invalid (the message names the property)
     */
    public static CsvImportSettings fromProperties(Map<?, ?> properties) {
        return from(Settings.of(properties));
    }

    /**
     * The settings in {@code settings}, defaults for what is absent.
     *
     * @throws IllegalArgumentException when a setting is invalid (the message names the property)
     */
    public static CsvImportSettings from(Settings settings) {
        return new CsvImportSettings(settings.string(PRESET, LeadColumnMapping.AUTO),
                LeadColumnMapping.userMappingFromProperties(settings.under(LeadColumnMapping.PROPERTY_PREFIX)),
                settings.string(PHONE_REGION, null), settings.string(SOURCE, "csv"),
                settings.integer(PROGRESS_EVERY, 100), settings.string(SHEET, null));
    }

    /** The row mapper for a file with these {@code headers}. */
    public CsvRowMapper mapperFor(Collection<String> headers) {
        return new CsvRowMapper(LeadColumnMapping.resolve(headers, preset, userMapping),
                new PhoneNormalizer(phoneRegion), fallbackSource);
    }
}
