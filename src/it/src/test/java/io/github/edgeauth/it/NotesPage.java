package io.github.edgeauth.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's server-rendered notes WAR, reached through the edge in a browser, as a person uses it: by its
 * links, forms and buttons, never by typing its URLs (but the first).
 */
final class NotesPage {
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    private NotesPage(ChromeDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Opens {@code /notes} (no slash: the WAR's own redirect adds it) at the edge at {@code edgeOrigin}. */
    static NotesPage open(ChromeDriver browser, String edgeOrigin) {
        browser.get(edgeOrigin + "/notes");
        NotesPage page = new NotesPage(browser);
        page.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        return page;
    }

    /** Whom the page greets: the WAR's {@code request.getUserPrincipal().getName()}. */
    String greeting() {
        return browser.findElement(By.id("greeting")).getText();
    }

    String url() {
        return browser.getCurrentUrl();
    }

    List<String> notes() {
        return browser.findElements(By.cssSelector("#notes li")).stream().map(WebElement::getText).toList();
    }

    List<String> files() {
        return browser.findElements(By.cssSelector("#files li a")).stream().map(WebElement::getText).toList();
    }

    boolean offersAdministration() {
        return !browser.findElements(By.id("admin")).isEmpty();
    }

    /** Types a note and saves it; the WAR redirects back to its home page. */
    NotesPage save(String note) {
        browser.findElement(By.id("text")).sendKeys(note);
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notes"), note));
        return this;
    }

    /** Uploads {@code file} with the page's multipart form. */
    NotesPage upload(Path file) {
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("files"), file.getFileName().toString()));
        return this;
    }

    /**
     * What the browser gets from the first file's download link: the status, the {@code Content-Disposition}
     * and the body (fetched by the page, with the page's cookies, as the link would).
     */
    List<Object> downloadFirstFile() {
        String href = browser.findElement(By.cssSelector("#files li a")).getAttribute("href");
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text().then(t =>"
                        + " done([r.status, r.headers.get('content-disposition') || '', t])))"
                        + ".catch(e => done([0, String(e), '']));", href);
        return answer;
    }

    /** Follows the page's About link and the About page's link back; returns the About page's text. */
    String aboutAndBack() {
        browser.findElement(By.id("about")).click();
        String about = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("about-text"))).getText();
        browser.findElement(By.id("home")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
        return about;
    }

    /** Follows the Administration link; returns the page's title, or its body when refused. */
    String administration() {
        browser.findElement(By.id("admin")).click();
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("admin-title"))).getText();
    }

    /** Signs out with the page's button (the edge's sign-out); waits for the provider's sign-in page. */
    void signOut() {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    }
}
