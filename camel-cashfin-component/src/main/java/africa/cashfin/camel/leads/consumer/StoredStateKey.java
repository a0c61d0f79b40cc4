package africa.cashfin.camel.leads.consumer;

import java.util.Locale;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;

/**
 * The form in which the consumer's keys are stored in a {@code stateRepository}: the key itself wherever the
 * repository can hold it, so every key stored so far (JDBC rows, memory, anything else) stays what it was.
 * <p>
 * Camel's {@link FileStateRepository} writes one {@code key=value} line per key and refuses a key with {@code =} or a
 * line break. There, a key derived from the filters (which always has {@code =} once a filter is set, e.g.
 * {@code cashfin-leads:list?status=qualified}) is stored with {@code %}, {@code =} and line breaks percent-encoded
 * ({@code cashfin-leads:list?status%3Dqualified}); such a key could never be stored in that repository before, so no
 * stored state moves. The side keys ({@code #sweep}, {@code #arrivals}, {@code #arrivals#weekend}, {@code #leader-epoch}) are the stored key plus
 * their suffix. A {@code stateKey} the user sets is stored as given: one the repository cannot hold is refused at
 * start ({@link #checkUserKey}), so the key in the file is always the one the user wrote.
 */
final class StoredStateKey {

    /** What Camel's FileStateRepository cannot hold in a key: its key/value separator and its line separator. */
    private static final String FILE_FORBIDDEN = "=\n";

    private StoredStateKey() {
    }

    /** The characters {@code repository} cannot hold in a key; empty for every repository but Camel's file one. */
    static String forbiddenIn(StateRepository<String, String> repository) {
        return repository instanceof FileStateRepository ? FILE_FORBIDDEN : "";
    }

    /**
     * The stored form of a key derived from the filters: {@code key} itself when {@code repository} can hold it, else
     * percent-encoded ({@code %} as {@code %25}, then each character the repository cannot hold as {@code %XX}).
     */
    static String derived(String key, StateRepository<String, String> repository) {
        String forbidden = forbiddenIn(repository);
        if (firstForbidden(key, forbidden) < 0) {
            return key;
        }
        StringBuilder stored = new StringBuilder(key.length() + 8);
        for (char c : key.toCharArray()) {
            if (c == '%' || forbidden.indexOf(c) >= 0) {
                stored.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                stored.append(c);
            }
        }
        return stored.toString();
    }

    /**
     * Refuses a {@code stateKey} set by the user that {@code repository} cannot hold, naming the character and what
     * to do.
     */
    static void checkUserKey(String stateKey, StateRepository<String, String> repository) {
        int at = firstForbidden(stateKey, forbiddenIn(repository));
        if (at < 0) {
            return;
        }
        char c = stateKey.charAt(at);
        String name = c == '\n' ? "a line break" : "'" + c + "'";
        throw new IllegalArgumentException(
                "stateKey '" + stateKey.replace("\n", "\\n") + "' contains " + name + " (at index " + at + "), which"
                                           + " the stateRepository (Camel's FileStateRepository: one key=value line"
                                           + " per key) cannot hold in a key: choose a stateKey without '=' or line"
                                           + " breaks (e.g. 'crm-qualified'), or remove stateKey (the default key,"
                                           + " derived from the filters, is encoded to fit)");
    }

    private static int firstForbidden(String key, String forbidden) {
        for (int i = 0; i < key.length(); i++) {
            if (forbidden.indexOf(key.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
