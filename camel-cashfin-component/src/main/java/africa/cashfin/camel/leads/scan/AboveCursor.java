package africa.cashfin.camel.leads.scan;

import java.util.HashSet;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;

/**
 * What a poll that stops at, or jumps to, the previous cursor reads at or above it, checked against the counts that
 * cursor saved: a list that grew by other than the leads found at or above the cursor had a lead arrive late below it,
 * or lose one there that may hide a late one. (Leads that joined the cursor's own tie group late are the tie watch's:
 * that group matters to it, see {@link ScanLedger#tiesMatter}.)
 */
final class AboveCursor {

    private final ScanCursor counted;
    /** Ids read at or above the cursor. */
    private final Set<String> atOrAbove = new HashSet<>();

    /** @param counted a cursor that {@link ScanCursor#knowsCounts() knows its counts} */
    AboveCursor(ScanCursor counted) {
        this.counted = counted;
    }

    /** Counts a lead read. */
    void read(Lead lead) {
        if (!lead.getCreatedat().isBefore(counted.created())) {
            atOrAbove.add(lead.getId());
        }
    }

    /**
     * True when the list's growth since the cursor (its total now against the cursor's) differs from the leads found
     * at or above the cursor: more growth is a late lead below it; less is a lead that left below it, which may hide a
     * late one (two leave, one arrives late: growth -1, found 0).
     */
    boolean growthUnexplained(long total) {
        return total - counted.total() != atOrAbove.size() - counted.above();
    }
}
