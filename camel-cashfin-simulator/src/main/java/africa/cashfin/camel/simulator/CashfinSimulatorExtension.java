package africa.cashfin.camel.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a {@link CashfinSimulator} started once per test class and reset before each test. It IS the
 * simulator (every simulator method is called on it directly); this class only adds the JUnit lifecycle.
 * Register it on a {@code static} field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();
 *
 * @Test
 * void createsLead() {
 *     template.sendBody("cashfin-leads:create?" + cashfin.endpointOptions(), Map.of("name", "Jane"));
 *     assertThat(cashfin.leadCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * A non-static field also works: the simulator is then started before each test and stopped after it.
 */
public final class CashfinSimulatorExtension extends CashfinSimulator
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CashfinSimulatorExtension.class);

    private volatile boolean classScoped;

    /** A simulator with the builder defaults (random port, default secret, unlimited plan, no leads). */
    public CashfinSimulatorExtension() {
        this(CashfinSimulator.builder());
    }

    /** @param builder configuration of the simulator (port, secrets, plan, seed leads, clock) */
    public CashfinSimulatorExtension(CashfinSimulator.Builder builder) {
        super(builder);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        start();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void beforeEach(ExtensionContext context) {
        if (!classScoped && !isRunning()) {
            // registered on an instance field: one simulator per test instance, stopped when the test ends
            start();
            context.getStore(NAMESPACE).put(this, (ExtensionContext.Store.CloseableResource) this::stop);
        }
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
