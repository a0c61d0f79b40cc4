package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * One poll of a {@link LeadScan}: asks for pages one at a time ({@link #nextRequest()}), takes each page back
 * ({@link #accept(LeadPage)}) and answers with the leads to emit now, oldest first. Outcomes are reported per lead;
 * {@link #finish()} saves the new cursor once the run is done, {@link #abandon()} drops the run without saving. See
 * docs/consumer-design.md for the algorithm.
 */
public final class ScanRun {

    private enum Phase {
        /** Read page 1 to learn the order and the page count. */
        PROBE,
        /** Page 1 had equal timestamps only: read the last page to compare. */
        PROBE_LAST,
        /** startFrom=now, oldest first: read the last page to find the newest lead. */
        NOW_LAST,
        /** Newest first with a floor: read page 1, 2, ... buffering new leads until one older than the floor. */
        FORWARD_NEWEST,
        /** Newest first, buffer full: keep reading forward (no buffering) to the page holding the floor. */
        SEEK_BOUNDARY,
        /** Newest first: walk from the oldest page to page 1, checking continuity against the frontier. */
        BACKWARD,
        /** Oldest first: check the page jumped to starts below the floor, else step back. */
        VERIFY_OLDEST,
        /** Oldest first: read forward to the end. */
        FORWARD_OLDEST,
        /** No usable order: read every page, dedupe by seen keys. */
        FULL,
        DONE,
        ABANDONED
    }

    private record Item(Lead lead, long position) {
    }

    private static final int MAX_FULL_PASSES = 3;

    private final LeadScan owner;
    private final ScanSettings settings;
    private final SeenLeadStore seen;
    private final ScanCursor previous;
    private final int limit;
    private final Duration lookback;
    private final boolean silent;
    private final boolean cheapNow;

    private Instant walkFloor;
    private Instant createdFloor;
    private Instant updatedFloor;
    private ListOrder order;
    private String strategy;
    private Phase phase;
    private int nextPage;
    private boolean requested;

    // backward walk
    private Lead frontier;
    private long frontierPosition;
    private long frontierTotal = -1;
    private List<Lead> held;
    private int heldPage;
    private long heldTotal = -1;
    // forward newest-first
    private final List<Lead> buffer = new ArrayList<>();
    private final Set<String> bufferIds = new HashSet<>();
    // oldest-first cross-page check
    private Instant previousPageLast;
    // probe
    private Instant probeMin;
    private Instant probeMax;
    // positions of the last two oldest-first pages, for the next offset
    private List<Instant> lastPageCreated;
    private long lastPageBase;
    private List<Instant> prevPageCreated;
    private long prevPageBase;
    // full scan
    private int fullPasses;
    private Long fullFirstTotal;
    private boolean fullTotalChanged;
    private ListOrder fullObserved = ListOrder.UNKNOWN;
    private boolean unordered;
    /** Set when a full scan never saw the total hold still: leads inserted behind it may be unread. */
    private boolean cursorFrozen;

    // outcomes
    private final Map<LeadEvent, Boolean> outstanding = new IdentityHashMap<>();
    private final Set<String> failedKeys = new HashSet<>();
    private Instant oldestFailedCreated;
    private Instant oldestFailedUpdated;
    private long oldestFailedPosition = Long.MAX_VALUE;
    private Instant maxCreated;
    private Instant maxUpdated;
    private int maxPagesSeen = 1;

    // statistics
    private int calls;
    private int pagesRead;
    private int emitted;
    private int succeeded;
    private int failed;
    private int markedSeen;
    private int peakBuffered;
    private ScanCursor result;

    ScanRun(LeadScan owner, ScanSettings settings, SeenLeadStore seen, ScanCursor previous, boolean persistentState) {
        this.owner = owner;
        this.settings = settings;
        this.seen = seen;
        this.previous = previous;
        this.limit = settings.limit();
        this.lookback = settings.lookback();
        StartFrom startFrom = settings.startFrom();
        Instant startInstant = startFrom.instant();
        boolean isSilent = false;
        boolean isCheapNow = false;
        if (previous != null) {
            createdFloor = max(previous.created() == null ? null : previous.created().minus(lookback), startInstant);
            order = previous.order();
            strategy = "incremental";
        } else if (seen.contains(settings.markerKey())) {
            createdFloor = startInstant;
            order = ListOrder.UNKNOWN;
            strategy = "verify";
        } else if (startFrom.now()) {
            isSilent = true;
            isCheapNow = persistentState;
            order = ListOrder.UNKNOWN;
            strategy = isCheapNow ? "start-now" : "start-now-full";
        } else {
            createdFloor = startInstant;
            order = ListOrder.UNKNOWN;
            strategy = startInstant != null ? "start-from-instant" : "backfill";
        }
        this.silent = isSilent;
        this.cheapNow = isCheapNow;
        if (settings.emitUpdates()) {
            walkFloor = null;
            updatedFloor = previous == null ? createdFloor
                    : previous.updated() != null ? previous.updated().minus(lookback) : createdFloor;
        } else {
            walkFloor = createdFloor;
        }
        nextPage = 1;
        if (previous != null && order == ListOrder.UNORDERED) {
            phase = Phase.FULL;
            strategy = "full-scan";
            unordered = true;
        } else if (previous != null && order == ListOrder.OLDEST_FIRST && walkFloor != null && previous.offset() >= 0) {
            phase = Phase.VERIFY_OLDEST;
            nextPage = (int) (previous.offset() / limit) + 1;
            strategy = "incremental-jump";
        } else if (previous != null && order == ListOrder.NEWEST_FIRST && walkFloor != null) {
            phase = Phase.FORWARD_NEWEST;
            strategy = "incremental-forward";
        } else {
            phase = Phase.PROBE;
        }
    }

    // ------------------------------------------------------------------ driving API

    /** True when no page remains to read: report the outcomes of the last events, then call {@link #finish()}. */
    public boolean isDone() {
        return phase == Phase.DONE || phase == Phase.ABANDONED;
    }

    /**
     * The page to read next. Call once, read it, hand it to {@link #accept(LeadPage)}.
     *
     * @throws IllegalStateException when the run is done, a request is already out, or the list keeps shifting faster
     *                               than the scan can read it (the poll should then end as failed)
     */
    public PageRequest nextRequest() {
        if (isDone()) {
            throw new IllegalStateException("The scan is " + phase + "; no page to read");
        }
        if (requested) {
            throw new IllegalStateException("Page " + nextPage + " was requested and not accepted yet");
        }
        if (calls >= 4 * maxPagesSeen + 50) {
            throw new IllegalStateException("Abandoning the scan after " + calls + " list calls: the list is changing "
                                            + "faster than it can be read (" + maxPagesSeen + " pages). The next poll "
                                            + "starts over; nothing is lost.");
        }
        calls++;
        requested = true;
        return new PageRequest(nextPage, limit);
    }

    /**
     * Takes back the page asked for by {@link #nextRequest()} and returns the leads to emit now, oldest first (often
     * none while the scan is still looking). Report each one's outcome before the next call.
     *
     * @throws IllegalStateException    when called out of turn or with outcomes still unreported
     * @throws IllegalArgumentException when a lead has no {@code _id} or {@code createdat}
     */
    public List<LeadEvent> accept(LeadPage page) {
        if (!requested) {
            throw new IllegalStateException("accept() without a nextRequest() (scan is " + phase + ")");
        }
        if (!outstanding.isEmpty()) {
            throw new IllegalStateException(outstanding.size() + " emitted leads have no reported outcome; call "
                                            + "succeeded() or failed() for each before accepting the next page");
        }
        requested = false;
        pagesRead++;
        for (Lead lead : page.leads()) {
            if (lead == null || lead.getId() == null || lead.getId().isBlank() || lead.getCreatedat() == null) {
                throw new IllegalArgumentException("The list returned a lead without _id or createdat (" + lead
                                                   + "); the consumer cannot track it. Check the API response.");
            }
            maxCreated = max(maxCreated, lead.getCreatedat());
            maxUpdated = max(maxUpdated, lead.getUpdatedat());
        }
        if (page.pageInfo() != null) {
            maxPagesSeen = Math.max(maxPagesSeen, page.pageInfo().pages());
        }
        int q = nextPage;
        peakBuffered = Math.max(peakBuffered, page.leads().size() + bufferedLeads());
        List<LeadEvent> events = dispatch(page, q);
        for (LeadEvent event : events) {
            outstanding.put(event, Boolean.TRUE);
        }
        emitted += events.size();
        return events;
    }

    /** The exchange for {@code event} completed: its key is recorded as seen and it is never emitted again. */
    public void succeeded(LeadEvent event) {
        take(event);
        seen.add(event.key());
        if (event.type() == LeadEventType.CREATED && settings.emitUpdates() && event.lead().getUpdatedat() != null) {
            seen.add(SeenKeys.version(event.lead()));
        }
        succeeded++;
    }

    /**
     * The exchange for {@code event} failed: it is offered again on the next poll; the cursor stays at or before it.
     * After {@code limit} failures in one poll the run ends early ({@link #isDone()} turns true): the leads above the
     * oldest failure are read again next poll.
     */
    public void failed(LeadEvent event) {
        take(event);
        failedKeys.add(event.key());
        oldestFailedCreated = min(oldestFailedCreated, event.lead().getCreatedat());
        oldestFailedUpdated = min(oldestFailedUpdated, event.lead().getUpdatedat());
        if (event.position() >= 0) {
            oldestFailedPosition = Math.min(oldestFailedPosition, event.position());
        }
        failed++;
        if (failedKeys.size() >= limit && phase != Phase.FULL && phase != Phase.DONE) {
            // a page worth of failures (the route is probably down): the cursor cannot pass the oldest failure anyway,
            // and everything below it has been handled, so stop here instead of spending calls on leads that would
            // fail too. Not in a full scan: without an order, the unread pages may hold older leads.
            phase = Phase.DONE;
            strategy += "-stopped-after-failures";
        }
    }

    /**
     * Ends a run that is {@link #isDone() done}: computes the cursor (newest {@code createdat} read, held back to the
     * oldest failed lead), saves it and returns the statistics.
     */
    public ScanStatistics finish() {
        if (phase != Phase.DONE) {
            throw new IllegalStateException("finish() on a scan that is " + phase + "; read every page first");
        }
        if (!outstanding.isEmpty()) {
            throw new IllegalStateException(outstanding.size() + " emitted leads have no reported outcome");
        }
        Instant created = previous == null ? null : previous.created();
        if (!cursorFrozen) {
            created = min(max(created, maxCreated), oldestFailedCreated);
        }
        Instant updated = previous == null ? null : previous.updated();
        if (settings.emitUpdates() && !cursorFrozen) {
            updated = min(max(updated, maxUpdated), oldestFailedUpdated);
        }
        ListOrder finalOrder = order != ListOrder.UNKNOWN ? order
                : previous != null ? previous.order() : ListOrder.UNKNOWN;
        result = new ScanCursor(created, updated, finalOrder == ListOrder.OLDEST_FIRST ? offset(created) : -1,
                                finalOrder);
        owner.save(result);
        if (!seen.contains(settings.markerKey())) {
            seen.add(settings.markerKey());
        }
        phase = Phase.DONE;
        return statistics(true);
    }

    /**
     * Drops the run (a list call failed, the route stopped): the cursor is not touched, leads already reported as
     * succeeded stay seen, everything else is read again by the next poll.
     */
    public ScanStatistics abandon() {
        phase = Phase.ABANDONED;
        outstanding.clear();
        buffer.clear();
        bufferIds.clear();
        held = null;
        return statistics(false);
    }

    /** How many leads the scan holds right now (new leads buffered plus a page held back). */
    public int bufferedLeads() {
        return buffer.size() + (held == null ? 0 : held.size());
    }

    /** Statistics so far (final after {@link #finish()} or {@link #abandon()}). */
    public ScanStatistics statistics() {
        return statistics(phase == Phase.DONE && result != null);
    }

    private ScanStatistics statistics(boolean complete) {
        ScanCursor cursor = result != null ? result : previous;
        return new ScanStatistics(strategy, order, calls, pagesRead, emitted, succeeded, failed, markedSeen,
                                  peakBuffered, cursor, complete, unordered);
    }

    private void take(LeadEvent event) {
        if (outstanding.remove(event) == null) {
            throw new IllegalStateException(event + " is not awaiting an outcome (reported twice, or not from this scan)");
        }
    }

    // ------------------------------------------------------------------ phases

    private List<LeadEvent> dispatch(LeadPage page, int q) {
        return switch (phase) {
            case PROBE -> onProbe(page);
            case PROBE_LAST -> onProbeLast(page, q);
            case NOW_LAST -> onNowLast(page, q);
            case FORWARD_NEWEST -> onForwardNewest(page, q);
            case SEEK_BOUNDARY -> onSeekBoundary(page, q);
            case BACKWARD -> onBackward(page, q);
            case VERIFY_OLDEST -> onVerifyOldest(page, q);
            case FORWARD_OLDEST -> onForwardOldest(page, q);
            case FULL -> onFull(page, q);
            default -> throw new IllegalStateException("The scan is " + phase);
        };
    }

    private List<LeadEvent> onProbe(LeadPage page) {
        List<Lead> leads = page.leads();
        ListOrder observed = ListOrder.of(leads);
        if (observed == ListOrder.UNORDERED) {
            return startFull(page, true);
        }
        if (leads.isEmpty()) {
            return done(List.of());
        }
        if (observed == ListOrder.UNKNOWN && order.isMonotonic()) {
            observed = order;
        }
        if (isBottom(page, 1)) {
            order = observed;
            strategy += "-single-page";
            List<Lead> oldestFirst = new ArrayList<>(leads);
            if (observed == ListOrder.NEWEST_FIRST) {
                Collections.reverse(oldestFirst);
            } else if (observed != ListOrder.OLDEST_FIRST) {
                oldestFirst.sort(Comparator.comparing(Lead::getCreatedat));
            }
            if (observed == ListOrder.OLDEST_FIRST) {
                recordOldestFirstPage(leads, 0);
            }
            return done(emit(items(oldestFirst, observed == ListOrder.OLDEST_FIRST ? 0 : -1)));
        }
        order = observed;
        if (order == ListOrder.UNKNOWN) {
            if (page.pageInfo() == null) {
                return startFull(page, false);
            }
            probeMin = leads.stream().map(Lead::getCreatedat).min(Comparator.naturalOrder()).orElseThrow();
            probeMax = leads.stream().map(Lead::getCreatedat).max(Comparator.naturalOrder()).orElseThrow();
            phase = Phase.PROBE_LAST;
            nextPage = page.pageInfo().pages();
            return List.of();
        }
        return planKnownOrder(page);
    }

    /** Page 1 is in hand and the order is known: choose the walk. */
    private List<LeadEvent> planKnownOrder(LeadPage page1) {
        List<Lead> leads = page1.leads();
        if (order == ListOrder.NEWEST_FIRST) {
            if (cheapNow) {
                walkFloor = leads.get(0).getCreatedat().minus(lookback);
                createdFloor = walkFloor;
            }
            if (walkFloor != null) {
                phase = Phase.FORWARD_NEWEST;
                strategy += "-forward";
                return onForwardNewest(page1, 1);
            }
            if (page1.pageInfo() == null) {
                return startFull(page1, false);
            }
            phase = Phase.BACKWARD;
            strategy += "-backward";
            frontier = null;
            held = null;
            nextPage = Math.max(1, page1.pageInfo().pages());
            return List.of();
        }
        if (cheapNow) {
            if (page1.pageInfo() == null) {
                return startFull(page1, false);
            }
            phase = Phase.NOW_LAST;
            nextPage = page1.pageInfo().pages();
            return List.of();
        }
        phase = Phase.FORWARD_OLDEST;
        strategy += "-forward";
        return onForwardOldest(page1, 1);
    }

    private List<LeadEvent> onProbeLast(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        ListOrder observed = ListOrder.of(leads);
        if (leads.isEmpty()) {
            phase = Phase.PROBE;
            nextPage = 1;
            return List.of();
        }
        if (observed == ListOrder.UNORDERED) {
            return startFull(null, true);
        }
        Instant lastMin = leads.stream().map(Lead::getCreatedat).min(Comparator.naturalOrder()).orElseThrow();
        Instant lastMax = leads.stream().map(Lead::getCreatedat).max(Comparator.naturalOrder()).orElseThrow();
        if (lastMax.isBefore(probeMin) && observed != ListOrder.OLDEST_FIRST) {
            order = ListOrder.NEWEST_FIRST;
        } else if (lastMin.isAfter(probeMax) && observed != ListOrder.NEWEST_FIRST) {
            order = ListOrder.OLDEST_FIRST;
        } else if (lastMin.equals(probeMin) && lastMax.equals(probeMax) && probeMin.equals(probeMax)) {
            return startFull(null, false);
        } else {
            return startFull(null, true);
        }
        if (order == ListOrder.NEWEST_FIRST && walkFloor == null && !cheapNow) {
            phase = Phase.BACKWARD;
            strategy += "-backward";
            frontier = null;
            held = null;
            return onBackward(page, q);
        }
        phase = Phase.PROBE;
        nextPage = 1;
        return List.of();
    }

    private List<LeadEvent> onNowLast(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (leads.isEmpty()) {
            if (q <= 1) {
                return done(List.of());
            }
            nextPage = q - 1;
            return List.of();
        }
        walkFloor = leads.get(leads.size() - 1).getCreatedat().minus(lookback);
        createdFloor = walkFloor;
        phase = Phase.VERIFY_OLDEST;
        return onVerifyOldest(page, q);
    }

    private List<LeadEvent> onForwardNewest(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return startFull(null, true);
        }
        boolean boundary = indexOfFirstOlder(leads, walkFloor) >= 0;
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : leads) {
            if (!lead.getCreatedat().isBefore(walkFloor) && !bufferIds.contains(lead.getId())) {
                fresh.add(lead);
            }
        }
        if (boundary || isBottom(page, q)) {
            List<Lead> region = new ArrayList<>(buffer);
            region.addAll(fresh);
            Collections.reverse(region);
            buffer.clear();
            bufferIds.clear();
            return done(emit(items(region, -1)));
        }
        if (buffer.size() + fresh.size() > settings.maxBufferedLeads()) {
            // too many new leads to hold: find the page holding the floor, then walk back from it
            buffer.clear();
            bufferIds.clear();
            phase = Phase.SEEK_BOUNDARY;
            strategy += "-then-backward";
            nextPage = q + 1;
            return List.of();
        }
        for (Lead lead : fresh) {
            buffer.add(lead);
            bufferIds.add(lead.getId());
        }
        nextPage = q + 1;
        return List.of();
    }

    private List<LeadEvent> onSeekBoundary(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return startFull(null, true);
        }
        if (leads.isEmpty()) {
            phase = Phase.BACKWARD;
            frontier = null;
            held = null;
            nextPage = Math.max(1, q - 1);
            return List.of();
        }
        if (indexOfFirstOlder(leads, walkFloor) >= 0 || isBottom(page, q)) {
            phase = Phase.BACKWARD;
            frontier = null;
            held = null;
            return onBackward(page, q);
        }
        nextPage = q + 1;
        return List.of();
    }

    /**
     * Newest first, walking towards page 1. The frontier is the newest lead of the contiguous region already handled
     * (everything older than it is done). A page "connects" when it holds the frontier, or a lead older than it, or is
     * the bottom of the list; then its leads newer than the frontier (and the page held back, if any) are emitted. A page
     * that does not connect means inserts pushed leads past the page edge: it is held back and the next page down is
     * read to fill the gap.
     */
    private List<LeadEvent> onBackward(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return startFull(null, true);
        }
        PageInfo info = page.pageInfo();
        if (leads.isEmpty()) {
            held = null;
            if (q <= 1) {
                return done(List.of());
            }
            nextPage = info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1;
            return List.of();
        }
        boolean connected;
        int cut;
        if (frontier == null) {
            int older = walkFloor == null ? -1 : indexOfFirstOlder(leads, walkFloor);
            connected = older >= 0 || isBottom(page, q);
            cut = older >= 0 ? older : leads.size();
        } else {
            int at = indexOfId(leads, frontier.getId());
            int older = indexOfFirstOlder(leads, frontier.getCreatedat());
            connected = at >= 0 || older >= 0 || isBottom(page, q) || endsRightAboveFrontier(page, q);
            cut = at >= 0 ? at : older >= 0 ? older : leads.size();
        }
        if (!connected) {
            if (frontier == null && info != null && info.pages() > q + 1) {
                held = null;
                nextPage = info.pages();
            } else {
                held = List.copyOf(leads);
                heldPage = q;
                heldTotal = info == null ? -1 : info.total();
                nextPage = q + 1;
            }
            return List.of();
        }
        List<Lead> region = new ArrayList<>(leads.subList(0, cut));
        Collections.reverse(region);
        int top = q;
        if (held != null) {
            List<Lead> newer = new ArrayList<>(held);
            Collections.reverse(newer);
            region.addAll(newer);
            setFrontier(held.get(0), heldPage, heldTotal);
            top = heldPage;
        } else if (cut > 0 || frontier == null) {
            setFrontier(leads.get(0), q, info == null ? -1 : info.total());
        }
        held = null;
        List<LeadEvent> events = emit(items(region, -1));
        if (top <= 1) {
            return done(events);
        }
        nextPage = top - 1;
        return events;
    }

    private void setFrontier(Lead lead, int pageNumber, long total) {
        frontier = lead;
        frontierPosition = (long) (pageNumber - 1) * limit;
        frontierTotal = total;
    }

    /**
     * True when the page ends exactly where the frontier now is, computed from the totals: the list grew by
     * {@code total - frontierTotal} leads since the frontier was read, and (newest first) every insert pushed it down
     * by one. Without this, a page that merely touches the frontier could not be told from one with a gap.
     */
    private boolean endsRightAboveFrontier(LeadPage page, int q) {
        PageInfo info = page.pageInfo();
        if (info == null || frontierTotal < 0 || info.total() < frontierTotal || page.leads().size() < limit) {
            return false;
        }
        long frontierNow = frontierPosition + (info.total() - frontierTotal);
        return (long) q * limit == frontierNow;
    }

    private List<LeadEvent> onVerifyOldest(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (contradicts(leads, ListOrder.OLDEST_FIRST)) {
            return startFull(null, true);
        }
        if (leads.isEmpty()) {
            if (q <= 1) {
                return done(List.of());
            }
            PageInfo info = page.pageInfo();
            nextPage = info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1;
            return List.of();
        }
        if (q == 1 || leads.get(0).getCreatedat().isBefore(walkFloor)) {
            phase = Phase.FORWARD_OLDEST;
            previousPageLast = null;
            return onForwardOldest(page, q);
        }
        nextPage = q - 1; // the jump overshot (leads deleted or inserted late): step back
        return List.of();
    }

    private List<LeadEvent> onForwardOldest(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (contradicts(leads, ListOrder.OLDEST_FIRST)
            || previousPageLast != null && !leads.isEmpty() && leads.get(0).getCreatedat().isBefore(previousPageLast)) {
            return startFull(null, true);
        }
        if (leads.isEmpty()) {
            return done(List.of());
        }
        previousPageLast = leads.get(leads.size() - 1).getCreatedat();
        long base = (long) (q - 1) * limit;
        recordOldestFirstPage(leads, base);
        List<LeadEvent> events = emit(items(leads, base));
        if (isBottom(page, q)) {
            return done(events);
        }
        nextPage = q + 1;
        return events;
    }

    private List<LeadEvent> startFull(LeadPage page1, boolean warn) {
        unordered |= warn;
        order = warn ? ListOrder.UNORDERED : ListOrder.UNKNOWN;
        strategy = "full-scan";
        phase = Phase.FULL;
        held = null;
        frontier = null;
        buffer.clear();
        bufferIds.clear();
        fullPasses = 0;
        fullFirstTotal = null;
        fullTotalChanged = false;
        fullObserved = ListOrder.UNKNOWN;
        nextPage = 1;
        return page1 == null ? List.of() : onFull(page1, 1);
    }

    /** Every page, each emitted sorted by createdat; repeated (up to 3 passes) while the total changes under it. */
    private List<LeadEvent> onFull(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        PageInfo info = page.pageInfo();
        if (info != null) {
            if (fullFirstTotal == null) {
                fullFirstTotal = info.total();
            } else if (info.total() != fullFirstTotal) {
                fullTotalChanged = true;
            }
        }
        fullObserved = fullObserved.and(ListOrder.of(leads));
        long base = (long) (q - 1) * limit;
        List<Item> sorted = new ArrayList<>(items(leads, base));
        sorted.sort(Comparator.comparing(item -> item.lead().getCreatedat()));
        if (fullObserved == ListOrder.OLDEST_FIRST) {
            recordOldestFirstPage(leads, base);
        }
        List<LeadEvent> events = emit(sorted);
        if (leads.isEmpty() || isBottom(page, q)) {
            if (fullTotalChanged && fullPasses < MAX_FULL_PASSES - 1) {
                fullPasses++;
                fullFirstTotal = null;
                fullTotalChanged = false;
                fullObserved = ListOrder.UNKNOWN;
                nextPage = 1;
                return events;
            }
            order = fullObserved;
            unordered |= fullObserved == ListOrder.UNORDERED;
            // without an order, a lead inserted into a page already read this pass is found only by another pass:
            // keep the floor where it was so the next poll still looks for it
            cursorFrozen = fullTotalChanged;
            return done(events);
        }
        nextPage = q + 1;
        return events;
    }

    // ------------------------------------------------------------------ emission

    /**
     * Turns leads (already oldest first) into events, skipping what the seen store knows, what failed in this run,
     * duplicates inside the step, and leads below the floors. In silent mode (startFrom=now) records them as seen
     * instead.
     */
    private List<LeadEvent> emit(List<Item> items) {
        List<LeadEvent> events = new ArrayList<>();
        Set<String> step = new HashSet<>();
        boolean updates = settings.emitUpdates();
        for (Item item : items) {
            Lead lead = item.lead();
            if (!step.add(lead.getId())) {
                continue;
            }
            boolean createdInRange = createdFloor == null || !lead.getCreatedat().isBefore(createdFloor);
            String idKey = SeenKeys.created(lead);
            if (silent) {
                if (createdInRange) {
                    seen.add(idKey);
                    if (updates && lead.getUpdatedat() != null) {
                        seen.add(SeenKeys.version(lead));
                    }
                    markedSeen++;
                }
                continue;
            }
            boolean updateInRange = updates && lead.getUpdatedat() != null
                                    && (updatedFloor == null || !lead.getUpdatedat().isBefore(updatedFloor));
            if (!seen.contains(idKey)) {
                if (!failedKeys.contains(idKey) && (createdInRange || updateInRange)) {
                    events.add(new LeadEvent(lead, LeadEventType.CREATED, idKey, item.position()));
                }
            } else if (updateInRange && lead.getUpdatedat().isAfter(lead.getCreatedat())) {
                String versionKey = SeenKeys.version(lead);
                if (!failedKeys.contains(versionKey) && !seen.contains(versionKey)) {
                    events.add(new LeadEvent(lead, LeadEventType.UPDATED, versionKey, item.position()));
                }
            }
        }
        return events;
    }

    private List<LeadEvent> done(List<LeadEvent> events) {
        phase = Phase.DONE;
        return events;
    }

    // ------------------------------------------------------------------ helpers

    private boolean isBottom(LeadPage page, int q) {
        return page.leads().size() < limit || page.pageInfo() != null && page.pageInfo().pages() <= q;
    }

    private boolean contradicts(List<Lead> leads, ListOrder expected) {
        ListOrder observed = ListOrder.of(leads);
        return observed == ListOrder.UNORDERED || observed.isMonotonic() && observed != expected;
    }

    private static int indexOfFirstOlder(List<Lead> leads, Instant than) {
        for (int i = 0; i < leads.size(); i++) {
            if (leads.get(i).getCreatedat().isBefore(than)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfId(List<Lead> leads, String id) {
        for (int i = 0; i < leads.size(); i++) {
            if (leads.get(i).getId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Item> items(List<Lead> leads, long base) {
        List<Item> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            items.add(new Item(leads.get(i), base < 0 ? -1 : base + i));
        }
        return items;
    }

    private void recordOldestFirstPage(List<Lead> leads, long base) {
        prevPageCreated = lastPageCreated;
        prevPageBase = lastPageBase;
        lastPageCreated = leads.stream().map(Lead::getCreatedat).toList();
        lastPageBase = base;
    }

    /**
     * Oldest first: position of the last lead older than the next poll's window (cursor minus lookback), so the next
     * poll jumps to the page holding it. Held back to before the oldest failure. -1 when unknown.
     */
    private long offset(Instant cursor) {
        if (lastPageCreated == null || cursor == null) {
            return -1;
        }
        Instant threshold = cursor.minus(lookback);
        long offset = -1;
        int i = lastOlder(lastPageCreated, threshold);
        if (i >= 0) {
            offset = lastPageBase + i;
        } else if (prevPageCreated != null && (i = lastOlder(prevPageCreated, threshold)) >= 0) {
            offset = prevPageBase + i;
        } else {
            offset = Math.max(0, (prevPageCreated != null ? prevPageBase : lastPageBase) - 1);
        }
        if (oldestFailedPosition != Long.MAX_VALUE) {
            offset = Math.min(offset, Math.max(0, oldestFailedPosition - 1));
        }
        return offset;
    }

    private static int lastOlder(List<Instant> created, Instant threshold) {
        for (int i = created.size() - 1; i >= 0; i--) {
            if (created.get(i).isBefore(threshold)) {
                return i;
            }
        }
        return -1;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
