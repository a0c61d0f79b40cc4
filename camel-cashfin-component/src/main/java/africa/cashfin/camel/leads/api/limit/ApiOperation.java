package africa.cashfin.camel.leads.api.limit;

/** The Cashfin calls the retry policy tells apart, by whether repeating them is harmless. */
public enum ApiOperation {
    /** {@code GET /business/leads/list}: idempotent, safe to repeat. */
    LIST(true),
    /** {@code POST /business/leads/create}: not idempotent, a repeat can create the lead twice. */
    CREATE(false);

    private final boolean idempotent;

    ApiOperation(boolean idempotent) {
        this.idempotent = idempotent;
    }

    /** @return true when sending the request twice has the same effect as sending it once */
    public boolean isIdempotent() {
        return idempotent;
    }
}
