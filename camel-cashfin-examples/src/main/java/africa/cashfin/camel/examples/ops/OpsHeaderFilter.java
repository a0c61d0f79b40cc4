package africa.cashfin.camel.examples.ops;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * The header filter of the {@code /ops} endpoints ({@code headerFilterStrategy=#opsHeaderFilter}): Camel's HTTP filter
 * drops {@code Cache-Control} from every answer, and the page's answers must carry {@code Cache-Control: no-store}
 * (figures and reports are not to be kept by a browser or a proxy). This filter keeps it and drops, both ways, the
 * {@code Camel*} headers and the hop-by-hop ones the HTTP filter drops. The routes remove every request header before
 * answering, so nothing of the request is echoed either way.
 */
public final class OpsHeaderFilter extends DefaultHeaderFilterStrategy {

    public OpsHeaderFilter() {
        setLowerCase(true);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        for (String h : new String[] {"content-length", "host", "connection", "date", "pragma", "trailer",
                "transfer-encoding", "upgrade", "via", "warning"}) {
            getOutFilter().add(h);
        }
    }
}
