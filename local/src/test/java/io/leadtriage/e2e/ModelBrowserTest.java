package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Model screen in headless Chromium against the local run: a marketer changes a rule's points in the form, sees a
 * bad value refused at its field (focus on it), stages calibration's suggestion, dry-runs the draft (the leads it would
 * move), applies it, finds the new version in the history with its diff, and rolls back to the model file; then the
 * funnel's leads per day by tier. Nothing scrolls sideways at a phone's width. The screenshot is docs/console/model.png.
 */
class ModelBrowserTest {
    static final String NEWSLETTER_POINTS = "f-behaviour-rules-newsletter-signup-points";
    static final String TIMELINE_NOW_POINTS = "f-fit-timeline-now-points";

    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    /** Twelve closed newsletter leads: those who wanted to start now won, the others lost; calibration sees it. */
    void closedLeads() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            boolean now = i % 2 == 0;
            String email = "reader" + i + "+" + run + "@acme-analytics.io";
            site.post("/v1/forms/newsletter", "{\"email\":\"" + email + "\",\"timeline\":\"" + (now ? "now" : "6m+") + "\"}");
            String leadId = site.lead(email).orElseThrow().id();
            site.admin("POST", "/v1/admin/leads/" + leadId + "/outcome", "{\"outcome\":\"" + (now ? "won" : "lost") + "\"}");
        }
    }

    @Test
    void aMarketerEditsStagesDryRunsAppliesAndRollsBackTheModel() throws Exception {
        closedLeads();
        String shipped = BrowserOnLocalRun.JSON.readTree(site.admin("GET", "/v1/admin/config", null)).path("yaml").asText();
        WebDriver browser = site.browser();
        WebDriverWait waiting = site.signInToConsole();
        waiting.ignoring(StaleElementReferenceException.class); // the form is drawn again from each checked draft
        browser.findElement(By.linkText("Model")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id(NEWSLETTER_POINTS)));
        assertThat(browser.findElement(By.cssSelector("label[for=" + NEWSLETTER_POINTS + "]")).getAttribute("textContent"))
                .isEqualTo("Points of behaviour rule newsletter-signup");

        WebElement points = browser.findElement(By.id(NEWSLETTER_POINTS));
        points.clear();
        points.sendKeys("lots");
        browser.findElement(By.xpath("//button[text()='Check changes']")).click();
        WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        assertThat(error.getText()).isEqualTo("expected a whole number");
        points = browser.findElement(By.id(NEWSLETTER_POINTS));
        assertThat(points.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(points.getAttribute("aria-describedby")).isEqualTo(error.getAttribute("id"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the field in error").isEqualTo(NEWSLETTER_POINTS);

        points.clear();
        points.sendKeys("30");
        browser.findElement(By.xpath("//button[text()='Check changes']")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft: changed"));
        assertThat(browser.findElements(By.cssSelector(".field-error"))).isEmpty();

        WebElement stage = waiting.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label$='points for timeline-now']")));
        String suggested = stage.getAttribute("aria-label").replaceAll("Stage (-?\\d+) points.*", "$1");
        assertThat(suggested).isNotEqualTo("20");
        click(browser, stage);
        waiting.until(d -> d.findElement(By.id(TIMELINE_NOW_POINTS)).getAttribute("value").equals(suggested));
        assertThat(browser.findElement(By.id(NEWSLETTER_POINTS)).getAttribute("value")).as("the earlier change kept").isEqualTo("30");

        click(browser, browser.findElement(By.id("dry-run-button")));
        WebElement count = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("dry-run-count")));
        Matcher changing = Pattern.compile("(\\d+) leads? would change tier").matcher(count.getText());
        assertThat(changing.find()).as(count.getText()).isTrue();
        assertThat(Integer.parseInt(changing.group(1))).as("the cold readers turn warm at 30 points a signup").isGreaterThanOrEqualTo(6);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('toast').textContent = '';"
                + " document.getElementById('calibration').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "model");

        click(browser, browser.findElement(By.id("apply")));
        waiting.until(ExpectedConditions.alertIsPresent()).accept();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Version 1 in effect"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("1 · in effect", "0 (the model file)");
        JsonNode applied = BrowserOnLocalRun.JSON.readTree(site.admin("GET", "/v1/admin/config", null));
        assertThat(applied.path("yaml").asText()).contains("points: " + suggested).isNotEqualTo(shipped);

        click(browser, browser.findElement(By.cssSelector("button[aria-label='Diff of version 0']")));
        WebElement diff = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff ol.diff")));
        // Each line as a screen reader reads it: what became of it, then the line.
        assertThat(browser.findElements(By.cssSelector("#diff li.del"))).extracting(li -> li.getAttribute("textContent"))
                .containsExactly("removed: -    points: 20", "removed: -      points: 5");
        assertThat(browser.findElements(By.cssSelector("#diff li.add"))).extracting(li -> li.getAttribute("textContent"))
                .containsExactly("added: +    points: " + suggested, "added: +      points: 30");
        assertThat(diff.getText()).contains("…");

        click(browser, browser.findElement(By.cssSelector("button[aria-label='Roll back to version 0']")));
        waiting.until(ExpectedConditions.alertIsPresent()).accept();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Version 2 in effect"));
        JsonNode rolledBack = BrowserOnLocalRun.JSON.readTree(site.admin("GET", "/v1/admin/config", null));
        assertThat(rolledBack.path("yaml").asText()).as("a new version equal to the model file").isEqualTo(shipped);
        assertThat(rolledBack.path("history")).hasSize(2);

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id(NEWSLETTER_POINTS)));
        click(browser, browser.findElement(By.cssSelector("button[aria-label='Diff of version 1']")));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff ol.diff")));
        Object overflow = ((JavascriptExecutor) browser).executeScript("return document.scrollingElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("nothing scrolls sideways at 390 px").isLessThanOrEqualTo(0);

        browser.findElement(By.linkText("Funnel")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tiers-chart canvas")));
        assertThat(browser.findElement(By.id("tiers-chart")).getAttribute("aria-label"))
                .as("the twelve readers, by their tier now").matches("Leads per day by tier, .*: hot \\d+, warm \\d+, cold \\d+ in all\\. .*")
                .contains("in all");
        assertThat(browser.manage().logs().get("browser").getAll())
                .as("nothing the console uses is refused by its CSP").noneMatch(e -> e.getMessage().contains("Content Security Policy"));
    }

    /** Clicks a button in the middle of the window, clear of the toast in its corner. */
    static void click(WebDriver browser, WebElement button) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }
}
