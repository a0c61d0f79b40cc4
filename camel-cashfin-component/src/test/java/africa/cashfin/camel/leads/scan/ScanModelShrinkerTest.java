package africa.cashfin.camel.leads.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/** {@link ScanModelShrinker}: what it reads from a failure report, and that it keeps only the steps a failure needs. */
class ScanModelShrinkerTest {

    @Test
    void removesEveryStepTheFailureDoesNotNeed() {
        List<String> steps = List.of("a", "x", "x", "b", "x", "c", "x", "x");
        assertThat(ScanModelShrinker.shorten(steps, s -> s.indexOf("a") >= 0 && s.indexOf("c") > s.indexOf("a")))
                .containsExactly("a", "c");
    }

    @Test
    void readsTheWorldAndTheStepsOfAReport() {
        String report = "[leads created into the view, emitted after quiescence (OLDEST_FIRST, limit 3, buffer 3, cap 0"
                        + " reported, ties shuffled, seed -3L) after [insert 2 leads, read a page, the next 2 exchanges"
                        + " fail]] ";
        assertThat(ScanModelShrinker.Made.parse(report))
                .isEqualTo(new ScanModelShrinker.Made(Order.OLDEST_FIRST, 3, 3, -3L, true, 0, true));
        assertThat(ScanModelShrinker.steps(report))
                .containsExactly("insert 2 leads", "read a page", "the next 2 exchanges fail");
        assertThat(ScanModelShrinker.Made.parse("(NEWEST_FIRST, limit 7, buffer 14, cap 2) after []"))
                .isEqualTo(new ScanModelShrinker.Made(Order.NEWEST_FIRST, 7, 14, 0L, false, 2, false));
    }
}
