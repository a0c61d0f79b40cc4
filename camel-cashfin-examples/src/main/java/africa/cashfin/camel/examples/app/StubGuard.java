package africa.cashfin.camel.examples.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Says loudly which external systems are stand-ins, and refuses them in production: with a variable missing, the app
 * would otherwise start a stub silently (a lead "pushed to the CRM (HTTP 201)" that reached only a stub).
 * <ul>
 * <li>{@link #banner(EmbeddedServices)}: one line naming every stand-in that runs and the variable that replaces it;
 * </li>
 * <li>{@link #refuseStubsInProduction(String, EmbeddedServices)}: with {@code cashfin.profile=production}, a stand-in
 * stops the start with that list.</li>
 * </ul>
 * (The form's CAPTCHA, required outside the demo: {@code Captcha.Provider.choose}.)
 */
final class StubGuard {

    static final String PRODUCTION = "production";

    private StubGuard() {
    }

    /** The stand-ins that run, each with the variable that replaces it; empty when everything is real. */
    static List<String> stubs(EmbeddedServices services) {
        List<String> stubs = new ArrayList<>();
        if (services.simulator() != null) {
            stubs.add("Cashfin simulator (set CASHFIN_BASE_URL and CASHFIN_CLIENT_SECRET)");
        }
        if (services.greenMail() != null) {
            stubs.add("GreenMail mailbox (set CASHFIN_MAIL_HOST)");
        }
        if (services.embeddedJdbcUrl() != null) {
            stubs.add("H2 database in the work directory (set CASHFIN_JDBC_URL)");
        }
        if (services.crm() != null) {
            stubs.add("stub CRM (set CASHFIN_CRM_URL)");
        }
        return stubs;
    }

    /** The start-up banner line about stand-ins, or null when every system is real. */
    static String banner(EmbeddedServices services) {
        List<String> stubs = stubs(services);
        return stubs.isEmpty() ? null
                : "STAND-INS RUNNING, not real systems: " + String.join("; ", stubs) + ". Leads reach only these stubs."
                  + " Set CASHFIN_PROFILE=production to refuse to start with any stand-in.";
    }

    /**
     * @throws IllegalStateException with {@code profile} {@value #PRODUCTION} and a stand-in running
     */
    static void refuseStubsInProduction(String profile, EmbeddedServices services) {
        List<String> stubs = stubs(services);
        if (PRODUCTION.equalsIgnoreCase(profile == null ? "" : profile.trim()) && !stubs.isEmpty()) {
            throw new IllegalStateException("CASHFIN_PROFILE=production, but these systems are not configured and would"
                                            + " be stand-ins: " + String.join("; ", stubs) + ". Configure them, or"
                                            + " unset CASHFIN_PROFILE to run with stand-ins.");
        }
    }
}
