package africa.cashfin.camel.examples.ops;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.form.ContactForm;
import africa.cashfin.camel.examples.form.Html;

/**
 * The operations page's shell, the bean {@code routes/ops.camel.yaml} calls: {@link #access(Exchange)} before every
 * {@code /ops} request ({@link OpsAccess}), {@link #page(Exchange)} for {@code GET /ops} and {@link #data(Exchange)}
 * for {@code GET /ops/data}.
 * <p>
 * The page shows every {@link OpsPanel} bean of the Camel registry (looked up at each request), ordered by
 * {@link OpsPanel#order()}, each as a {@code <section>} with the panel's id, its title as heading and its
 * {@link OpsPanel#html()} with its figures filled in from {@link OpsPanel#data()} on the server ({@code OpsHtml}).
 * Its one script (allowed by a per-response CSP nonce; a panel's HTML can carry no script
 * and no {@code style} attribute, which the CSP blocks) fetches {@code /ops/data} every
 * {@value #REFRESH_MILLIS} ms and fills each section from its panel's {@link OpsPanel#data()} by these attributes of
 * the panel's HTML, paths being dotted member names ({@code files.0.name} works too):
 * <ul>
 * <li>{@code data-ops-text="path"}: the element's text;</li>
 * <li>{@code data-ops-value="path"}, {@code data-ops-max="path"}: a {@code <progress>} or {@code <meter>}'s value and
 * max;</li>
 * <li>{@code data-ops-attr="name:path"} (several separated by {@code ;}): an attribute, e.g. an SVG
 * {@code width:share.percent} or a link's {@code href:reportUrl} (only a relative {@code /ops/} link is set);</li>
 * <li>{@code data-ops-hidden="path"}: hidden when the value is missing, false, 0 or "";
 * {@code data-ops-shown="path"}: the reverse;</li>
 * <li>{@code data-ops-list="path"} on an element holding a {@code <template>}: one copy of the template per item of
 * the list, its own {@code data-ops-*} paths read from the item; an item with an {@code id} member keeps its
 * elements from one refresh to the next (updated in place, so a link keeps its focus).</li>
 * </ul>
 * Every answer has {@code Cache-Control: no-store}, a CSP without {@code unsafe-inline} ({@code frame-ancestors 'none'},
 * {@code form-action 'self'}, {@code connect-src 'self'}), {@code X-Frame-Options: DENY}, {@code nosniff} and
 * {@code Referrer-Policy: no-referrer}. The page also sets the upload's CSRF cookie ({@link OpsCsrf}).
 */
public final class OpsPage {

    /** Exchange property set by {@link #access(Exchange)}: true when the request was refused (answer already set). */
    public static final String REFUSED = "CashfinOpsRefused";
    /** How often the page's script refreshes the figures. */
    public static final int REFRESH_MILLIS = 1000;
    /** The page's path. */
    public static final String PATH = "/ops";

    private static final Logger LOG = LoggerFactory.getLogger(OpsPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CamelContext context;
    private final OpsAccess access;
    private final OpsCsrf csrf;

    /**
     * @param context where the panels are looked up
     * @param access  who may see the page
     * @param csrf    the upload's CSRF tokens
     */
    public OpsPage(CamelContext context, OpsAccess access, OpsCsrf csrf) {
        this.context = Objects.requireNonNull(context, "context");
        this.access = Objects.requireNonNull(access, "access");
        this.csrf = Objects.requireNonNull(csrf, "csrf");
    }

    /**
     * Checks the request against {@link OpsAccess}; a refused one is answered here (403 or 401, one plain line, no
     * request header echoed) and exchange property {@value #REFUSED} set, so the route stops.
     */
    public void access(Exchange exchange) {
        Message m = exchange.getMessage();
        OpsAccess.Decision decision = access.check(ContactForm.remoteAddress(exchange),
                ContactForm.forwardedFor(m.getHeader("X-Forwarded-For")), m.getHeader("Forwarded", String.class),
                m.getHeader("Authorization", String.class));
        if (decision == OpsAccess.Decision.ALLOWED) {
            exchange.setProperty(REFUSED, false);
            return;
        }
        LOG.debug("Operations page: {} refused ({})", m.getHeader(Exchange.HTTP_PATH, String.class), decision);
        m.removeHeaders("*");
        securityHeaders(m, null);
        if (decision == OpsAccess.Decision.UNAUTHORIZED) {
            m.setHeader("WWW-Authenticate", access.basicAuthentication()
                    ? "Basic realm=\"cashfin-ops\", charset=\"UTF-8\"" : "Bearer realm=\"cashfin-ops\"");
        }
        plain(m, decision.status(), decision.text());
        exchange.setProperty(REFUSED, true);
    }

    /** Answers with {@code status} and the one plain-text line {@code line} (every plain answer under the page). */
    static void plain(Message m, int status, String line) {
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        m.setBody(line + "\n");
    }

    /** The panels of the registry, in page order. */
    public List<OpsPanel> panels() {
        List<OpsPanel> panels = new ArrayList<>(context.getRegistry().findByType(OpsPanel.class));
        panels.sort(Comparator.comparingInt(OpsPanel::order).thenComparing(OpsPanel::id));
        return panels;
    }

    /** Answers {@code GET /ops} with the page (and sets the CSRF cookie when the browser has none). */
    public void page(Exchange exchange) {
        Message m = exchange.getMessage();
        String nonce = randomToken(16);
        String token = csrf.tokenFor(m.getHeader("Cookie", String.class));
        String html = render(nonce, token);
        securityHeaders(m, nonce);
        m.setHeader("Set-Cookie", csrf.cookie(token));
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        m.setBody(html);
    }

    /** Answers {@code GET /ops/data}: a JSON object, panel id to its {@link OpsPanel#data()}. */
    public void data(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> all = new LinkedHashMap<>();
        for (OpsPanel panel : panels()) {
            all.put(panel.id(), panel.data());
        }
        Message m = exchange.getMessage();
        securityHeaders(m, null);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        m.setBody(JSON.writeValueAsString(all));
    }

    /** The security headers of every {@code /ops} answer, as {@link #securityHeaders} sets them (nonce aside). */
    private static final Map<String, String> SECURITY_HEADERS = Map.of("Cache-Control", "no-store",
            "X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
    private static final String CSP = "Content-Security-Policy";
    /**
     * The only headers an {@code /ops} answer carries (lower case): the security headers and the answer's own; the
     * endpoints' header filter ({@link OpsHeaderFilter}) drops every other, so nothing of the request comes back.
     */
    static final Set<String> ANSWER_HEADERS = answerHeaders();

    private static Set<String> answerHeaders() {
        Set<String> names = new HashSet<>();
        SECURITY_HEADERS.keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        for (String n : new String[] {CSP, Exchange.CONTENT_TYPE, "Content-Disposition", "Set-Cookie",
                "WWW-Authenticate"}) {
            names.add(n.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(names);
    }

    /**
     * The headers of every {@code /ops} answer; {@code nonce} is the page's script and style nonce (null for answers
     * that are not the page: they allow no script and no style at all).
     */
    public static void securityHeaders(Message m, String nonce) {
        String csp = "default-src 'none'; " + (nonce == null ? ""
                : "script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; connect-src 'self'; ")
                     + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        m.setHeader(CSP, csp);
        SECURITY_HEADERS.forEach(m::setHeader);
    }

    String render(String nonce, String csrfToken) {
        List<OpsPanel> panels = panels();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"ops-csrf\" content=\"").append(Html.escape(csrfToken)).append("\">\n")
                .append("<title>Cashfin operations</title>\n<style nonce=\"").append(nonce).append("\">\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<header>\n<h1>Cashfin operations</h1>\n")
                .append("<nav aria-label=\"Sections\"><ul>\n");
        for (OpsPanel p : panels) {
            h.append("<li><a href=\"#").append(Html.escape(p.id())).append("\">").append(Html.escape(p.title()))
                    .append("</a></li>\n");
        }
        h.append("</ul></nav>\n<p class=\"updated\">Updated <time id=\"ops-updated\">now</time>"
                 + " <span id=\"ops-status\" role=\"status\"></span></p>\n</header>\n<main>\n");
        if (panels.isEmpty()) {
            h.append("<p>No sections: no operations panel is bound in this app.</p>\n");
        }
        for (OpsPanel p : panels) {
            String id = Html.escape(p.id());
            // the figures filled in on the server (the page is whole without its script), from the same data()
            String html = OpsHtml.bind(p.html(), p.data());
            h.append("<section id=\"").append(id).append("\" class=\"panel\" aria-labelledby=\"").append(id)
                    .append("-title\">\n<h2 id=\"").append(id).append("-title\">").append(Html.escape(p.title()))
                    .append("</h2>\n").append(html).append("\n</section>\n");
        }
        h.append("</main>\n<script nonce=\"").append(nonce).append("\">\n").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.4}
            header{background:#0f3d5e;color:#fff;padding:.75rem 1.5rem}
            header h1{margin:0;font-size:1.4rem}
            nav ul{list-style:none;margin:.3rem 0 0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
            nav a{color:#fff}
            .updated{margin:.3rem 0 0;font-size:.85rem;opacity:.85}
            main{padding:1rem 1.5rem;display:grid;gap:1rem}
            .panel{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:.75rem 1rem}
            .panel h2{margin:0 0 .5rem;font-size:1.15rem}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
            th{font-size:.85rem;color:#444}
            progress,meter{width:100%;height:1.1rem}
            .num{text-align:right;font-variant-numeric:tabular-nums}
            .muted{color:#555;font-size:.85rem}
            .parked{color:#8a4b00;font-weight:600}
            .failed{color:#b00020}
            .ok{color:#166534}
            button{font:inherit;padding:.4rem 1rem}
            form{margin-top:.75rem}
            form label{display:block;font-weight:600;margin-bottom:.25rem}
            a:focus,button:focus,input:focus{outline:3px solid #1d4ed8;outline-offset:2px}
            [hidden]{display:none!important}
            """;

    /** The page's one script: fills the sections from /ops/data (see the class comment) and sends the upload. */
    private static final String SCRIPT = """
            (function () {
              'use strict';
              function at(obj, path) {
                if (!path) { return obj; }
                return path.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
              }
              function empty(v) { return v === undefined || v === null || v === false || v === 0 || v === ''; }
              function own(el, root) {
                var list = el.parentElement && el.parentElement.closest('[data-ops-list]');
                return !list || list === root || !root.contains(list);
              }
              function bind(root, data) {
                root.querySelectorAll('[data-ops-list]').forEach(function (el) {
                  if (!own(el, root)) { return; }
                  var tpl = el.querySelector(':scope > template');
                  if (!tpl) { return; }
                  var items = at(data, el.getAttribute('data-ops-list')) || [];
                  var touched = new Set();
                  items.forEach(function (item) {
                    var key = item && item.id != null ? String(item.id) : null;
                    var found = key === null ? null : Array.from(el.children).find(function (c) {
                      return c.getAttribute('data-ops-key') === key;
                    });
                    if (found) {
                      fill(found, item);
                      el.appendChild(found);
                      touched.add(found);
                      return;
                    }
                    var holder = document.createElement('div');
                    holder.appendChild(tpl.content.cloneNode(true));
                    Array.from(holder.children).forEach(function (c) {
                      if (key !== null) { c.setAttribute('data-ops-key', key); }
                      fill(c, item);
                      touched.add(c);
                      el.appendChild(c);
                    });
                  });
                  Array.from(el.children).forEach(function (c) {
                    if (c !== tpl && !touched.has(c)) { el.removeChild(c); }
                  });
                });
                fill(root, data);
              }
              function fill(root, data) {
                function each(sel, fn) {
                  var all = Array.from(root.querySelectorAll(sel));
                  if (root.matches(sel)) { all.unshift(root); }
                  all.forEach(function (el) { if (own(el, root)) { fn(el); } });
                }
                each('[data-ops-text]', function (el) {
                  var v = at(data, el.getAttribute('data-ops-text'));
                  el.textContent = v == null ? '' : String(v);
                });
                each('[data-ops-value]', function (el) {
                  var v = Number(at(data, el.getAttribute('data-ops-value')));
                  if (!isNaN(v)) { el.value = v; }
                });
                each('[data-ops-max]', function (el) {
                  var v = Number(at(data, el.getAttribute('data-ops-max')));
                  if (!isNaN(v) && v > 0) { el.max = v; }
                });
                each('[data-ops-attr]', function (el) {
                  el.getAttribute('data-ops-attr').split(';').forEach(function (pair) {
                    var i = pair.indexOf(':');
                    if (i < 1) { return; }
                    var name = pair.slice(0, i).trim(), v = at(data, pair.slice(i + 1).trim());
                    if (/^on/i.test(name) || name === 'style') { return; }
                    if ((name === 'href' || name === 'src') && !/^\\/ops\\//.test(String(v))) { return; }
                    if (v == null) { el.removeAttribute(name); } else { el.setAttribute(name, String(v)); }
                  });
                });
                each('[data-ops-hidden]', function (el) {
                  el.hidden = !empty(at(data, el.getAttribute('data-ops-hidden')));
                });
                each('[data-ops-shown]', function (el) {
                  el.hidden = empty(at(data, el.getAttribute('data-ops-shown')));
                });
              }
              var status = document.getElementById('ops-status');
              function refresh() {
                fetch('/ops/data', {credentials: 'same-origin', cache: 'no-store'}).then(function (r) {
                  if (!r.ok) { throw new Error('HTTP ' + r.status); }
                  return r.json();
                }).then(function (all) {
                  Object.keys(all).forEach(function (id) {
                    var section = document.getElementById(id);
                    if (section) { bind(section, all[id]); }
                  });
                  document.getElementById('ops-updated').textContent = new Date().toLocaleTimeString();
                  status.textContent = '';
                }).catch(function (e) {
                  status.textContent = '(not refreshed: ' + e.message + ')';
                });
              }
              document.querySelectorAll('form[data-ops-upload]').forEach(function (form) {
                form.addEventListener('submit', function (ev) {
                  ev.preventDefault();
                  var input = form.querySelector('input[type=file]');
                  var out = form.querySelector('[data-ops-upload-result]');
                  var token = form.querySelector('input[name=csrf]').value;
                  if (!input.files.length) { out.textContent = 'Choose a file first.'; return; }
                  var file = input.files[0];
                  out.textContent = 'Uploading ' + file.name + '...';
                  fetch(form.getAttribute('action') + '?name=' + encodeURIComponent(file.name), {
                    method: 'POST', credentials: 'same-origin', body: file,
                    headers: {'Content-Type': 'application/octet-stream', 'X-Ops-Csrf': token}
                  }).then(function (r) {
                    return r.text().then(function (t) { out.textContent = t; if (r.ok) { form.reset(); refresh(); } });
                  }).catch(function (e) { out.textContent = 'Not uploaded: ' + e.message; });
                });
              });
              var token = document.querySelector('meta[name=ops-csrf]').getAttribute('content');
              document.querySelectorAll('form[data-ops-upload] input[name=csrf]').forEach(function (i) {
                i.value = token;
              });
              refresh();
              setInterval(refresh, %d);
            })();
            """.formatted(REFRESH_MILLIS);
}
