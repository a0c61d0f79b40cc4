package africa.cashfin.camel.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One lead in the {@link LeadStore}: its rendered fields plus the sort key. Mutated only under the store lock. */
final class StoredLead {

    /** Ascending by creation instant, then by {@code _id}. */
    static final Comparator<StoredLead> OLDEST_FIRST = (a, b) -> {
        int c = a.createdAt.compareTo(b.createdAt);
        return c != 0 ? c : a.id.compareTo(b.id);
    };

    final String id;
    final Instant createdAt;
    private final LinkedHashMap<String, Object> fields;
    /** When a late lead enters the list (see {@link LeadStore}); null once it is visible. Under the store lock. */
    Instant visibleFrom;
    /** Cached rendering of {@link #fields}; cleared on update. */
    private volatile JsonWriter.Raw json;

    StoredLead(String id, Instant createdAt, LinkedHashMap<String, Object> fields) {
        this.id = id;
        this.createdAt = createdAt;
        this.fields = fields;
    }

    /** @return a copy of the fields, safe to hand out */
    Map<String, Object> snapshot() {
        return new LinkedHashMap<>(fields);
    }

    /** @return the lead rendered as JSON (cached; call under the store's read or write lock) */
    JsonWriter.Raw json() {
        JsonWriter.Raw j = json;
        if (j == null) {
            j = new JsonWriter.Raw(JsonWriter.write(fields));
            json = j;
        }
        return j;
    }

    /**
     * The lead rendered broken, as a harsher Cashfin might send a record: kind 0 without {@code createdat}, kind 1 with
     * a {@code createdat} that is not ISO-8601, kind 2 without {@code _id}.
     *
     * @param kind 0, 1 or 2
     * @return the broken JSON
     */
    JsonWriter.Raw malformedJson(int kind) {
        LinkedHashMap<String, Object> broken = new LinkedHashMap<>(fields);
        switch (kind) {
            case 0 -> broken.remove("createdat");
            case 1 -> broken.put("createdat", "15/01/2024 12:00");
            default -> broken.remove("_id");
        }
        return new JsonWriter.Raw(JsonWriter.write(broken));
    }

    /** @return the current status */
    String status() {
        Object s = fields.get("status");
        return s == null ? null : s.toString();
    }

    void update(String status, Instant now) {
        update("status", status, now);
    }

    /** Sets {@code status} or {@code source} and moves {@code updatedat} to {@code now}. */
    void update(String field, String value, Instant now) {
        json = null;
        fields.put(field, value);
        fields.put("updatedat", LeadFields.format(now));
    }

    boolean matches(String searchLower, String status, String source) {
        if (status != null && !equalsIgnoreCase(fields.get("status"), status)) {
            return false;
        }
        if (source != null && !equalsIgnoreCase(fields.get("source"), source)) {
            return false;
        }
        if (searchLower != null) {
            for (String f : LeadFields.SEARCHED) {
                Object v = fields.get(f);
                if (v != null && v.toString().toLowerCase(Locale.ROOT).contains(searchLower)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean equalsIgnoreCase(Object value, String wanted) {
        return value != null && value.toString().equalsIgnoreCase(wanted);
    }
}
