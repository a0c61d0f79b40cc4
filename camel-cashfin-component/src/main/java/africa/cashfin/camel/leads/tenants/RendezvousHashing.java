package africa.cashfin.camel.leads.tenants;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rendezvous (highest random weight) hashing: a tenant belongs to the member whose {@link #score} for it is highest.
 * Every node computes the same owner from the same member list, with no coordination; when a member joins it takes
 * about 1/n of the tenants (those it now scores highest on) from the others, and when one leaves only its own
 * tenants move, each to the member that scored next highest. The score is a pure function of the two ids (64-bit
 * FNV-1a over their UTF-8 bytes, then MurmurHash3's 64-bit finaliser), so it is the same in every JVM and release.
 */
public final class RendezvousHashing {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RendezvousHashing() {
    }

    /**
     * The owner of {@code tenantId} among {@code members}: the member with the highest score, the greater id on a
     * tie; null when there is no member.
     */
    public static String owner(String tenantId, Collection<String> members) {
        String best = null;
        long bestScore = 0;
        for (String member : members) {
            long score = score(member, tenantId);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                || score == bestScore && member.compareTo(best) > 0) {
                best = member;
                bestScore = score;
            }
        }
        return best;
    }

    /** The weight of {@code member} for {@code tenantId} (compared unsigned). */
    public static long score(String member, String tenantId) {
        long hash = FNV_OFFSET;
        hash = fnv(hash, member.getBytes(StandardCharsets.UTF_8));
        hash = (hash ^ 0xff) * FNV_PRIME; // a byte no UTF-8 text holds, so ("ab", "c") and ("a", "bc") differ
        hash = fnv(hash, tenantId.getBytes(StandardCharsets.UTF_8));
        return mix(hash);
    }

    private static long fnv(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash;
    }

    /** MurmurHash3's fmix64: every input bit flips each output bit with probability about 1/2. */
    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
