package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample landing page in headless Chromium, filled in as a person would: step 1, then step 2, for a
 * hot lead (sales alert caught) and a warm one (first nurture email caught), with JavaScript and as a
 * plain HTML form. Screenshots land in target/screenshots. Skipped, saying why, where Debian's chromium
 * and chromium-driver are not installed (.ci/run installs them).
 */
class LandingPageBrowserTest {
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    WebDriverWait waiting() {
        return HeadlessChromium.waiting(site.browser());
    }

    void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(site.browser(), name);
    }

    void fillTheForm(String email, String name, String challenge, Map<String, String> step2, String shots) throws Exception {
        GetStartedForm.fill(site.browser(), site.baseUrl(), email, name, challenge, step2, shots);
    }

    @Test
    void aHotLeadFillsBothStepsIsOfferedAMeetingAndSalesIsAlerted() throws Exception {
        String email = "priya+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        fillTheForm(email, "Priya Browser", "Our SDRs follow up too slowly and hot leads go cold",
                Map.of("company", "Northwind", "companySize", "51-200", "industry", "saas", "role", "decision_maker",
                        "budget", "approved", "timeline", "now", "phone", "+44 20 7946 0958"), "hot");

        waiting().until(ExpectedConditions.urlContains("/book.html"));
        screenshot("hot-3-book-a-meeting");
        List<JsonNode> alerts = emails("sales_alert", "Hot lead: Priya Browser");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("replyTo").asText()).isEqualTo(email);
        assertThat(alerts.get(0).path("text").asText()).contains("Northwind", "+15 decision maker",
                "Phone: +44 20 7946 0958", "WHY HOT NOW", "Sent the “Get started” form");
        site.browser().get(site.baseUrl() + "/_local/");
        screenshot("hot-4-local-console");
        assertThat(site.browser().getPageSource()).contains("Priya Browser").contains("Hot lead: Priya Browser");
    }

    @Test
    void aWarmLeadFillsBothStepsAndGetsTheFirstNurtureEmail() throws Exception {
        String email = "will+" + UUID.randomUUID().toString().substring(0, 8) + "@example-agency.com";
        fillTheForm(email, "Will Warm", "We lose track of which campaigns bring good leads",
                Map.of("company", "Example Agency", "companySize", "11-50", "industry", "marketing-agency",
                        "role", "influencer", "budget", "exploring", "timeline", "3-6m"), "warm");

        waiting().until(ExpectedConditions.urlContains("/thank-you.html"));
        screenshot("warm-3-thank-you");
        site.post("/_local/dispatch", "");
        List<JsonNode> nurture = site.emailsTo("nurture", email);
        assertThat(nurture).hasSize(1);
        assertThat(nurture.get(0).path("subject").asText()).isEqualTo("Thanks for reaching out, Will");
        assertThat(nurture.get(0).path("headers").path("List-Unsubscribe-Post").asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(emails("sales_alert", "Hot lead: Will Warm")).isEmpty();
    }

    @Test
    void withoutJavaScriptThePlainFormStillTakesBothSteps() throws Exception {
        site.reopen(false);
        String email = "noscript+" + UUID.randomUUID().toString().substring(0, 8) + "@example-agency.com";
        fillTheForm(email, "Nora Noscript", "Spreadsheets everywhere, no idea which leads matter",
                Map.of("company", "Plain Co", "companySize", "201-1000", "industry", "software", "role", "decision_maker",
                        "budget", "planned", "timeline", "1-3m"), "noscript");

        waiting().until(ExpectedConditions.urlContains("/book.html"));
        screenshot("noscript-3-after-step2");
        assertThat(emails("sales_alert", "Hot lead: Nora Noscript")).hasSize(1);
    }

    @Test
    void onAPhoneTheWholeFirstStepIsOnTheFirstScreen() throws Exception {
        // A phone's viewport (390x844 CSS pixels), not a window of that size with browser chrome around it.
        ((ChromeDriver) site.browser()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        site.browser().get(site.baseUrl() + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        screenshot("phone-1-first-screen");

        Object fits = ((org.openqa.selenium.JavascriptExecutor) site.browser()).executeScript(
                "var r = document.getElementById('step1-submit').getBoundingClientRect();"
                        + " return window.innerWidth === 390 && window.innerHeight === 844 && r.top >= 0 && r.bottom <= 844;");
        assertThat(fits).as("the Continue button is above the fold at 390x844").isEqualTo(true);
    }

    static List<JsonNode> emails(String kind, String subjectPrefix) throws Exception {
        return site.emails(kind, subjectPrefix);
    }
}
