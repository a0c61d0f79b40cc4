package africa.cashfin.camel.leads.api.limit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Holds the {@link BudgetShares} of every client secret in use, keyed by its {@link SecretFingerprint}, like
 * {@link CallRateLimiterRegistry} holds its limiters: every endpoint of the JVM joining a secret's shares joins the
 * same instance, and the instance is forgotten when the last share of it is closed.
 */
public final class BudgetShareRegistry {

    private static final BudgetShareRegistry SHARED = new BudgetShareRegistry(TimeSource.system());

    private final TimeSource time;
    private final Map<SecretFingerprint, Entry> entries = new HashMap<>();

    /** @param time the clock and sleeper of the shares' buckets */
    public BudgetShareRegistry(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** @return the registry of the whole JVM */
    public static BudgetShareRegistry shared() {
        return SHARED;
    }

    /**
     * Joins a share of a secret's budget.
     *
     * @param  clientSecret             the client secret (only its fingerprint is kept)
     * @param  limits                   the secret's limits (the same the secret's {@link CallRateLimiter} enforces)
     * @param  store                    the distributed Bucket4j store of the secret's bucket, or null for local buckets
     * @param  name                     the share's name (used only with a reserve)
     * @param  reserve                  the fraction of the budget reserved, 0 (the pool only) to
     *                                  {@link BudgetShares#MAX_TOTAL_RESERVE}
     * @return                          the share; close it when the endpoint's client closes
     * @throws IllegalArgumentException when the reserve cannot be kept (see {@link BudgetShares})
     */
    public BudgetShare join(String clientSecret, RateLimits limits, ProxyManager<String> store, String name,
                            double reserve) {
        return join(clientSecret, limits, store, name, reserve, null);
    }

    /**
     * Joins a share of a secret's budget whose days follow the server's day as the secret's limiter knows it.
     *
     * @param  limiter the secret's limiter (its {@link ServerDay} says when the server's day starts), or null for
     *                 shares whose days start at UTC midnight
     * @see            #join(String, RateLimits, ProxyManager, String, double)
     */
    public BudgetShare join(String clientSecret, RateLimits limits, ProxyManager<String> store, String name,
                            double reserve, CallRateLimiter limiter) {
        SecretFingerprint secret = SecretFingerprint.of(clientSecret);
        synchronized (entries) {
            Entry entry = entries.get(secret);
            if (entry == null || !entry.shares.limits().equals(limits)) {
                // other limits: the limiter registry refuses them before a client gets here, unless the old ones
                // are gone; start afresh
                if (entry != null) {
                    entry.shares.detach();
                }
                entry = new Entry(new BudgetShares(secret, limits, store, time));
                entries.put(secret, entry);
            }
            if (limiter != null) {
                entry.shares.follow(limiter.serverDay());
            }
            BudgetShare share = entry.shares.join(name, reserve);
            entry.users++;
            Entry joined = entry;
            share.onClose(() -> release(secret, joined));
            return share;
        }
    }

    /** @return the shares of a secret while an endpoint uses them, else null (for the dev console and tests) */
    public BudgetShares sharesOf(SecretFingerprint secret) {
        synchronized (entries) {
            Entry entry = entries.get(secret);
            return entry == null ? null : entry.shares;
        }
    }

    private void release(SecretFingerprint secret, Entry entry) {
        synchronized (entries) {
            if (--entry.users == 0 && entries.get(secret) == entry) {
                entries.remove(secret);
                entry.shares.detach();
            }
        }
    }

    private static final class Entry {
        final BudgetShares shares;
        int users;

        Entry(BudgetShares shares) {
            this.shares = shares;
        }
    }
}
