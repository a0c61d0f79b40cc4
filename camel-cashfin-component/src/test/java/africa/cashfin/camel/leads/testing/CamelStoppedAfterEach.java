package africa.cashfin.camel.leads.testing;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Camel contexts and Camel Mains a test runs, stopped after the test, last first, whether it passed or not
 * (register it as an instance field with {@code @RegisterExtension}). It stands for the field and the
 * {@code @AfterEach} that stops it, which each such test class wrote again.
 * Shared with other modules' tests through the component's test-jar.
 */
public final class CamelStoppedAfterEach implements AfterEachCallback {

    private final Deque<Runnable> stops = new ArrayDeque<>();

    /** @return {@code context}, to be stopped after the test */
    public <C extends CamelContext> C context(C context) {
        stops.push(context::stop);
        return context;
    }

    /** @return {@code main}, to be stopped after the test */
    public <M extends Main> M main(M main) {
        stops.push(main::stop);
        return main;
    }

    @Override
    public void afterEach(ExtensionContext test) {
        RuntimeException failure = null;
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
