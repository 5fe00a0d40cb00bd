package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.TestModels;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.local.LocalRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progressive profiling in headless Chromium on the local run's sample site, with a model that pools the questions of
 * get-started's step 2 and of the follow-up survey (its own questions among them): a returning lead is asked only
 * what it has not told us, the model's own questions are drawn by the page, and what it told us before stays.
 * Screenshots land in target/screenshots. Skipped, saying why, where chromium and chromedriver are absent.
 */
class ProgressiveProfilingBrowserTest {
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun(ProgressiveProfilingBrowserTest::startWithQuestionPools);

    static LocalRunner startWithQuestionPools() {
        return BrowserOnLocalRun.withModelText(TestModels.withQuestions());
    }

    /** A lead that came before: step 1, then a step 2 with its company, size, budget and seat count. */
    static String returningLead(String email) throws Exception {
        JsonNode step1 = BrowserOnLocalRun.JSON.readTree(site.post("/v1/forms/get-started",
                "{\"email\":\"" + email + "\",\"name\":\"Rita Returning\",\"submissionId\":\"" + UUID.randomUUID() + "\"}"));
        String token = step1.path("token").asText();
        site.post("/v1/forms/get-started", "{\"_token\":\"" + token + "\",\"company\":\"Northwind\",\"companySize\":\"11-50\","
                + "\"budget\":\"planned\",\"seats\":\"30\",\"submissionId\":\"" + UUID.randomUUID() + "\"}");
        return token;
    }

    /** The names of the form's questions a person sees, in the page's order. */
    static List<String> visibleQuestions(WebDriver browser, String formId) {
        HeadlessChromium.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#" + formId + "[data-profiled]")));
        return browser.findElements(By.cssSelector("#" + formId + " .field")).stream().filter(WebElement::isDisplayed)
                .map(field -> field.findElement(By.cssSelector("input, select, textarea")).getAttribute("name")).toList();
    }

    @Test
    void aReturningLeadsStep2AsksOnlyWhatItHasNotToldUs() throws Exception {
        String email = "rita+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        String token = returningLead(email);
        WebDriver browser = site.browser();

        browser.get(site.baseUrl() + "/?step=2&token=" + token);

        assertThat(visibleQuestions(browser, "step2")).containsExactlyInAnyOrder("phone", "industry", "role", "timeline",
                "currentTool");
        HeadlessChromium.screenshot(browser, "profiling-1-step2-returning");
        new Select(browser.findElement(By.name("timeline"))).selectByValue("3-6m");
        new Select(browser.findElement(By.name("currentTool"))).selectByValue("spreadsheets");
        browser.findElement(By.id("step2-submit")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains("/thank-you.html"));

        LeadRecord lead = site.lead(email).orElseThrow();
        assertThat(lead.lead().answers().asMap()).containsEntry("company", "Northwind").containsEntry("companySize", "11-50")
                .containsEntry("budget", "planned").containsEntry("seats", "30").containsEntry("timeline", "3-6m")
                .containsEntry("currentTool", "spreadsheets");
    }

    @Test
    void aNewLeadsStep2AsksTheWholePoolTheModelsOwnQuestionsDrawnByThePage() throws Exception {
        WebDriver browser = site.browser();
        browser.get(site.baseUrl() + "/");
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        browser.findElement(By.name("email")).sendKeys("nina+" + UUID.randomUUID().toString().substring(0, 8)
                + "@contoso-saas.com");
        browser.findElement(By.id("step1-submit")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("step2")));

        assertThat(visibleQuestions(browser, "step2")).containsExactlyInAnyOrder("company", "phone", "companySize",
                "industry", "role", "budget", "timeline", "seats", "currentTool");
        assertThat(browser.findElement(By.cssSelector("label[for=seats]")).getText())
                .startsWith("How many people would use leadtriage?");
    }

    @Test
    void aReturningLeadsSurveyAsksOnlyWhatIsStillUnknown() throws Exception {
        String email = "sven+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        returningLead(email);
        String leadId = site.lead(email).orElseThrow().id();
        String surveyToken = site.runner().services().tokens().issue(TokenPurpose.SURVEY, leadId);
        WebDriver browser = site.browser();

        browser.get(site.baseUrl() + "/survey.html?survey=follow-up&token=" + surveyToken);

        // Of the pool: budget, seats and company size are known; five of the rest, the most valuable first
        assertThat(visibleQuestions(browser, "survey")).containsExactlyInAnyOrder("timeline", "role", "challenge",
                "salesTeam", "currentTool");
        HeadlessChromium.screenshot(browser, "profiling-2-survey-returning");
        new Select(browser.findElement(By.name("salesTeam"))).selectByValue("yes");
        browser.findElement(By.id("survey-submit")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains("/survey-thanks.html"));

        assertThat(site.lead(email).orElseThrow().lead().answers().asMap()).containsEntry("salesTeam", "yes")
                .containsEntry("budget", "planned").containsEntry("seats", "30");
    }
}
