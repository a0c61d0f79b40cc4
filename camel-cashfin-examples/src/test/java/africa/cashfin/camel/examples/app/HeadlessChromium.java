package africa.cashfin.camel.examples.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the browser tests (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium with the local driver; nothing is downloaded). The tests are skipped only when {@code /usr/bin/chromium} is
 * missing and the environment variable {@code CI} is not set ({@link #available()}); in CI they always run (CI
 * installs the browser), so a missing browser there fails the build.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The browser. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Its driver. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Why a browser test is skipped on a machine without the browser; JUnit prints it with each skipped test. */
    public static final String NO_BROWSER = "Skipped: no " + CHROMIUM + " and " + CHROMEDRIVER + " on this machine"
            + " (install them with: apt-get install -y chromium chromium-driver, as .ci/run does); in CI (CI set) this"
            + " test always runs";

    private final ChromeDriverService service;
    private final WebDriver browser;
    private final Path profile;
    private final Path downloads;

    private HeadlessChromium() throws IOException {
        // the local driver only: Selenium Manager must not look for or download one
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("cashfin-chromium-");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60)).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(CHROMIUM.toString()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** True when the browser is installed or CI is set (then a missing browser fails the start). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) || System.getenv("CI") != null;
    }

    /** Starts the browser, or returns null (after printing {@link #NO_BROWSER}) when it is not {@link #available()}. */
    public static HeadlessChromium startOrNull() throws IOException {
        if (!available()) {
            // each test is then reported as skipped with NO_BROWSER (an assumption here would hide them from the count)
            System.err.println(NO_BROWSER);
            return null;
        }
        return new HeadlessChromium();
    }

    /** The driver. */
    public WebDriver browser() {
        return browser;
    }

    /** Where the browser saves downloads. */
    public Path downloads() {
        return downloads;
    }

    @Override
    public void close() {
        browser.quit();
        service.stop();
    }
}
