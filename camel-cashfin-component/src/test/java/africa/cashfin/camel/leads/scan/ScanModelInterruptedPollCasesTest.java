package africa.cashfin.camel.leads.scan;

import java.util.List;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/**
 * Newest-first worlds shrunk by the long runs of the model properties on 2026-12-07 (the runs that added the action
 * "mid-poll: n leads arrive"; none of these needs it): a group of leads stamped in the past becomes visible after a
 * poll was interrupted (a failed list call, a restart, a leader change). Each lost leads before a47c887 (a resumed
 * walk reads from the lookback floor) and cdd6935 (a poll reading down to failed leads reads late groups below its
 * cursor whole); arguments are (order, limit, buffer, seed, shuffled ties, server limit cap, cap reported).
 */
class ScanModelInterruptedPollCasesTest {

    @Test
    void aGroupStampedInThePastAfterAFailedListCallIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 4, 4, 0L, false, 0, true), List.of(
                "insert 9 leads at one instant",
                "insert 4 leads",
                "read a page",
                "read a page",
                "read a page",
                "the next list call fails",
                "read a page",
                "insert 8 leads at one instant 213 seconds back"));
    }

    @Test
    void aGroupStampedInThePastAfterAGracefulRestartMidBackfillIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 6, 6, 0L, false, 0, false), List.of(
                "insert 3 leads",
                "insert 10 leads at one instant",
                "read a page",
                "read a page",
                "restart (graceful: true)",
                "insert 7 leads at one instant 92 seconds back",
                "read a page",
                "insert 9 leads at one instant"));
    }

    @Test
    void aShuffledGroupStampedInThePastAfterAFailedListCallUnderALimitCapIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 6, 18, 2875623446L, true, 2, true), List.of(
                "insert 8 leads at one instant",
                "insert 3 leads",
                "read a page",
                "read a page",
                "read a page",
                "read a page",
                "the next list call fails",
                "read a page",
                "insert 7 leads at one instant 275 seconds back",
                "read a page",
                "read a page",
                "read a page",
                "leader change (graceful: false)"));
    }

    @Test
    void aShuffledGroupStampedInThePastAfterALeaderChangeAndARestartIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 6, 18, 3675L, true, 1, false), List.of(
                "insert 9 leads at one instant",
                "insert 7 leads at one instant",
                "read a page",
                "read a page",
                "leader change (graceful: true)",
                "insert 3 leads at one instant 48 seconds back",
                "read a page",
                "read a page",
                "read a page",
                "restart (graceful: true)",
                "read a page",
                "insert 2 leads at one instant"));
    }

    @Test
    void aGroupStampedInThePastAfterAFailedFirstCallAndALeaderChangeIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 8, 8, 0L, false, 1, false), List.of(
                "insert 7 leads at one instant 40 seconds back",
                "the next list call fails",
                "read a page",
                "insert 2 leads",
                "read a page",
                "read a page",
                "read a page",
                "leader change (graceful: true)",
                "insert 6 leads at one instant 280 seconds back"));
    }

    @Test
    void aShuffledGroupStampedInThePastAfterAGracefulLeaderChangeIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 7, 7, 125L, true, 1, true), List.of(
                "insert 10 leads at one instant",
                "insert 1 leads",
                "read a page",
                "read a page",
                "read a page",
                "read a page",
                "leader change (graceful: true)",
                "insert 3 leads at one instant 259 seconds back"));
    }

    @Test
    void aShuffledGroupStampedInThePastAfterAFailedListCallOnTwoLeadPagesIsEmitted() {
        assertEveryPromisedLeadEmitted(ScanModelReplay.world(Order.NEWEST_FIRST, 2, 2, 0L, true, 0, true), List.of(
                "insert 5 leads at one instant 53 seconds back",
                "insert 4 leads at one instant",
                "read a page",
                "read a page",
                "the next list call fails",
                "read a page",
                "insert 6 leads at one instant 196 seconds back",
                "insert 9 leads at one instant",
                "read a page",
                "insert 3 leads"));
    }

    private static void assertEveryPromisedLeadEmitted(ScanModelProperties.World world, List<String> steps) {
        ScanModelReplay.replay(world, steps).quiesce();
        world.assertEveryPromisedLeadEmitted();
    }
}
