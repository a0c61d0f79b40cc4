package africa.cashfin.camel.leads.api.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A one-way fingerprint of a client secret (SHA-256, hex), used wherever a secret must be told apart from another
 * without being shown: registry keys, distributed bucket keys, logs, the identity of {@code CashfinClientSettings}
 * (with the proxy credentials' fingerprint). The secret itself is never kept. The component's one secret hash.
 */
public final class SecretFingerprint {

    private static final int SHORT_LENGTH = 12;
    private final String hex;

    private SecretFingerprint(String hex) {
        this.hex = hex;
    }

    /**
     * @param clientSecret the Cashfin client secret
     * @throws IllegalArgumentException when the secret is null or blank
     */
    public static SecretFingerprint of(String clientSecret) {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret must be set: the rate limiter keeps one budget per "
                    + "Cashfin client secret");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8));
            return new SecretFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** @return the full fingerprint, 64 hex digits */
    public String hex() {
        return hex;
    }

    /** @return the first 12 hex digits, enough to tell secrets apart in logs */
    public String shortForm() {
        return hex.substring(0, SHORT_LENGTH);
    }

    /** @return the key of this secret's bucket in a distributed Bucket4j store */
    public String bucketKey() {
        return "cashfin-leads:calls:" + hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretFingerprint that && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return "secret#" + shortForm();
    }
}
