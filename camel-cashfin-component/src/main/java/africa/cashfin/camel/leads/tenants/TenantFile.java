package africa.cashfin.camel.leads.tenants;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The tenant table as a properties file (UTF-8), one line per field of a row: {@code <tenant id>.<field> = value},
 * e.g. {@code acme.clientSecret = {{env:ACME_SECRET}}} and {@code acme.status = qualified}. A key without a field
 * ({@code acme = x}) makes a row that fails its check, naming the key. Replace the file in one step (write a new file
 * and rename it over this one): a read during which the file's size or time changes fails and is tried again.
 */
public final class TenantFile implements TenantSource {

    private final Path file;

    public TenantFile(Path file) {
        this.file = file;
    }

    @Override
    public List<TenantEntry> read() throws Exception {
        Properties properties = new Properties();
        String before = version();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        if (!before.equals(version())) {
            throw new IllegalStateException("the file changed while it was read (replace it in one step: write a new"
                                            + " file and rename it over this one)");
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            int dot = key.indexOf('.');
            String id = dot < 0 ? key : key.substring(0, dot);
            String field = dot < 0 ? "" : key.substring(dot + 1);
            String value = properties.getProperty(key).trim();
            Map<String, String> fields = rows.computeIfAbsent(id, k -> new LinkedHashMap<>());
            if (!value.isEmpty() || field.isEmpty()) {
                fields.put(field, value);
            }
        });
        List<TenantEntry> entries = new ArrayList<>();
        rows.forEach((id, fields) -> entries.add(new TenantEntry(id, fields)));
        return entries;
    }

    /** The file's size and modification time: a read during which they change is not used. */
    private String version() throws java.io.IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
