package africa.cashfin.camel.leads.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Shares {@link CashfinClient}s: endpoints with equal {@link CashfinClientSettings} (same base URL, secret, timeouts,
 * pool size, TLS context and HTTP proxy with its credentials) get the same client (its limiter lease, budget share and
 * statistics); the connection pool is shared wider, by every client of the base URL and connection options whatever
 * the secret ({@link HttpPools}). Reference counted: a client is closed when its last user releases it, and all are
 * closed by {@link #close()}.
 */
public final class CashfinClientRegistry implements AutoCloseable {

    private final Function<CashfinClientSettings, CashfinClient> factory;
    private final Map<CashfinClientSettings, Entry> clients = new HashMap<>();

    /** A registry creating plain {@link CashfinClient}s. */
    public CashfinClientRegistry() {
        this(CashfinClient::new);
    }

    /** A registry creating clients with {@code factory} (e.g. a client decorated with rate limiting). */
    public CashfinClientRegistry(Function<CashfinClientSettings, CashfinClient> factory) {
        this.factory = factory;
    }

    /** The shared client for {@code settings}, created on first use; pair every call with {@link #release}. */
    public synchronized CashfinClient acquire(CashfinClientSettings settings) {
        Entry e = clients.computeIfAbsent(settings, s -> new Entry(factory.apply(s)));
        e.users++;
        return e.client;
    }

    /** Gives back a client from {@link #acquire}; closes it when nobody uses it any more. */
    public synchronized void release(CashfinClient client) {
        if (client == null) {
            return;
        }
        Entry e = clients.get(client.getSettings());
        if (e != null && e.client == client && --e.users <= 0) {
            clients.remove(client.getSettings());
            client.close();
        }
    }

    /** Number of open clients. */
    public synchronized int size() {
        return clients.size();
    }

    /** Closes every client, whoever still uses it. */
    @Override
    public synchronized void close() {
        clients.values().forEach(e -> e.client.close());
        clients.clear();
    }

    private static final class Entry {
        private final CashfinClient client;
        private int users;

        private Entry(CashfinClient client) {
            this.client = client;
        }
    }
}
