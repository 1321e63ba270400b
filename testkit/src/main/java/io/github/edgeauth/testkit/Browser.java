package io.github.edgeauth.testkit;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}, installed by
 * {@code .ci/run}; skipped with a message on a machine without them, except in CI), with a fresh profile under
 * {@code target/}, kept from reaching anything beyond this machine ({@link #OPTIONS}).
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /**
     * Chromium's options besides the profile. Its background networking, sync and component updates are off, and
     * yet it still looks up Google's sign-in and update hosts; the resolver rule answers every name but
     * loopback's with "not found", so nothing it does reaches beyond this machine ({@code LoopbackOnlyIT}).
     */
    public static final List<String> OPTIONS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");

    /**
     * Starts Chromium with a fresh profile in {@code profileDir}. Where it is not installed, the calling test is
     * skipped, saying why, or fails in CI ({@code CI} set), which must run it.
     */
    public static ChromeDriver start(Path profileDir) throws IOException {
        return start(profileDir, CHROMIUM);
    }

    /** As above, with {@code executable} run in Chromium's place (one that runs Chromium, such as a tracer's). */
    public static ChromeDriver start(Path profileDir, Path executable) throws IOException {
        return start(profileDir, executable, List.of());
    }

    /** As above, with {@code arguments} added to {@link #OPTIONS} (trust in one test certificate, say). */
    public static ChromeDriver start(Path profileDir, List<String> arguments) throws IOException {
        return start(profileDir, CHROMIUM, arguments);
    }

    private static ChromeDriver start(Path profileDir, Path executable, List<String> arguments) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does this)";
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException(missing); // CI must run the browser test
        }
        // On a developer's machine without Chromium the browser test is skipped, saying why.
        Assumptions.assumeTrue(installed, missing);
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable.toString());
        options.addArguments(OPTIONS);
        options.addArguments(arguments);
        options.addArguments("--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Signs in at the edge at {@code start} through mock-oauth2-server's login page (a name, and the claims
     * to put in the tokens), and waits for the edge's page to greet {@code username}.
     */
    public static void signInAtTheMockProvider(ChromeDriver browser, String start, String username, String claimsJson) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(start);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(username);
        WebElement claims = browser.findElement(By.name("claims"));
        claims.clear();
        claims.sendKeys(claimsJson);
        claims.submit();
        wait.until(ExpectedConditions.textToBe(By.id("who"), username));
    }

    /**
     * Signs {@code username}, with role {@code admin}, in at the edge at {@code edge} (its root URL, no trailing
     * slash) in a fresh browser, and returns the text of the legacy WAR's whoami page reached through the edge's
     * {@code legacy} route.
     */
    public static String legacyPageThroughTheEdge(Path profileDir, String edge, String username) throws IOException {
        ChromeDriver browser = start(profileDir);
        try {
            signInAtTheMockProvider(browser, edge + "/", username, "{\"roles\":[\"admin\"]}");
            browser.get(edge + "/api/legacy/whoami");
            return browser.findElement(By.tagName("body")).getText();
        } finally {
            browser.quit();
        }
    }
}
