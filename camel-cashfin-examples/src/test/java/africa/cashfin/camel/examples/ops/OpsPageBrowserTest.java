package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.HeadlessChromium;

/**
 * The operations page in a real headless Chromium (like the form's {@code WebFormBrowserTest}, same skip rule), as an
 * operator uses it: the page loads; a dropped 1,000-row file's bar moves from its first rows to done; its failed rows
 * download as a CSV with the rows as dropped and the reason; a file put in with the upload box is imported; and the
 * page is refused to a browser that is not on this machine. Screenshots of the page go to {@code target/ops-images/},
 * or, with {@code -Dcashfin.docs.update=true}, to {@code docs/images/} (the ones docs/examples.md shows).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsPageBrowserTest {

    /** 1,000 rows; every 100th has no name (fails): 990 created, 10 failed. */
    static final int ROWS = 1_000;

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.plan", "professional")
            .with("cashfin.deduplicate-by", "none");

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.startOrNull();
        browser = chromium == null ? null : chromium.browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(browser != null, HeadlessChromium.NO_BROWSER);
    }

    @Test
    @Order(1)
    void aDroppedThousandRowFilesBarMovesToDoneAndItsFailedRowsDownload() throws Exception {
        browser.get(APP.baseUrl() + "/ops");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cashfin operations");
        assertThat(browser.findElement(By.id("imports-title")).getText()).isEqualTo("Imports");
        settle().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector(
                "#imports [data-ops-upload-result]")).isEmpty() && browser.findElement(By.id("ops-updated")).getText()
                        .matches(".*\\d.*"));

        APP.drop(thousandRows(), "big-list.csv");

        // the bar moves: part way first (the professional plan's 1,000 calls a minute take about a minute) ...
        settle().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long[] bar = bar("big-list.csv");
            return bar != null && bar[0] > 0 && bar[0] < bar[1] && bar[1] == ROWS;
        });
        assertThat(row("big-list.csv").findElement(By.className("rows")).getText()).matches(
                "[\\d,]+ of about 1,000 rows");
        settle().atMost(Duration.ofSeconds(10)).until(() -> row("big-list.csv").findElement(By.className("left"))
                .getText().matches("about .* left"));
        screenshot("ops-page-importing.png");
        // ... then done, with the counts
        settle().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> "done".equals(
                row("big-list.csv").getAttribute("data-state")));
        long[] bar = bar("big-list.csv");
        assertThat(bar[0]).isEqualTo(bar[1]).isEqualTo(ROWS);
        WebElement done = row("big-list.csv");
        assertThat(done.findElement(By.className("created")).getText()).isEqualTo("990");
        assertThat(done.findElement(By.className("failed-count")).getText()).isEqualTo("10");
        assertThat(done.findElement(By.className("rows")).getText()).isEqualTo("1,000 rows");
        screenshot("ops-page-done.png");

        // the failed rows download: the rows as dropped, with the reason
        done.findElement(By.className("failed-rows")).click();
        Path downloaded = chromium.downloads().resolve("big-list.errors.csv");
        settle().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(downloaded)
                && Files.size(downloaded) > 0 && !Files.exists(chromium.downloads().resolve(
                "big-list.errors.csv.crdownload")));
        List<String> lines = Files.readAllLines(downloaded, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("Full Name,Email,Phone,error");
        assertThat(lines.get(1)).startsWith(",lead100@example.com,+254700000100,").contains("name");
        assertThat(lines.get(10)).startsWith(",lead1000@example.com,");
        assertThat(APP.cashfin().leadCount()).isEqualTo(990);
    }

    @Test
    @Order(2)
    void aFilePutInWithTheUploadBoxIsImported() throws Exception {
        browser.get(APP.baseUrl() + "/ops");
        Path file = Files.createTempDirectory("ops-upload").resolve("from-the-page.csv");
        Files.writeString(file, "Full Name,Email\r\nWanjiru Kamau,wanjiru@example.com\r\nBrian Otieno,brian@example.com\r\n");
        browser.findElement(By.id("ops-upload-file")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("form[data-ops-upload] button[type=submit]")).click();

        settle().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.cssSelector(
                "[data-ops-upload-result]")).getText().startsWith("Taken: from-the-page.csv is in the inbox"));
        settle().atMost(Duration.ofSeconds(60)).until(() -> row("from-the-page.csv") != null && "done".equals(row(
                "from-the-page.csv").getAttribute("data-state")));
        assertThat(row("from-the-page.csv").findElement(By.className("created")).getText()).isEqualTo("2");
        assertThat(APP.leadsFrom("csv")).extracting(l -> l.get("email")).contains("wanjiru@example.com",
                "brian@example.com");
    }

    @Test
    @Order(3)
    void aBrowserNotOnThisMachineIsRefused() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        browser.get("http://" + external.get().getHostAddress() + ":" + APP.setting("camel.server.port") + "/ops");

        assertThat(browser.findElement(By.tagName("body")).getText()).contains(
                "The operations page is served to this machine only");
        assertThat(browser.findElements(By.id("imports"))).isEmpty();
    }

    /** A CSV of {@value #ROWS} rows; every 100th without a name. */
    static byte[] thousandRows() {
        StringBuilder csv = new StringBuilder("Full Name,Email,Phone\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i % 100 == 0 ? "" : "Lead " + i).append(",lead").append(i).append("@example.com,+254700")
                    .append(String.format("%06d", i)).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Awaitility that tries again when the page's refresh replaced an element between the look-up and its use. */
    private static ConditionFactory settle() {
        return await().ignoreExceptionsInstanceOf(StaleElementReferenceException.class);
    }

    private static WebElement row(String name) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#imports tr.import[data-file='" + name + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The file's bar: {value, max}, or null while the file is not listed. */
    private static long[] bar(String name) {
        WebElement row = row(name);
        if (row == null) {
            return null;
        }
        WebElement progress = row.findElement(By.tagName("progress"));
        return new long[] {Math.round(Double.parseDouble(progress.getDomProperty("value"))),
                Math.round(Double.parseDouble(progress.getDomProperty("max")))};
    }

    private static void screenshot(String name) throws Exception {
        boolean docs = Boolean.getBoolean("cashfin.docs.update");
        Path dir = docs ? Path.of("..", "docs", "images") : Path.of("target", "ops-images");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name), png);
    }
}
