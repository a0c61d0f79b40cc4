package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The leads whose exchange failed, kept apart from the cursor so that the cursor (and a walk's checkpoints) can move
 * past them once everything else up to there is handled: each poll offers them again from memory, without reading a
 * page (the API has no get-by-id). Lives as long as the {@link LeadScan}; what it holds is saved beside the cursor
 * ({@link ScanCursor#failed()}: id, createdat, attempts, next attempt), and every run starts from what was saved, so
 * after a restart or a leader change the leads are known without their data: the first poll then reads down to the
 * oldest of them once to get it back (see {@link #oldestWithoutData()}).
 * <p>
 * Bounded: at most {@code capacity} leads (the consumer's {@code failedLeadsMax}, at most {@link #MAX_CAPACITY} so that
 * the state row stays under the 4,000 characters of the JDBC column); a failure beyond that is not kept here and holds
 * the cursor back to its {@code createdat} instead, as every failure did before the ledger: each poll then re-reads
 * down to it and offers it again, until it succeeds or is poisoned (see docs/consumer-design.md, "Failed leads").
 * Not thread-safe (one poll at a time).
 */
final class RetryLedger {

    /** The default capacity: the most leads retried apart from the cursor. */
    static final int DEFAULT_CAPACITY = 25;
    /**
     * The largest capacity: about 105 characters a lead in the state row (a 24-character {@code _id}, three instants,
     * the attempts), so 30 leads and the cursor's other fields stay well under the 4,000 characters of
     * {@code JdbcStateRepository}'s column, with room for longer ids.
     */
    static final int MAX_CAPACITY = 30;

    private final int capacity;
    private final Map<String, FailedLead> entries = new LinkedHashMap<>();
    /** The lead as read when it failed, for the entries whose data this node has. */
    private final Map<String, Lead> data = new HashMap<>();

    /** @param capacity the most leads kept, 0 (none: every failure holds the cursor back) to {@link #MAX_CAPACITY} */
    RetryLedger(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("failedLeadsMax must be between 0 and " + MAX_CAPACITY + ", got "
                                               + capacity);
        }
        this.capacity = capacity;
    }

    /** The most leads kept. */
    int capacity() {
        return capacity;
    }

    /**
     * A run starts: the entries become those saved with {@code previous} (another node, or an abandoned run of this
     * one, may have changed them), less those the seen store knows (delivered or poisoned meanwhile); the data of the
     * others is kept.
     */
    void startFrom(ScanCursor previous, SeenLeadStore seen) {
        entries.clear();
        if (previous != null) {
            for (FailedLead lead : previous.failed()) {
                if (!seen.contains(lead.id())) {
                    entries.put(lead.id(), lead);
                }
            }
        }
        data.keySet().retainAll(entries.keySet());
    }

    /** The oldest createdat of the leads known without their data (after a restart or a leader change), or null. */
    Instant oldestWithoutData() {
        Instant oldest = null;
        for (FailedLead lead : entries.values()) {
            if (!data.containsKey(lead.id()) && (oldest == null || lead.created().isBefore(oldest))) {
                oldest = lead.created();
            }
        }
        return oldest;
    }

    /** True when the lead is retried here but its data must be read from the list again. */
    boolean withoutData(String id) {
        return entries.containsKey(id) && !data.containsKey(id);
    }

    /** The entry of a lead, or null. */
    FailedLead get(String id) {
        return entries.get(id);
    }

    /** The leads to offer again from memory, oldest first (the consumer skips those whose wait is not over). */
    List<LeadEvent> offers() {
        List<LeadEvent> events = new ArrayList<>();
        for (FailedLead lead : entries.values()) {
            Lead known = data.get(lead.id());
            if (known != null) {
                events.add(new LeadEvent(known, LeadEventType.CREATED, lead.id(), -1, true, lead));
            }
        }
        events.sort(Comparator.comparing(e -> e.lead().getCreatedat()));
        return events;
    }

    /**
     * Keeps a failed (or waiting) lead, with its data.
     *
     * @param  attempts     failed attempts so far
     * @param  nextAttempt  when it may be offered again, or null
     * @param  firstFailure when it first failed, or null when unknown
     * @return              false when the ledger is full: the caller holds the cursor back instead
     */
    boolean hold(LeadEvent event, int attempts, Instant nextAttempt, Instant firstFailure) {
        String id = event.key();
        if (!entries.containsKey(id) && entries.size() >= capacity) {
            return false;
        }
        entries.put(id, new FailedLead(id, event.lead().getCreatedat(), attempts, nextAttempt, firstFailure));
        data.put(id, event.lead());
        return true;
    }

    /** What is known of the lead's failures: the ledger's entry, else what the event carried (0, null, null). */
    FailedLead known(LeadEvent event) {
        FailedLead entry = entries.get(event.key());
        return entry != null ? entry
                : new FailedLead(event.key(), event.lead().getCreatedat(), event.attempts(), event.nextAttempt(),
                                 event.firstFailure());
    }

    /** The lead was delivered or given up on. */
    void remove(String id) {
        entries.remove(id);
        data.remove(id);
    }

    /** Drops the leads still without data after a complete read down to them: they left the view. Returns them. */
    List<FailedLead> dropWithoutData() {
        List<FailedLead> gone = new ArrayList<>();
        entries.values().removeIf(lead -> {
            boolean missing = !data.containsKey(lead.id());
            if (missing) {
                gone.add(lead);
            }
            return missing;
        });
        return gone;
    }

    /** What is saved beside the cursor, oldest first. */
    List<FailedLead> snapshot() {
        List<FailedLead> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing(FailedLead::created));
        return all;
    }

    int size() {
        return entries.size();
    }
}
