package africa.cashfin.camel.examples.common;

import africa.cashfin.camel.leads.api.CashfinApiException;

/** How the flows tell a Cashfin failure that may go away (try again later) from a refusal for good. */
public final class CashfinFailures {

    private CashfinFailures() {
    }

    /**
     * True when the same lead may be accepted later: a 429, a 5xx, a network failure or anything unexpected; false for
     * a refusal for good (a 4xx other than 429, or a lead the component's validation refused).
     */
    public static boolean mayWorkLater(Exception e) {
        if (e instanceof CashfinApiException api) {
            return api.isRateLimited() || api.isServerError();
        }
        return !(e instanceof IllegalArgumentException);
    }
}
