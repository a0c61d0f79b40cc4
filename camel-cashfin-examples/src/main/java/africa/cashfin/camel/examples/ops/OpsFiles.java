package africa.cashfin.camel.examples.ops;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.LogSafe;
import africa.cashfin.camel.examples.csv.ImportBoard;
import africa.cashfin.camel.examples.csv.InboxDrop;

/**
 * The imports section's two actions, the bean {@code routes/ops.camel.yaml} calls as {@code opsFiles}:
 * <ul>
 * <li>{@link #download(Exchange)}: {@code GET /ops/imports/{id}/report} and {@code .../failed} answer a listed file's
 * {@code .report.csv} or {@code .errors.csv} (the failed rows) as a CSV download. The file is found from the id
 * among the files {@link ImportBoard} lists, never from a path in the request: 16 hex digits or 404.</li>
 * <li>{@link #upload(Exchange)}: {@code POST /ops/upload?name=<file name>} with the file as the body puts it into the
 * inbox through {@link InboxDrop} (the inbox's own name and type rules), after the CSRF check ({@link OpsCsrf}).
 * The body has its own limit ({@value OpsFlow#MAX_UPLOAD_SIZE}, 413 above it; {@link OpsFlow}), for a request that
 * passes the page's access and CSRF checks; any other keeps the server's (the form's).</li>
 * </ul>
 * Every answer has the page's security headers ({@link OpsPage#securityHeaders}).
 */
public final class OpsFiles {

    /** The upload's path. */
    public static final String UPLOAD_PATH = OpsPage.PATH + "/upload";

    private static final Logger LOG = LoggerFactory.getLogger(OpsFiles.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final ImportBoard board;
    private final InboxDrop inbox;
    private final OpsCsrf csrf;

    /**
     * @param board the listed files
     * @param inbox where an upload goes
     * @param csrf  the upload's CSRF check
     */
    public OpsFiles(ImportBoard board, InboxDrop inbox, OpsCsrf csrf) {
        this.board = Objects.requireNonNull(board, "board");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.csrf = Objects.requireNonNull(csrf, "csrf");
    }

    /** Answers a listed file's report ({@code kind} {@code report}) or failed rows ({@code failed}); else 404. */
    public void download(Exchange exchange) {
        Message m = exchange.getMessage();
        String id = m.getHeader("id", String.class);
        String kind = m.getHeader("kind", String.class);
        Optional<Path> file = id == null || !ID.matcher(id).matches() ? Optional.empty()
                : "report".equals(kind) ? board.reportFile(id)
                : "failed".equals(kind) ? board.failedRowsFile(id) : Optional.empty();
        OpsPage.securityHeaders(m, null);
        if (file.isEmpty()) {
            OpsPage.plain(m, 404, "No such report: the file is not listed on the operations page (any more), or it has no "
                         + ("failed".equals(kind) ? "failed rows." : "report yet."));
            return;
        }
        String name = file.get().getFileName().toString();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        m.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._ -]", "_")
                + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        m.setBody(file.get().toFile());
    }

    /** Puts the body into the inbox as {@code name} (query parameter), after the CSRF check; see the class comment. */
    public void upload(Exchange exchange) {
        Message m = exchange.getMessage();
        String refusal = csrf.refusal(m.getHeader("Cookie", String.class), m.getHeader(OpsCsrf.HEADER, String.class),
                m.getHeader("Sec-Fetch-Site", String.class));
        String name = m.getHeader("name", String.class);
        OpsPage.securityHeaders(m, null);
        if (refusal != null) {
            LOG.warn("Operations page: an upload was refused: {}", refusal);
            OpsPage.plain(m, 403, refusal);
            return;
        }
        try (InputStream in = body(m)) {
            Path put = inbox.put(name, in);
            LOG.info("Operations page: {} uploaded into the inbox ({} bytes)", put.getFileName(), Files.size(put));
            OpsPage.plain(m, 201, "Taken: " + put.getFileName() + " is in the inbox; it is listed here once the import reads it.");
        } catch (InboxDrop.RefusedException e) {
            LOG.info("Operations page: an upload was not taken: {}", LogSafe.oneLine(e.getMessage()));
            OpsPage.plain(m, e.status(), e.getMessage());
        } catch (java.io.IOException e) {
            OpsPage.plain(m, 500, "Not taken: " + e.getMessage());
        }
    }

    /** The upload's body as read by the HTTP server (a Vert.x buffer, read without a copy: it may be large). */
    private static InputStream body(Message m) {
        Object body = m.getBody();
        if (body instanceof Buffer buffer) {
            return new ByteBufInputStream(buffer.getByteBuf());
        }
        byte[] bytes = m.getBody(byte[].class);
        return new ByteArrayInputStream(bytes == null ? new byte[0] : bytes);
    }
}
