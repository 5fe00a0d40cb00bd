package io.leadtriage.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each console role in headless Chromium against one local run, signed in with its own token (the token decides the
 * role; the page asks the run whose it is): sales finds a lead and records an outcome but sees no Funnel, Model,
 * Nurture or Users link and no erasure, and the API refuses the erasure if the page calls it anyway; a marketer sees
 * the funnel but cannot erase; an admin erases after confirming, and the local Users screen lists the role tokens.
 */
class ConsoleRolesBrowserTest {
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    /** A hot lead of its own (the demo form with budget and timeline), its leadId. */
    String hotLead(String email) throws Exception {
        return BrowserOnLocalRun.JSON.readTree(site.post("/v1/forms/demo", "{\"email\":\"" + email + "\",\"name\":\"Rhea Roles\","
                + "\"company\":\"Northwind\",\"jobTitle\":\"Head of Sales\",\"budget\":\"approved\",\"timeline\":\"now\"}"))
                .path("leadId").asText();
    }

    WebDriverWait signInAs(WebDriver browser, String role) {
        WebDriverWait waiting = HeadlessChromium.waiting(browser);
        browser.get(site.baseUrl() + "/console/");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        browser.findElement(By.id("token")).sendKeys(site.runner().roleTokens().get(role));
        browser.findElement(By.cssSelector("form.signin button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Leads"));
        assertThat(browser.findElement(By.id("who")).getText()).endsWith(role);
        return waiting;
    }

    static List<String> navigation(WebDriver browser) {
        return browser.findElements(By.cssSelector("#nav a")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    /** A browser signed in as the role, its navigation as the role sees it, on the page of a hot lead of its own. */
    record OnALead(String email, String leadId, WebDriver browser, WebDriverWait waiting) {
    }

    /** Signs in as the role, checks the links it sees (and those it must not), opens a new hot lead's page. */
    OnALead onANewLeadAs(String role, List<String> sees, List<String> seesNot) throws Exception {
        String email = role + "+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        String leadId = hotLead(email);
        WebDriver browser = site.browser();
        WebDriverWait waiting = signInAs(browser, role);
        assertThat(navigation(browser)).as(role + "'s links").containsAll(sees).noneMatch(seesNot::contains);

        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.cssSelector("form.filters button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), email));
        browser.findElement(By.linkText("Rhea Roles")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Why it scored so"));
        return new OnALead(email, leadId, browser, waiting);
    }

    /** What the admin API answers when the page calls the erasure itself: the status of the refusal, or "erased". */
    static Object eraseFromThePage(WebDriver browser, String leadId) {
        return ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.leadtriageConsole.api('DELETE', '/v1/admin/leads/' + arguments[0])"
                + ".then(() => done('erased'), e => done(e.status));", leadId);
    }

    @Test
    void salesFindsALeadAndRecordsAnOutcomeButNeitherSeesTheFunnelNorErases() throws Exception {
        OnALead as = onANewLeadAs("sales", List.of("Leads"), List.of("Funnel", "Model", "Nurture", "Users"));
        String email = as.email();
        WebDriver browser = as.browser();
        WebDriverWait waiting = as.waiting();
        assertThat(browser.findElements(By.xpath("//button[text()='Erase lead']"))).isEmpty();
        browser.findElement(By.xpath("//button[text()='Record opportunity']")).click();
        waiting.until(d -> site.lead(email).map(l -> l.sales().opportunityAt() != null).orElse(false));

        assertThat(eraseFromThePage(browser, as.leadId())).as("refused by the API itself").isEqualTo(403L);
        assertThat(site.lead(email)).isPresent();
        browser.get(site.baseUrl() + "/console/#/funnel");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Leads"));
        assertThat(browser.findElements(By.id("funnel-table"))).as("the funnel's address opens the leads").isEmpty();
        HeadlessChromium.screenshot(browser, "console-roles-sales");
    }

    @Test
    void aMarketerSeesTheFunnelButCannotErase() throws Exception {
        OnALead as = onANewLeadAs("marketer", List.of("Leads", "Funnel"), List.of("Users"));
        String email = as.email();
        WebDriver browser = as.browser();
        WebDriverWait waiting = as.waiting();
        assertThat(browser.findElements(By.xpath("//button[text()='Erase lead']"))).isEmpty();
        assertThat(eraseFromThePage(browser, as.leadId())).isEqualTo(403L);

        browser.findElement(By.linkText("Funnel")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("funnel-table")));
        assertThat(site.lead(email)).isPresent();
    }

    @Test
    void anAdminErasesOnlyAfterConfirmingAndSeesTheLocalRunsRoleTokens() throws Exception {
        OnALead as = onANewLeadAs("admin", List.of("Leads", "Funnel", "Users"), List.of());
        String email = as.email();
        WebDriver browser = as.browser();
        WebDriverWait waiting = as.waiting();
        browser.findElement(By.xpath("//button[text()='Erase lead']")).click();
        waiting.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(site.lead(email)).as("not confirmed: kept").isPresent();
        browser.findElement(By.xpath("//button[text()='Erase lead']")).click();
        waiting.until(ExpectedConditions.alertIsPresent()).accept();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Leads"));
        waiting.until(d -> site.lead(email).isEmpty());

        browser.findElement(By.linkText("Users")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-tokens")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("deployed stack's Cognito user pool")
                .contains(site.runner().roleTokens().get("sales"), "SALES_TOKEN", "MARKETER_TOKEN", "ADMIN_TOKEN");
        HeadlessChromium.screenshot(browser, "console-users-local");
    }

    @Test
    void aTokenTheRunDidNotPrintSignsNobodyIn() {
        WebDriver browser = site.browser();
        WebDriverWait waiting = HeadlessChromium.waiting(browser);
        browser.get(site.baseUrl() + "/console/");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("form.signin button")).click();

        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.signin .error")));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    }
}
