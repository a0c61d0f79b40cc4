package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.form.ClientAddress;
import africa.cashfin.camel.examples.ops.OpsAccess.Decision;

/** {@link OpsAccess}'s rules behind a trusted proxy and its refusals of weak settings (the logic alone). */
class OpsAccessRulesTest {

    private final OpsAccess loopbackOnly = new OpsAccess(false, null, null, null, ClientAddress.trusting("127.0.0.1"));

    @Test
    void behindATrustedProxyOnlyALoopbackClientIsLocal() {
        assertThat(loopbackOnly.check("127.0.0.1", null, null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(loopbackOnly.check("127.0.0.1", "127.0.0.1", null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(loopbackOnly.check("127.0.0.1", "203.0.113.7", null, null)).isEqualTo(Decision.NOT_LOCAL);
        // the client's own claim before the proxy's entry is not believed
        assertThat(loopbackOnly.check("127.0.0.1", "127.0.0.1, 203.0.113.7", null, null))
                .isEqualTo(Decision.NOT_LOCAL);
        assertThat(loopbackOnly.check("127.0.0.1", null, "for=203.0.113.7", null)).isEqualTo(Decision.NOT_LOCAL);
        assertThat(loopbackOnly.check("[::1]", null, null, null)).isEqualTo(Decision.ALLOWED);
        assertThat(loopbackOnly.check("192.0.2.1", null, null, null)).isEqualTo(Decision.NOT_LOCAL);
        assertThat(loopbackOnly.check("localhost", null, null, null)).isEqualTo(Decision.NOT_LOCAL);
        assertThat(loopbackOnly.check("", null, null, null)).isEqualTo(Decision.NOT_LOCAL);
    }

    @Test
    void weakOrHalfGivenCredentialsStopTheStart() {
        ClientAddress none = ClientAddress.trusting("");
        assertThatThrownBy(() -> new OpsAccess(true, "", "", "", none)).hasMessageContaining("no credentials");
        assertThatThrownBy(() -> new OpsAccess(false, null, null, "a long password", none))
                .hasMessageContaining("only the password is set");
        assertThatThrownBy(() -> new OpsAccess(true, null, "ops", "short", none))
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> new OpsAccess(true, "short-token", null, null, none))
                .hasMessageContaining("at least 24 characters");
        assertThat(new OpsAccess(true, null, "ops", "a long password", none).toString()).doesNotContain(
                "a long password");
    }
}
