package africa.cashfin.camel.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The thread-safe in-memory lead store. Keeps leads in creation order (for inspection) and sorted by
 * ({@code createdat}, {@code _id}) (for listing), under one read-write lock.
 */
final class LeadStore {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-f]{24}");

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<StoredLead> creationOrder = new ArrayList<>();
    private final List<StoredLead> sorted = new ArrayList<>();
    private final Map<String, StoredLead> byId = new HashMap<>();
    /** Leads stored but not yet in the list (late visibility), in the order they were stored. */
    private final List<StoredLead> late = new ArrayList<>();
    private final ObjectIdGenerator ids;
    private final Clock clock;

    LeadStore(Clock clock, long idSeed) {
        this.clock = clock;
        this.ids = new ObjectIdGenerator(idSeed);
    }

    /**
     * Stores a lead from validated input fields ({@code name} plus optional documented fields).
     *
     * @param input        validated request fields
     * @param sourceOrigin {@code api} or {@code dashboard}
     * @param lateMillis   how long the lead stays out of the list (its {@code createdat} stays the creation time);
     *                     0 for at once
     * @return snapshot of the stored lead
     */
    Map<String, Object> create(Map<String, Object> input, String sourceOrigin, long lateMillis) {
        Instant now = clock.instant();
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        for (String f : LeadFields.ALL) {
            fields.put(f, input.get(f));
        }
        String id = ids.next(now);
        String ts = LeadFields.format(now);
        fields.put("_id", id);
        if (fields.get("status") == null) {
            fields.put("status", "new");
        }
        fields.put("sourceorigin", sourceOrigin);
        fields.put("active", Boolean.TRUE);
        fields.put("createdat", ts);
        fields.put("updatedat", ts);
        return insert(new StoredLead(id, now, fields), lateMillis);
    }

    /**
     * Stores a lead for test setup; any documented field may be given, including {@code _id}, {@code createdat},
     * {@code updatedat}, {@code sourceorigin} and {@code active}. Missing ones get the usual defaults.
     *
     * @param given lead fields
     * @return snapshot of the stored lead
     */
    Map<String, Object> add(Map<String, ?> given) {
        return add(given, 0);
    }

    /**
     * Like {@link #add(Map)}, the lead staying out of the list for {@code lateMillis} after now.
     *
     * @param given      lead fields
     * @param lateMillis 0 for visible at once
     * @return snapshot of the stored lead
     */
    Map<String, Object> add(Map<String, ?> given, long lateMillis) {
        Object name = given.get("name");
        if (name == null || name.toString().isBlank()) {
            throw new IllegalArgumentException("A lead needs a non-blank 'name'");
        }
        for (String key : given.keySet()) {
            if (!LeadFields.ALL.contains(key)) {
                throw new IllegalArgumentException("Unknown lead field '" + key + "': use one of " + LeadFields.ALL);
            }
        }
        Instant created = instant(given.get("createdat"), clock.instant(), "createdat");
        Instant updated = instant(given.get("updatedat"), created, "updatedat");
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        for (String f : LeadFields.ALL) {
            fields.put(f, given.get(f));
        }
        String id = given.get("_id") == null ? ids.next(created) : given.get("_id").toString();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'_id' must be 24 lower-case hex digits, got '" + id + "'");
        }
        fields.put("_id", id);
        if (fields.get("status") == null) {
            fields.put("status", "new");
        }
        if (fields.get("sourceorigin") == null) {
            fields.put("sourceorigin", "api");
        }
        if (fields.get("active") == null) {
            fields.put("active", Boolean.TRUE);
        }
        fields.put("createdat", LeadFields.format(created));
        fields.put("updatedat", LeadFields.format(updated));
        return insert(new StoredLead(id, created, fields), lateMillis);
    }

    private static Instant instant(Object value, Instant fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Instant) {
            return (Instant) value;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + field + "' must be an ISO-8601 UTC instant like 2024-01-15T12:00:00.000Z, got '" + value + "'");
        }
    }

    private Map<String, Object> insert(StoredLead lead, long lateMillis) {
        lock.writeLock().lock();
        try {
            if (byId.containsKey(lead.id)) {
                throw new IllegalArgumentException("A lead with _id " + lead.id + " already exists");
            }
            if (lateMillis > 0) {
                lead.visibleFrom = clock.instant().plusMillis(lateMillis);
                late.add(lead);
            }
            int size = sorted.size();
            if (size == 0 || StoredLead.OLDEST_FIRST.compare(sorted.get(size - 1), lead) <= 0) {
                sorted.add(lead); // the usual case: newest so far
            } else {
                int pos = Collections.binarySearch(sorted, lead, StoredLead.OLDEST_FIRST);
                sorted.add(pos < 0 ? -(pos + 1) : pos, lead);
            }
            creationOrder.add(lead);
            byId.put(lead.id, lead);
            return lead.snapshot();
        } finally {
            lock.writeLock().unlock();
        }
    }

    LeadPage list(LeadQuery q, SortOrder order) {
        return list(q, order, 0, null);
    }

    /**
     * One page of the list: the leads visible now (late ones whose time has come join it first) that match the
     * query, in {@code order}.
     *
     * @param malformedEveryNth when {@code > 0}, every n-th stored lead (by {@code createdat}, oldest first: the n-th,
     *                          2n-th, ...) is rendered broken, see {@link #malformedKind}
     * @param ties              when not null, each group of leads sharing one {@code createdat} is shuffled with it
     *                          before the page is cut (so a group across a page edge is shuffled whole); null keeps
     *                          ties ordered by {@code _id}
     */
    LeadPage list(LeadQuery q, SortOrder order, int malformedEveryNth, java.util.Random ties) {
        publishDueLateLeads();
        long offset = (long) (q.page - 1) * q.limit;
        List<Object> out = new ArrayList<>(Math.min(q.limit, 16));
        lock.readLock().lock();
        try {
            int size = sorted.size();
            if (q.unfiltered() && late.isEmpty() && ties == null) {
                for (long i = offset; i < size && i < offset + q.limit; i++) {
                    int idx = order == SortOrder.NEWEST_FIRST ? size - 1 - (int) i : (int) i;
                    out.add(render(idx, malformedEveryNth));
                }
                return new LeadPage(out, size, q.page, q.limit);
            }
            if (ties != null) {
                List<Integer> view = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    int idx = order == SortOrder.NEWEST_FIRST ? size - 1 - i : i;
                    if (inView(sorted.get(idx), q)) {
                        view.add(idx);
                    }
                }
                shuffleTieGroups(view, ties);
                for (long i = offset; i < view.size() && i < offset + q.limit; i++) {
                    out.add(render(view.get((int) i), malformedEveryNth));
                }
                return new LeadPage(out, view.size(), q.page, q.limit);
            }
            long matched = 0;
            for (int i = 0; i < size; i++) {
                int idx = order == SortOrder.NEWEST_FIRST ? size - 1 - i : i;
                if (inView(sorted.get(idx), q)) {
                    if (matched >= offset && matched < offset + q.limit) {
                        out.add(render(idx, malformedEveryNth));
                    }
                    matched++;
                }
            }
            return new LeadPage(out, matched, q.page, q.limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static boolean inView(StoredLead lead, LeadQuery q) {
        return lead.visibleFrom == null && lead.matches(q.searchLower, q.status, q.source);
    }

    /** Shuffles each run of equal {@code createdat} in {@code view} (sorted indices in list order). */
    private void shuffleTieGroups(List<Integer> view, java.util.Random random) {
        int start = 0;
        while (start < view.size()) {
            Instant at = sorted.get(view.get(start)).createdAt;
            int end = start + 1;
            while (end < view.size() && sorted.get(view.get(end)).createdAt.equals(at)) {
                end++;
            }
            if (end - start > 1) {
                Collections.shuffle(view.subList(start, end), random);
            }
            start = end;
        }
    }

    /** Late leads whose time has come join the list. */
    private void publishDueLateLeads() {
        lock.readLock().lock();
        try {
            if (late.isEmpty()) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        Instant now = clock.instant();
        lock.writeLock().lock();
        try {
            late.removeIf(lead -> {
                if (lead.visibleFrom.isAfter(now)) {
                    return false;
                }
                lead.visibleFrom = null;
                return true;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return the ids of the leads stored but not yet visible in the list, in the order they were stored */
    List<String> lateIds() {
        publishDueLateLeads();
        lock.readLock().lock();
        try {
            return late.stream().map(l -> l.id).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private JsonWriter.Raw render(int sortedIndex, int malformedEveryNth) {
        StoredLead lead = sorted.get(sortedIndex);
        int kind = malformedKind(sortedIndex, malformedEveryNth);
        return kind < 0 ? lead.json() : lead.malformedJson(kind);
    }

    /** -1 for a well-formed lead, else which way it is broken (cycles through the three kinds). */
    private static int malformedKind(int sortedIndex, int everyNth) {
        if (everyNth <= 0 || (sortedIndex + 1) % everyNth != 0) {
            return -1;
        }
        return ((sortedIndex + 1) / everyNth - 1) % 3;
    }

    /**
     * @param everyNth as for {@link #list(LeadQuery, SortOrder, int)}
     * @return the ids of the leads served broken, oldest first
     */
    List<String> malformedIds(int everyNth) {
        lock.readLock().lock();
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                if (malformedKind(i, everyNth) >= 0) {
                    ids.add(sorted.get(i).id);
                }
            }
            return ids;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The first {@code count} leads of the list as a client with this query pages it (the newest when newest first)
     * leave it: deleted, or their status changes so a {@code status=} filter no longer matches them.
     *
     * @return the leads that left, as they are now (deleted ones as they were)
     */
    List<Map<String, Object>> leave(LeadQuery q, SortOrder order, int count, Departure how) {
        List<Map<String, Object>> left = new ArrayList<>();
        lock.writeLock().lock();
        try {
            int size = sorted.size();
            List<StoredLead> leaving = new ArrayList<>();
            for (int i = 0; i < size && leaving.size() < count; i++) {
                StoredLead lead = sorted.get(order == SortOrder.NEWEST_FIRST ? size - 1 - i : i);
                if (inView(lead, q)) {
                    leaving.add(lead);
                }
            }
            for (StoredLead lead : leaving) {
                if (how == Departure.DELETED) {
                    sorted.remove(lead);
                    creationOrder.remove(lead);
                    byId.remove(lead.id);
                } else {
                    lead.update("new".equalsIgnoreCase(lead.status()) ? "contacted" : "qualified", clock.instant());
                }
                left.add(lead.snapshot());
            }
            return left;
        } finally {
            lock.writeLock().unlock();
        }
    }

    Map<String, Object> updateStatus(String id, String status) {
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("A status is needed, e.g. contacted, qualified, converted or lost");
        }
        return updateField(id, "status", status);
    }

    Map<String, Object> updateSource(String id, String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("A source is needed, e.g. website, referral or ad");
        }
        return updateField(id, "source", source);
    }

    private Map<String, Object> updateField(String id, String field, String value) {
        lock.writeLock().lock();
        try {
            StoredLead lead = byId.get(id);
            if (lead == null) {
                throw new NoSuchElementException("No lead with _id " + id);
            }
            lead.update(field, value, clock.instant());
            return lead.snapshot();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * CRM users at work: {@code count} times, a lead picked uniformly at random among the visible leads not yet
     * converted or lost moves one step along the pipeline: {@code new} to {@code contacted}, {@code contacted} to
     * {@code qualified}, {@code qualified} to {@code converted} or {@code lost} (even chances), any other status to
     * {@code contacted}; {@code updatedat} moves to now. It may so leave one filtered view and enter another.
     *
     * @return the leads changed, as they are now, in the order of the changes
     */
    List<Map<String, Object>> advanceRandomLeads(int count, java.util.Random random) {
        List<Map<String, Object>> changed = new ArrayList<>(count);
        lock.writeLock().lock();
        try {
            List<StoredLead> open = new ArrayList<>();
            for (StoredLead lead : sorted) {
                if (lead.visibleFrom == null && !isClosed(lead.status())) {
                    open.add(lead);
                }
            }
            Instant now = clock.instant();
            for (int i = 0; i < count && !open.isEmpty(); i++) {
                int pick = random.nextInt(open.size());
                StoredLead lead = open.get(pick);
                String next = nextStatus(lead.status(), random);
                lead.update(next, now);
                if (isClosed(next)) {
                    open.set(pick, open.get(open.size() - 1));
                    open.remove(open.size() - 1);
                }
                changed.add(lead.snapshot());
            }
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static boolean isClosed(String status) {
        return "converted".equalsIgnoreCase(status) || "lost".equalsIgnoreCase(status);
    }

    private static String nextStatus(String status, java.util.Random random) {
        if ("new".equalsIgnoreCase(status)) {
            return "contacted";
        }
        if ("contacted".equalsIgnoreCase(status)) {
            return "qualified";
        }
        if ("qualified".equalsIgnoreCase(status)) {
            return random.nextBoolean() ? "converted" : "lost";
        }
        return "contacted";
    }

    List<Map<String, Object>> all() {
        lock.readLock().lock();
        try {
            List<Map<String, Object>> out = new ArrayList<>(creationOrder.size());
            for (StoredLead l : creationOrder) {
                out.add(l.snapshot());
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return creationOrder.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    void clear() {
        lock.writeLock().lock();
        try {
            creationOrder.clear();
            late.clear();
            sorted.clear();
            byId.clear();
            ids.reset();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
