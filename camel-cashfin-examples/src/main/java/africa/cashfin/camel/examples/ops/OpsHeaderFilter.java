package africa.cashfin.camel.examples.ops;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * The header filter of the {@code /ops} endpoints ({@code headerFilterStrategy=#opsHeaderFilter}): an answer carries
 * only the headers of {@link OpsPage#ANSWER_HEADERS} (the security headers, {@code Content-Type},
 * {@code Content-Disposition}, {@code Set-Cookie}, {@code WWW-Authenticate}), so nothing of the request
 * ({@code Authorization}, {@code Cookie}, any header a client makes up) comes back, whatever a route leaves on the
 * message. Camel's HTTP filter would drop {@code Cache-Control}, which the page's answers must carry
 * ({@code no-store}: figures and reports are not to be kept by a browser or a proxy). Into the route every request
 * header but Camel's own and the hop-by-hop ones goes, as with Camel's filter.
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

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !OpsPage.ANSWER_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))
               || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
