package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.HeadlessChromium;

/**
 * Flow 2 end to end in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium with the local driver; nothing is downloaded): fill the form, submit, see the thank-you page, find the lead
 * in Cashfin; submit an invalid form and see it again with the error.
 * <p>
 * Skipped only when {@code /usr/bin/chromium} is missing and the environment variable {@code CI} is not set
 * ({@link HeadlessChromium}): each test is then reported as skipped, with the reason and the install command in the
 * build output. In CI it always runs (CI installs the browser), so a missing browser there fails the build.
 */
class WebFormBrowserTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

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
    void resetCashfin() {
        Assumptions.assumeTrue(browser != null, HeadlessChromium.NO_BROWSER);
        APP.cashfin().reset();
    }

    @Test
    void visitorFillsTheFormAndSeesTheThankYouPage() {
        browser.get(APP.baseUrl() + APP.setting("cashfin.form.path"));
        type("name", "Amina Otieno");
        type("email", "amina.otieno@savannah-solar.example");
        type("phone", "+254 722 000 001");
        type("company", "Savannah Solar Ltd");
        type("budget", "KES 1,500,000");
        type("message", "A quote for 20 solar installations, please.");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement heading = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(heading.getText()).isEqualTo("Thank you, Amina Otieno");
        await().atMost(Duration.ofSeconds(30)).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().leads().get(0)).containsEntry("name", "Amina Otieno")
                .containsEntry("email", "amina.otieno@savannah-solar.example").containsEntry("source", "website")
                .containsEntry("phone", "+254722000001").containsEntry("company", "Savannah Solar Ltd");
    }

    @Test
    void invalidSubmissionIsShownAgainWithTheError() {
        browser.get(APP.baseUrl() + APP.setting("cashfin.form.path"));
        type("name", "Kwame Mensah");
        // the browser's own check of type=email is switched off so the server's validation is what is tested
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('form').setAttribute('novalidate', '')");
        type("email", "kwame-at-accra");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(summary.getText()).contains("Enter an e-mail address");
        WebElement email = browser.findElement(By.id("email"));
        assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(email.getAttribute("value")).isEqualTo("kwame-at-accra");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Kwame Mensah");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
