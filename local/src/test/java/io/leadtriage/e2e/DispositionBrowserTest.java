package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep's path in headless Chromium: from the disposition link of the sales alert the mail catcher caught, to
 * the lead's page, to a recorded choice, and the page opened again showing that choice and no buttons.
 * Screenshots land in target/screenshots. Skipped, saying why, where chromium and chromedriver are absent.
 */
class DispositionBrowserTest {
    static final Pattern DISPOSITION_LINK = Pattern.compile("https?://\\S+/v1/alerts/disposition\\?t=[A-Za-z0-9._-]+");
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    static void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(site.browser(), name);
    }

    /** The disposition link in the text of the caught alert about {@code name}. */
    static String dispositionLinkFor(String name) throws Exception {
        for (JsonNode email : site.emails("sales_alert", "Hot lead: " + name)) {
            Matcher link = DISPOSITION_LINK.matcher(email.path("text").asText());
            assertThat(link.find()).as("the alert carries its disposition link").isTrue();
            return link.group();
        }
        throw new AssertionError("no sales alert about " + name + " was caught");
    }

    @Test
    void aRepFollowsTheAlertsLinkRecordsWhatHappenedAndSeesItRecordedWhenOpeningItAgain() throws Exception {
        String email = "rhea+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        site.post("/v1/forms/demo", "{\"email\":\"" + email + "\",\"name\":\"Rhea Rep\",\"company\":\"Northwind\","
                + "\"jobTitle\":\"Head of Sales\",\"phone\":\"+44 20 7946 0958\",\"budget\":\"approved\",\"timeline\":\"now\"}");
        String link = dispositionLinkFor("Rhea Rep");
        WebDriver browser = site.browser();
        WebDriverWait waiting = HeadlessChromium.waiting(browser);

        browser.get(link);
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("lead-name")));
        screenshot("rep-1-disposition-page");
        assertThat(browser.findElement(By.id("lead-name")).getText()).isEqualTo("Rhea Rep");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Head of Sales at Northwind",
                "+44 20 7946 0958", "WHY HOT NOW", "Came in hot with the “Book a demo” form", "+30 requested a demo");
        assertThat(browser.findElements(By.name("disposition"))).hasSize(5);

        browser.findElement(By.cssSelector("button[value=accepted]")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Recorded: I'm on it"));
        screenshot("rep-2-recorded");
        assertThat(browser.findElements(By.name("disposition"))).isEmpty();

        browser.get(link);
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("lead-name")));
        screenshot("rep-3-opened-again");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Already recorded: I'm on it");
        assertThat(browser.findElements(By.name("disposition"))).as("no buttons once recorded").isEmpty();
        assertThat(browser.manage().logs().get("browser").getAll())
                .as("nothing the page uses is refused by its CSP").noneMatch(e -> e.getMessage().contains("Content Security Policy"));

        browser.get(site.baseUrl() + "/_local/");
        assertThat(browser.getPageSource()).contains("Rep: I'm on it");
    }
}
