package africa.cashfin.camel.leads;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a {@code cashfin-leads:} endpoint does: the path of its URI. */
public enum CashfinLeadsOperation {
    /** Create one lead from the message body ({@code POST /business/lead/create}). */
    create,
    /** Read one page of leads ({@code GET /business/lead/list}). */
    list;

    /**
     * The operation named {@code text}, in any case.
     *
     * @throws IllegalArgumentException naming the allowed operations
     */
    public static CashfinLeadsOperation fromPath(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CashfinLeadsOperation op : values()) {
            if (op.name().equals(t)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown cashfin-leads operation '" + text + "'; use one of "
                                           + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                                           + " (e.g. cashfin-leads:create)");
    }
}
