package africa.cashfin.camel.leads.producer;

import java.util.List;

/**
 * The body after a bulk create: one {@link BulkCreateItem} per item of the input, in input order, and the counts.
 * When an item failed, the exchange fails with a {@link BulkCreateException} carrying this result (also the body),
 * unless the endpoint sets {@code bulkPartialSuccess=true}; then check {@link #failed()} (also in header
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

    /**
     * @return the inputs of the items that failed, in input order (e.g. the CSV rows as Maps), to write back to a file
     *         with a data format: {@code ${body.failedInputs}} in Simple
     */
    public List<Object> failedInputs() {
        return items.stream().filter(BulkCreateItem::failed).map(BulkCreateItem::input).toList();
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
