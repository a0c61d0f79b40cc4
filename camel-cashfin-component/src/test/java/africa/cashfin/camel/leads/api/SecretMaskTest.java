package africa.cashfin.camel.leads.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    private static final String SECRET = "cs_live/Sec\"ret42";
    private final SecretMask mask = new SecretMask(SECRET);

    @Test
    void masksTheRawAndTheJsonEscapedSecret() {
        assertThat(mask.mask("Authorization: cs_live/Sec\"ret42 and {\"a\":\"cs_live\\/Sec\\\"ret42\"}"))
                .isEqualTo("Authorization: xxxxxx and {\"a\":\"xxxxxx\"}");
        assertThat(mask.mask((String) null)).isNull();
        assertThat(mask.mask(Map.of(SECRET, "got " + SECRET))).containsExactly(Map.entry("xxxxxx", "got xxxxxx"));
    }

    @Test
    void masksEverySecretGivenAndIgnoresBlankOnes() {
        SecretMask several = new SecretMask(SECRET, null, "", "proxyPass", "ZXNiOnByb3h5UGFzcw==");
        assertThat(several.mask("Proxy-Authorization: Basic ZXNiOnByb3h5UGFzcw== (proxyPass), " + SECRET))
                .isEqualTo("Proxy-Authorization: Basic xxxxxx (xxxxxx), xxxxxx");
        assertThat(new SecretMask((String) null).mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void aCauseChainThatShowsTheSecretIsCopiedMaskedAndOneThatDoesNotIsKept() {
        IOException root = new IOException("token '" + SECRET + "'");
        IllegalStateException top = new IllegalStateException("wrapped", root);

        Throwable masked = mask.mask(top);

        assertThat(masked).isNotSameAs(top).hasMessage("wrapped");
        assertThat(masked.toString()).startsWith(IllegalStateException.class.getName() + ": wrapped");
        assertThat(masked.getCause()).hasMessage("token 'xxxxxx'");
        assertThat(masked.getCause().toString()).startsWith("java.io.IOException: token 'xxxxxx'");
        assertThat(masked.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
        IOException harmless = new IOException("connection reset");
        assertThat(mask.mask(harmless)).isSameAs(harmless);
    }
}
