package africa.cashfin.camel.leads;

import java.util.List;

/**
 * The body after a bulk create: one {@link BulkCreateItem} per item of the input, in input order, and the counts.
 * A bulk create does not fail the exchange when some items fail: check {@link #failed()} (also in header
 * {@code CamelCashfinFailedCount}) or {@link #failures()}.
 */
public final class BulkCreateResult {

    private final List<BulkCreateItem> items;
    private final int created;
    private final int duplicates;
    private final int failed;

    /** @param items the outcomes, in input order */
    public BulkCreateResult(List<BulkCreateItem> items) {
        this.items = List.copyOf(items);
        int c = 0;
        int d = 0;
        int f = 0;
        for (BulkCreateItem item : this.items) {
            switch (item.status()) {
                case CREATED -> c++;
                case DUPLICATE -> d++;
                default -> f++;
            }
        }
        this.created = c;
        this.duplicates = d;
        this.failed = f;
    }

    /** @return every item's outcome, in input order */
    public List<BulkCreateItem> items() {
        return items;
    }

    /** @return the items that failed, in input order */
    public List<BulkCreateItem> failures() {
        return items.stream().filter(BulkCreateItem::failed).toList();
    }

    /** @return how many items there were */
    public int total() {
        return items.size();
    }

    /** @return how many leads were created */
    public int created() {
        return created;
    }

    /** @return how many leads already existed (deduplicateBy) and were not created again */
    public int duplicates() {
        return duplicates;
    }

    /** @return how many items failed */
    public int failed() {
        return failed;
    }

    @Override
    public String toString() {
        return "BulkCreateResult[total=" + total() + ", created=" + created + ", duplicates=" + duplicates
               + ", failed=" + failed + "]";
    }
}
