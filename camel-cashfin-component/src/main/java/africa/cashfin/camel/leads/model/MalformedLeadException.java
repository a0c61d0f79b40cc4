package africa.cashfin.camel.leads.model;

/**
 * A record in the lead list that the polling consumer cannot track (no {@code _id}, no readable {@code createdat}, or
 * not a lead at all). The consumer skips it and hands this exception to its exception handler once, with the record's
 * JSON; the other leads keep flowing.
 */
public class MalformedLeadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String json;
    private final String problem;

    public MalformedLeadException(MalformedLead record, int page) {
        // no stack trace: an expected report about data, logged as one line
        super("Skipped a record on page " + page + " of the lead list: " + record.problem()
              + ". The consumer cannot track it and goes on with the other leads; a record fixed in Cashfin is"
              + " received if its createdat is still inside the consumer's lookback window, else by a verification"
              + " scan or the sweep. The record: " + record.json(), null, false, false);
        this.json = record.json();
        this.problem = record.problem();
    }

    /** The record as the server sent it. */
    public String getJson() {
        return json;
    }

    /** What is wrong with it. */
    public String getProblem() {
        return problem;
    }
}
