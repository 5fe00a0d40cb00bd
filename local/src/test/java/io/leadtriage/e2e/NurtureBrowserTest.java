package io.leadtriage.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Nurture screen in headless Chromium against the local run: a marketer sees a sequence step's sent
 * email counted, edits the step's template and watches the server's preview follow, sends a test that the run's mail
 * catcher receives, and saves the edit as the next model version; at a phone's width nothing scrolls sideways.
 */
class NurtureBrowserTest {
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    @Test
    void aMarketerEditsAStepPreviewsItSendsATestAndSavesANewModelVersion() throws Exception {
        String email = "nora+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        site.post("/v1/forms/newsletter", "{\"email\":\"" + email + "\",\"name\":\"Nora Reader\",\"consent\":true}");
        site.post("/_local/dispatch", "{}");
        assertThat(site.emailsTo("nurture", email)).as("the welcome step went out").isNotEmpty();
        long versionBefore = site.runner().services().changeModel().inEffect().version();
        WebDriver browser = site.browser();
        WebDriverWait waiting = site.signInToConsole(browser);

        browser.findElement(By.linkText("Nurture")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Nurture"));
        WebElement sentCell = waiting.until(d -> d.findElements(By.cssSelector("tr[data-step] td[data-figure=sent]")).stream()
                .filter(td -> !td.getText().startsWith("0")).findFirst().orElse(null));
        WebElement step = sentCell.findElement(By.xpath("./ancestor::tr"));
        assertThat(step.findElement(By.cssSelector("td[data-label=Template]")).getText()).isEqualTo("welcome");
        HeadlessChromium.screenshot(browser, "nurture-1-sequences");

        step.findElement(By.linkText("Edit")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Template welcome"));
        waiting.until(d -> !d.findElement(By.id("preview-subject")).getText().isEmpty());
        WebElement subject = browser.findElement(By.id("tpl-subject"));
        assertThat(browser.findElement(By.cssSelector("label[for=tpl-subject]")).getText()).isEqualTo("Subject");
        subject.clear();
        subject.sendKeys("A note for {{firstName}} at {{company}}");
        waiting.until(ExpectedConditions.textToBe(By.id("preview-subject"), "A note for Jane at Acme Analytics"));
        assertThat(browser.findElement(By.id("preview-text")).getText()).contains("Jane");

        subject.sendKeys(" {{#firstName}}");
        waiting.until(ExpectedConditions.attributeToBe(By.id("tpl-subject"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.id("err-subject")).getText()).as("the problem shown at its field").isNotEmpty();
        subject.clear();
        subject.sendKeys("A note for {{firstName}} at {{company}}");
        waiting.until(d -> d.findElement(By.id("err-subject")).getText().isEmpty());

        WebElement to = browser.findElement(By.id("tpl-to"));
        to.clear();
        to.sendKeys("someone@elsewhere.example");
        browser.findElement(By.id("send-test")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("err-to"), "is not one of them"));
        to.clear();
        to.sendKeys("sales@leadtriage.example");
        browser.findElement(By.id("send-test")).click();
        waiting.until(d -> {
            try {
                return !site.emails("nurture", "[Test] A note for Jane at Acme Analytics").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(site.emailsTo("nurture", "sales@leadtriage.example")).isNotEmpty();

        browser.findElement(By.id("save-template")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved-version"),
                "version " + (versionBefore + 1)));
        assertThat(site.runner().services().changeModel().inEffect().version()).isEqualTo(versionBefore + 1);
        assertThat(site.runner().services().models().refreshNow().model().templates().get("welcome").subject())
                .isEqualTo("A note for {{firstName}} at {{company}}");
        assertThat(browser.findElement(By.id("editor-status")).getText()).isEmpty();
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        HeadlessChromium.screenshot(browser, "nurture-2-editor");
        Files.copy(Path.of("target/screenshots/nurture-2-editor.png"), Path.of("../docs/console/nurture.png"),
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(browser.manage().logs().get("browser").getAll())
                .as("nothing the screen uses is refused by its CSP").noneMatch(e -> e.getMessage().contains("Content Security Policy"));
    }

    @Test
    void atAPhonesWidthTheScreenAndItsEditorDoNotScrollSideways() throws Exception {
        WebDriver browser = site.browser();
        browser.manage().window().setSize(new Dimension(390, 844));
        WebDriverWait waiting = site.signInToConsole(browser);

        for (String view : new String[] {"#/nurture", "#/nurture/template/welcome"}) {
            browser.get(site.baseUrl() + "/console/" + view);
            waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
            waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"),
                    view.endsWith("welcome") ? "Template" : "Nurture"));
            if (view.endsWith("welcome")) {
                waiting.until(d -> !d.findElement(By.id("preview-subject")).getText().isEmpty());
                HeadlessChromium.screenshot(browser, "nurture-3-phone");
            }
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.scrollingElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as(view).isLessThanOrEqualTo(0);
        }
    }
}
