package africa.cashfin.camel.examples.ops;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import africa.cashfin.camel.examples.csv.ImportBoard;
import africa.cashfin.camel.examples.csv.ImportBoard.FileView;
import africa.cashfin.camel.examples.csv.ImportBoard.State;

/**
 * The operations page's imports section: every dropped file ({@link ImportBoard}) with a progress bar (rows done of
 * the rows expected, the rate, the time left, "parked until ..." while a file waits for the next day's call budget),
 * its created / duplicates / failed counts and links to download its report and its failed rows
 * ({@code /ops/imports/<id>/report}, {@code /ops/imports/<id>/failed}: ids, never paths); and the upload box that
 * puts a file into the inbox ({@link OpsFiles}).
 */
public final class ImportsPanel implements OpsPanel {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ImportBoard board;

    /** @param board the files and how their imports stand */
    public ImportsPanel(ImportBoard board) {
        this.board = Objects.requireNonNull(board, "board");
    }

    @Override
    public String id() {
        return "imports";
    }

    @Override
    public String title() {
        return "Imports";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String html() {
        return """
                <p class="muted" data-ops-shown="none">No file dropped yet. Drop a .csv, .tsv, .txt or .xlsx file into \
                the inbox, or upload one below.</p>
                <table data-ops-hidden="none">
                <thead><tr><th scope="col">File</th><th scope="col">Progress</th><th scope="col" class="num">Created</th>\
                <th scope="col" class="num">Duplicates</th><th scope="col" class="num">Failed</th>\
                <th scope="col">Downloads</th></tr></thead>
                <tbody data-ops-list="files"><template><tr class="import" data-ops-attr="data-file:name;data-state:state">
                <td><strong data-ops-text="name"></strong><br><span class="muted state" data-ops-text="stateText"></span></td>
                <td><progress data-ops-value="barValue" data-ops-max="barMax" data-ops-attr="aria-label:barLabel">\
                </progress><br><span class="rows" data-ops-text="rowsText"></span> \
                <span class="muted rate" data-ops-text="rateText"></span> \
                <span class="muted left" data-ops-text="leftText"></span>
                <span class="parked" data-ops-shown="parkedText" data-ops-text="parkedText"></span>
                <span class="failed reason" data-ops-shown="reason" data-ops-text="reason"></span></td>
                <td class="num created" data-ops-text="created"></td>
                <td class="num duplicates" data-ops-text="duplicates"></td>
                <td class="num failed-count" data-ops-text="failed"></td>
                <td><a class="report" data-ops-shown="reportUrl" data-ops-attr="href:reportUrl" download>Report</a> \
                <a class="failed-rows" data-ops-shown="failedUrl" data-ops-attr="href:failedUrl" download>Failed rows</a>\
                </td></tr></template></tbody>
                </table>
                <form data-ops-upload action="/ops/upload" method="post">
                <input type="hidden" name="csrf" value="">
                <label for="ops-upload-file">Put a file into the inbox (the same checks as a file dropped there)</label>
                <input id="ops-upload-file" type="file" accept=".csv,.tsv,.txt,.xlsx">
                <button type="submit">Upload</button>
                <p class="muted" data-ops-upload-result role="status"></p>
                </form>
                """;
    }

    @Override
    public Map<String, Object> data() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileView f : board.files()) {
            files.add(item(f));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("none", files.isEmpty());
        data.put("files", files);
        return data;
    }

    private static Map<String, Object> item(FileView f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("state", f.state().name().toLowerCase(Locale.ROOT));
        m.put("stateText", f.state().text());
        long max = f.state() == State.DONE ? Math.max(1, f.rowsDone())
                : f.expectedRows() > 0 ? Math.max(f.expectedRows(), f.rowsDone()) : Math.max(1, f.rowsDone());
        long value = f.state() == State.DONE ? max : f.state() == State.WAITING ? 0 : f.rowsDone();
        m.put("barValue", value);
        m.put("barMax", max);
        m.put("barLabel", f.name() + ": " + f.rowsText());
        m.put("rowsDone", f.rowsDone());
        m.put("expectedRows", f.expectedRows());
        m.put("rowsText", f.rowsText());
        m.put("rateText", f.rateText());
        m.put("leftText", f.leftText());
        m.put("parkedUntil", f.parkedUntil() == null ? null : f.parkedUntil().toString());
        m.put("parkedText", f.parkedUntil() == null ? "" : "parked until " + UTC.format(f.parkedUntil())
                + " (the call budget's next day)");
        m.put("reason", f.reason() == null ? "" : f.reason());
        m.put("created", f.created());
        m.put("duplicates", f.duplicates());
        m.put("failed", f.failed());
        m.put("reportUrl", f.hasReport() ? OpsPage.PATH + "/imports/" + f.id() + "/report" : null);
        m.put("failedUrl", f.hasFailedRows() ? OpsPage.PATH + "/imports/" + f.id() + "/failed" : null);
        return m;
    }
}
