package africa.cashfin.camel.leads.scan;

/**
 * The set of keys (see {@link SeenKeys}) whose exchanges succeeded. The consumer adapts Camel's
 * {@code IdempotentRepository}: {@link #contains} is {@code repository.contains(key)}, {@link #add} is
 * {@code repository.add(key)} followed by {@code repository.confirm(key)}. A persistent repository (file, JDBC, ...)
 * alone is enough for a restart to emit nothing twice and miss nothing.
 */
public interface SeenLeadStore {

    /** True when {@code key} was recorded by {@link #add}. */
    boolean contains(String key);

    /** Records {@code key} as delivered. Called only after the exchange for it succeeded. */
    void add(String key);
}
