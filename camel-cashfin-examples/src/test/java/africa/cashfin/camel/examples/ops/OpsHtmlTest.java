package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The server-side filling of a panel's bindings ({@link OpsHtml}), the same attributes the page's script binds: the
 * page as served shows the figures.
 */
class OpsHtmlTest {

    @Test
    void textAttributesAndVisibilityAreFilledEscaped() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "<b>Ama & \"Kofi\"</b>");
        data.put("percent", 42);
        data.put("none", false);
        data.put("zero", 0);
        data.put("report", "/ops/imports/ab/report");
        data.put("evil", "javascript:alert(1)");
        String html = OpsHtml.bind("""
                <p data-ops-text="name"></p>
                <rect width="0" data-ops-attr="width:percent;onclick:name"></rect>
                <p data-ops-shown="none">nothing</p><p data-ops-hidden="zero">zero</p><p data-ops-shown="percent">x</p>
                <a data-ops-attr="href:report">r</a><a href="#" data-ops-attr="href:evil">e</a>
                <progress data-ops-value="percent" data-ops-max="missing"></progress>
                """, data);
        assertThat(html).contains("<p data-ops-text=\"name\">&lt;b&gt;Ama &amp; &quot;Kofi&quot;&lt;/b&gt;</p>",
                "<rect width=\"42\" data-ops-attr=\"width:percent;onclick:name\"></rect>",
                "<p data-ops-shown=\"none\" hidden>nothing</p>", "<p data-ops-hidden=\"zero\">zero</p>",
                "<p data-ops-shown=\"percent\">x</p>", "<a data-ops-attr=\"href:report\" href=\"/ops/imports/ab/report\">",
                "<a href=\"#\" data-ops-attr=\"href:evil\">e</a>",
                "<progress data-ops-value=\"percent\" data-ops-max=\"missing\" value=\"42\"></progress>");
        assertThat(html).doesNotContain("onclick=");
    }

    @Test
    void attributesWithoutAValueAreKept() {
        // the upload form and its result line are found by them; a download link keeps download
        String html = OpsHtml.bind("<form data-ops-upload action=\"/ops/upload\"><p class=\"muted a\""
                + " data-ops-upload-result role=\"status\"></p><a data-ops-attr=\"href:url\" download"
                + " data-ops-shown=\"url\">x</a></form>", java.util.Map.of("url", "/ops/imports/1/report"));
        assertThat(html).contains("<form data-ops-upload action=\"/ops/upload\">")
                .contains("<p class=\"muted a\" data-ops-upload-result role=\"status\">")
                .contains(" download").contains("href=\"/ops/imports/1/report\"").doesNotContain("hidden");
    }

    @Test
    void aListGetsOneFilledCopyPerItemAfterItsTemplate() {
        Map<String, Object> data = Map.of("title", "Files", "files", List.of(
                Map.of("name", "a.csv", "rows", 3), Map.of("name", "b.csv", "rows", 0)));
        String html = OpsHtml.bind("<h3 data-ops-text=\"title\"></h3><ul data-ops-list=\"files\"><template>"
                                   + "<li><span data-ops-text=\"name\"></span> <b data-ops-shown=\"rows\" data-ops-text=\"rows\"></b></li>"
                                   + "</template></ul><i data-ops-text=\"files.1.name\"></i>", data);
        assertThat(html).isEqualTo("<h3 data-ops-text=\"title\">Files</h3><ul data-ops-list=\"files\"><template>"
                + "<li><span data-ops-text=\"name\"></span> <b data-ops-shown=\"rows\" data-ops-text=\"rows\"></b></li>"
                + "</template>"
                + "<li><span data-ops-text=\"name\">a.csv</span> <b data-ops-shown=\"rows\" data-ops-text=\"rows\">3</b></li>"
                + "<li><span data-ops-text=\"name\">b.csv</span> <b data-ops-shown=\"rows\" data-ops-text=\"rows\" hidden>0</b></li>"
                + "</ul><i data-ops-text=\"files.1.name\">b.csv</i>");
    }
}
