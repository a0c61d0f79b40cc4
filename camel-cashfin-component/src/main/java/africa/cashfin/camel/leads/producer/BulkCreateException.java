package africa.cashfin.camel.leads.producer;

/**
 * A bulk create in which at least one item failed, thrown unless the endpoint sets {@code bulkPartialSuccess=true}:
 * the exchange fails, so a route (a file import, a batch) cannot mark its input done while rows were not created.
 * {@link #result()} (also the message body) has every item's outcome; {@link #result()}{@code .failures()} the failed
 * ones with their inputs. The cause is the first failed item's error.
 */
public class BulkCreateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BulkCreateResult result;

    public BulkCreateException(BulkCreateResult result) {
        super("Cashfin bulk create: " + result.failed() + " of " + result.total() + " items failed ("
              + result.created() + " created, " + result.duplicates() + " already existed); the exchange fails so"
              + " that no row is lost. Each failure (index, input, error) is in the BulkCreateResult (this exception's"
              + " result() and the message body); handle it with onException(BulkCreateException.class), or set"
              + " bulkPartialSuccess=true to continue the route and read the result. First failure: "
              + firstError(result), result.failures().isEmpty() ? null : result.failures().get(0).error());
        this.result = result;
    }

    /** @return every item's outcome, in input order */
    public BulkCreateResult result() {
        return result;
    }

    private static String firstError(BulkCreateResult result) {
        BulkCreateItem first = result.failures().isEmpty() ? null : result.failures().get(0);
        return first == null ? "none" : "item " + first.index() + ": " + first.error();
    }
}
