package africa.cashfin.camel.simulator;

/** The two Cashfin Leads API endpoints the simulator serves. */
public enum Endpoint {
    /** {@code POST /business/lead/create}. */
    CREATE,
    /** {@code GET /business/lead/list}. */
    LIST
}
