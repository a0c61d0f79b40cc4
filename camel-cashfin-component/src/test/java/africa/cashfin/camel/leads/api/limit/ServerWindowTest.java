package africa.cashfin.camel.leads.api.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The server's counting the limiter tests share: fixed windows at a phase, every span at arrival. */
class ServerWindowTest {

    private static final List<Long> CALLS = List.of(0L, 5L, 9L, 10L, 10L, 14L, 25L);

    @Test
    void aFixedWindowCountsFromItsStartUpToTheCallAndResetsAtItsEnd() {
        ServerWindow window = ServerWindow.fixed(10, 5); // windows [-5, 5), [5, 15), [15, 25), [25, 35)
        assertThat(window.count(CALLS, 4)).as("[-5, 4]").isEqualTo(1);
        assertThat(window.count(CALLS, 5)).as("[5, 5]: the start counts").isEqualTo(1);
        assertThat(window.count(CALLS, 10)).as("[5, 10]: both calls at 10").isEqualTo(4);
        assertThat(window.count(CALLS, 20)).as("[15, 20]").isZero();
        assertThat(window.resetAfter(CALLS, 10)).isEqualTo(15);
        assertThat(window.resetAfter(CALLS, -5)).isEqualTo(5);
        assertThat(window.max(CALLS)).as("5, 9, 10, 10, 14 in [5, 15)").isEqualTo(5);
        assertThat(ServerWindow.fixed(10, 0).max(CALLS)).as("phase 0: 0, 5, 9 or 10, 10, 14").isEqualTo(3);
    }

    @Test
    void everySpanCountsTheCallsOfTheLastLengthAndResetsWhenItsOldestLeaves() {
        ServerWindow span = ServerWindow.everySpan(10);
        assertThat(span.count(CALLS, 10)).as("(0, 10]: 0 has left").isEqualTo(4);
        assertThat(span.count(CALLS, 14)).as("(4, 14]").isEqualTo(5);
        assertThat(span.resetAfter(CALLS, 14)).as("5 leaves (4, 14] at 15").isEqualTo(15);
        assertThat(span.resetAfter(CALLS, 24)).as("(14, 24] is empty: free now").isEqualTo(24);
        assertThat(span.max(List.of(25L, 14L, 10L, 9L, 5L, 0L, 10L))).as("unsorted: [5, 15) holds 5").isEqualTo(5);
        assertThat(ServerWindow.everySpan(20).max(CALLS)).as("[0, 20) holds 6").isEqualTo(6);
        assertThat(span.max(List.of())).isZero();
    }
}
