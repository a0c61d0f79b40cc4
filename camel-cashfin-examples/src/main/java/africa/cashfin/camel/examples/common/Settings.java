package africa.cashfin.camel.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way the flows read their settings: a value by its property name, typed, with an error that names the
 * property and what it must be (so a typo stops the application at start-up with a message, not at the first file or
 * mail). Backed by a map ({@link #of(Map)}: tests, {@link System#getProperties()}) or by any lookup, such as Camel's
 * properties component (the application).
 */
public final class Settings {

    private final Function<String, Optional<String>> lookup;
    private final Function<String, ? extends Collection<String>> keysStartingWith;

    /**
     * @param lookup           a property's value (placeholders resolved), empty when absent
     * @param keysStartingWith the names of the properties that start with a prefix
     */
    public Settings(Function<String, Optional<String>> lookup,
            Function<String, ? extends Collection<String>> keysStartingWith) {
        this.lookup = lookup;
        this.keysStartingWith = keysStartingWith;
    }

    /** The settings in {@code properties}. */
    public static Settings of(Map<?, ?> properties) {
        return new Settings(key -> Optional.ofNullable(properties.get(key)).map(Object::toString),
                prefix -> properties.keySet().stream().map(String::valueOf).filter(k -> k.startsWith(prefix))
                        .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    /** The value as written, or "" when absent. */
    public String text(String key) {
        return lookup.apply(key).orElse("");
    }

    /** The value trimmed, or {@code fallback} when absent or blank. */
    public String string(String key, String fallback) {
        String v = text(key);
        return v.isBlank() ? fallback : v.trim();
    }

    /** A whole number. */
    public int integer(String key) {
        return Math.toIntExact(checkedNumber(key, text(key), Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** A whole number, or {@code fallback} when absent or blank. */
    public int integer(String key, int fallback) {
        return text(key).isBlank() ? fallback : integer(key);
    }

    /** A whole number that may exceed an {@code int} (sizes in bytes). */
    public long number(String key) {
        return checkedNumber(key, text(key), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number that may exceed an {@code int}, or {@code fallback} when absent or blank. */
    public long number(String key, long fallback) {
        return text(key).isBlank() ? fallback : number(key);
    }

    /** A decimal number such as {@code example}, or {@code fallback} when absent or blank. */
    public double decimal(String key, double fallback, String example) {
        String v = text(key);
        if (v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number such as " + example + ", was '" + v + "'");
        }
    }

    /** An ISO-8601 duration such as {@code PT10S} or {@code PT1H}. */
    public Duration duration(String key) {
        String v = text(key);
        try {
            return Duration.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as PT10S or PT1H, was '" + v + "'");
        }
    }

    /** A directory, as an absolute path; created when absent. */
    public Path directory(String key) {
        Path dir = Path.of(text(key)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir, e);
        }
        return dir;
    }

    /** Every property whose name starts with {@code prefix}, by its whole name, as written. */
    public Map<String, String> under(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> keys = new java.util.TreeSet<>(keysStartingWith.apply(prefix));
        for (String k : keys) {
            m.put(k, text(k));
        }
        return m;
    }

    private static long checkedNumber(String key, String v, long min, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }
}
