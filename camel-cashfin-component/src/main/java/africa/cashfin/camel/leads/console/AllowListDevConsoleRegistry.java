package africa.cashfin.camel.leads.console;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dev console registry that holds only the consoles it is told to ({@link #setConsoles(String)}, default
 * {@code cashfin-leads}): every other console, among them Camel's {@code send} (which sends any message to any
 * endpoint URI, {@code file:}, {@code sql:}, {@code cashfin-leads:create} with the app's own credentials), {@code
 * receive}, {@code browse} and {@code properties}, is refused, even when camel-console is on the classpath.
 * <p>
 * Bind it with properties (see docs/operations.md); it installs itself as the context's registry when Camel gives it
 * its context:
 *
 * <pre>
 * camel.beans.devConsoleRegistry = #class:africa.cashfin.camel.leads.console.AllowListDevConsoleRegistry
 * </pre>
 */
public class AllowListDevConsoleRegistry extends ServiceSupport implements DevConsoleRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AllowListDevConsoleRegistry.class);

    private final Set<DevConsole> consoles = new TreeSet<>(Comparator.comparing(DevConsole::getId));
    private Set<String> allowed = Set.of("cashfin-leads");
    private CamelContext camelContext;
    private String id = "cashfin-allow-list";
    private boolean enabled = true;

    /** The console ids to serve, comma-separated (default {@code cashfin-leads}). */
    public void setConsoles(String ids) {
        allowed = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public String getConsoles() {
        return String.join(",", allowed);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void setId(String id) {
        this.id = id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * Also installs this registry as the context's {@link DevConsoleRegistry}: Camel Main binds {@code camel.beans.*}
     * after it looked for a registry bean, but before the context loads its consoles, and gives each bean its context.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        boolean install = camelContext != null && this.camelContext != camelContext;
        this.camelContext = camelContext;
        if (install) {
            // adding the plugin gives this registry its context again: the field is set by then
            camelContext.getCamelContextExtension().addContextPlugin(DevConsoleRegistry.class, this);
        }
    }

    @Override
    public synchronized DevConsole resolveById(String consoleId) {
        if (!allowed.contains(consoleId)) {
            return null;
        }
        DevConsole known = getConsole(consoleId).orElse(null);
        if (known != null) {
            return known;
        }
        DevConsoleResolver resolver = PluginHelper.getDevConsoleResolver(camelContext);
        DevConsole console = resolver.resolveDevConsole(consoleId);
        if (console != null) {
            register(console);
        }
        return console;
    }

    @Override
    public synchronized boolean register(DevConsole console) {
        if (!allowed.contains(console.getId())) {
            LOG.debug("Dev console {} not registered: it is not in the allow list {}", console.getId(), allowed);
            return false;
        }
        if (getConsole(console.getId()).isPresent()) {
            return false;
        }
        consoles.add(console);
        CamelContextAware.trySetCamelContext(console, camelContext);
        ServiceHelper.startService(console);
        return true;
    }

    @Override
    public synchronized boolean unregister(DevConsole console) {
        return consoles.remove(console);
    }

    @Override
    public synchronized Stream<DevConsole> stream() {
        return enabled ? consoles.stream().toList().stream() : Stream.empty();
    }

    @Override
    public void loadDevConsoles() {
        loadDevConsoles(false);
    }

    @Override
    public void loadDevConsoles(boolean force) {
        for (String consoleId : allowed) {
            if (resolveById(consoleId) == null) {
                LOG.warn("Dev console {} is in the allow list but not on the classpath", consoleId);
            }
        }
        LOG.info("Dev consoles served: {} (any other console, such as send, is refused)", allowed);
    }

    @Override
    protected void doStart() {
        consoles.forEach(ServiceHelper::startService);
    }

    @Override
    protected void doStop() {
        consoles.forEach(ServiceHelper::stopService);
    }
}
