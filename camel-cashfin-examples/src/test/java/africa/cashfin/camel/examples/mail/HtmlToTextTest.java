package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void blocksAndBreaksBecomeLines() {
        assertThat(HtmlToText.convert("<div>One</div><div>Two<br>Three</div><ul><li>a</li><li>b</li></ul>"))
                .isEqualTo("One\nTwo\nThree\na\nb");
    }

    @Test
    void scriptsStylesAndHeadAreDropped() {
        assertThat(HtmlToText.convert("<html><head><title>T</title><style>x{}</style></head>"
                + "<body>Hi<script>evil()</script><noscript>n</noscript></body></html>")).isEqualTo("Hi");
    }

    @Test
    void entitiesAreDecodedAndSpacesCollapsed() {
        assertThat(HtmlToText.convert("<p>Tom&nbsp;&amp;&nbsp;Jerry   &lt;3</p>")).isEqualTo("Tom & Jerry <3");
    }

    @Test
    void tableCellsAreSeparated() {
        assertThat(HtmlToText.convert("<table><tr><td>Name</td><td>Amina</td></tr><tr><td>Budget</td>"
                + "<td>50000</td></tr></table>")).isEqualTo("Name Amina\nBudget 50000");
    }

    @Test
    void blankIsEmpty() {
        assertThat(HtmlToText.convert(null)).isEmpty();
        assertThat(HtmlToText.convert("  ")).isEmpty();
    }

    @Test
    void tidyKeepsOneBlankLineBetweenParagraphs() {
        assertThat(HtmlToText.tidy("  a  \r\n\r\n\r\n\n  b\n")).isEqualTo("a\n\nb");
    }
}
