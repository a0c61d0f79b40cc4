package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** WireMock transformer {@code cashfin-admin}, bound to {@code /__cashfin/*}. Not applied globally. */
final class AdminApiTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "cashfin-admin";

    private final AdminApi admin;

    AdminApiTransformer(AdminApi admin) {
        this.admin = admin;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        return admin.handle(serveEvent.getRequest()).toDefinition(0);
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
