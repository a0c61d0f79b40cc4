package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * An in-memory list endpoint: holds leads, serves offset pages newest-first, oldest-first or in a scrambled order,
 * counts calls, and can change the list before each read (inserts, updates) or fail a call.
 */
final class FakeLeadServer {

    enum Order {
        NEWEST_FIRST,
        OLDEST_FIRST,
        /** Neither: a fixed scramble of the leads. */
        SCRAMBLED
    }

    /** A simulated HTTP failure. */
    static final class ListCallFailed extends RuntimeException {
        ListCallFailed(int call) {
            super("simulated 503 on list call " + call);
        }
    }

    private final Order order;
    private final List<Lead> byAge = new ArrayList<>(); // insertion order == createdat order
    private Instant clock = Instant.parse("2024-01-01T00:00:00Z");
    private Duration step = Duration.ofMinutes(1);
    private long sequence;
    private int calls;
    private int failOnCall = -1;
    private boolean pageInfo = true;
    private int limitCap = Integer.MAX_VALUE;
    private boolean reportsCap;
    /** Leads out of the view (their status no longer matches the endpoint's filter): stored, not listed. */
    private final java.util.Set<String> hidden = new java.util.HashSet<>();
    /** When set, leads sharing a createdat come back in a new random order on every request (MongoDB skip/limit). */
    private java.util.Random tieOrder;
    private int failNextCalls;
    private Consumer<FakeLeadServer> beforeEachRead = server -> {
    };

    FakeLeadServer(Order order) {
        this.order = order;
    }

    /** Inserts one lead at the server clock, then moves the clock one step. */
    Lead insert() {
        Lead lead = insertAt(clock);
        clock = clock.plus(step);
        return lead;
    }

    /** Inserts {@code k} leads, one clock step apart. */
    List<Lead> insert(int k) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            leads.add(insert());
        }
        return leads;
    }

    /** Inserts {@code k} leads all created at the current clock (equal timestamps); the clock does not move. */
    List<Lead> insertSameTime(int k) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            leads.add(insertAt(clock));
        }
        return leads;
    }

    private Lead insertAt(Instant createdat) {
        if (!byAge.isEmpty() && createdat.isBefore(byAge.get(byAge.size() - 1).getCreatedat())) {
            throw new IllegalArgumentException("the fake only appends: createdat must not go back");
        }
        Lead lead = new Lead().setId(String.format("%024x", ++sequence)).setName("Lead " + sequence)
                .setCreatedat(createdat).setUpdatedat(createdat);
        byAge.add(lead);
        return lead;
    }

    /** Moves the server clock. */
    FakeLeadServer advance(Duration duration) {
        clock = clock.plus(duration);
        return this;
    }

    FakeLeadServer step(Duration step) {
        this.step = step;
        return this;
    }

    Instant clock() {
        return clock;
    }

    /** Sets {@code updatedat} of lead {@code id} to the clock, then moves the clock one step. */
    void update(String id) {
        Lead lead = byAge.stream().filter(l -> l.getId().equals(id)).findFirst().orElseThrow();
        lead.setUpdatedat(clock);
        lead.setName(lead.getName() + "'");
        clock = clock.plus(step);
    }

    /** Deletes the {@code count} oldest leads (a user cleaning up old leads in the dashboard). */
    void deleteOldest(int count) {
        byAge.subList(0, count).clear();
    }

    /** Deletes the newest lead (a salesperson picks it up and it leaves a filtered list). */
    void deleteNewest() {
        byAge.remove(byAge.size() - 1);
    }

    /**
     * Inserts {@code k} leads created at the newest lead's instant (a busy CRM creating leads in the same millisecond
     * as the one before): they join that lead's tie group at the top of the list.
     */
    List<Lead> insertAtNewestInstant(int k) {
        Instant at = byAge.isEmpty() ? clock : byAge.get(byAge.size() - 1).getCreatedat();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            leads.add(insertAt(at));
        }
        return leads;
    }

    /** Inserts a lead created at {@code createdat}, keeping the list sorted (a late commit below newer leads). */
    Lead insertLate(Instant createdat) {
        Lead lead = new Lead().setId(String.format("%024x", ++sequence)).setName("Late " + sequence)
                .setCreatedat(createdat).setUpdatedat(createdat);
        int at = 0;
        while (at < byAge.size() && !byAge.get(at).getCreatedat().isAfter(createdat)) {
            at++;
        }
        byAge.add(at, lead);
        return lead;
    }

    /** Lead {@code id} leaves the view (its status changed out of the filter); it stays stored. */
    void hide(String id) {
        hidden.add(id);
    }

    /** Lead {@code id} enters the view (again). */
    void show(String id) {
        hidden.remove(id);
    }

    /** Deletes lead {@code id}. */
    void delete(String id) {
        byAge.removeIf(l -> l.getId().equals(id));
        hidden.remove(id);
    }

    /** Ids of the leads in the view, oldest first. */
    List<String> viewIds() {
        return byAge.stream().map(Lead::getId).filter(id -> !hidden.contains(id)).toList();
    }

    /** Leads sharing a createdat come back in a random order on each request, drawn from {@code random}. */
    FakeLeadServer shuffleTies(java.util.Random random) {
        this.tieOrder = random;
        return this;
    }

    /** Makes the next {@code count} list calls fail. */
    FakeLeadServer failNext(int count) {
        this.failNextCalls = count;
        return this;
    }

    /** Runs {@code change} before every list read (after the call is counted). */
    FakeLeadServer beforeEachRead(Consumer<FakeLeadServer> change) {
        this.beforeEachRead = change;
        return this;
    }

    /** Makes list call number {@code call} (1-based, counted over the server's life) fail. */
    FakeLeadServer failOnCall(int call) {
        this.failOnCall = call;
        return this;
    }

    /** Answers without page info (no total, no page count), as a harsher Cashfin might. */
    FakeLeadServer withoutPageInfo() {
        this.pageInfo = false;
        return this;
    }

    /**
     * Serves at most {@code cap} leads a page whatever {@code limit} asks (page {@code p} is offset
     * {@code (p - 1) x cap}); the page info's {@code limit} says {@code cap} when {@code reportsCap}, else echoes the
     * request (and {@code pages} is counted with the request, as a client deriving it would).
     */
    FakeLeadServer capLimit(int cap, boolean reportsCap) {
        this.limitCap = cap;
        this.reportsCap = reportsCap;
        return this;
    }

    int calls() {
        return calls;
    }

    int size() {
        return byAge.size();
    }

    /** Every lead id, oldest first. */
    List<String> ids() {
        return byAge.stream().map(Lead::getId).toList();
    }

    List<Lead> leads() {
        return List.copyOf(byAge);
    }

    /** {@code GET /business/lead/list?page=&limit=}. */
    LeadPage page(int page, int limit) {
        calls++;
        if (calls == failOnCall || failNextCalls > 0) {
            failNextCalls = Math.max(0, failNextCalls - 1);
            throw new ListCallFailed(calls);
        }
        beforeEachRead.accept(this);
        List<Lead> view = new ArrayList<>(byAge);
        view.removeIf(l -> hidden.contains(l.getId()));
        switch (order) {
            case NEWEST_FIRST -> java.util.Collections.reverse(view);
            case SCRAMBLED -> view.sort(Comparator.comparing(l -> Long.reverse(Long.parseLong(l.getId(), 16) * 0x9E3779B97F4A7C15L)));
            default -> {
            }
        }
        if (tieOrder != null) {
            for (int start = 0, end; start < view.size(); start = end) {
                end = start + 1;
                while (end < view.size() && view.get(end).getCreatedat().equals(view.get(start).getCreatedat())) {
                    end++;
                }
                java.util.Collections.shuffle(view.subList(start, end), tieOrder);
            }
        }
        int total = view.size();
        int served = Math.min(limit, limitCap);
        int reported = reportsCap ? served : limit;
        int pages = (total + reported - 1) / reported;
        int from = Math.min(total, (page - 1) * served);
        int to = Math.min(total, from + served);
        List<Lead> copies = view.subList(from, to).stream().map(Lead::new).toList();
        return new LeadPage(copies, pageInfo ? new PageInfo(total, page, reported, pages) : null);
    }
}
