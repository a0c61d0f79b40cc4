package africa.cashfin.camel.jbang;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** The {@code camel} command: what the Camel JBang launcher runs ({@code CamelJBangMain.run(args)}). */
public final class CamelLauncher {

    private CamelLauncher() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
