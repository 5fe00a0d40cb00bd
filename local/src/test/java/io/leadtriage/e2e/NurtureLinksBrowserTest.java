package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.NurtureState;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nurtured lead follows the links of the emails the local run caught, in headless Chromium: the survey link of the
 * survey invitation opens the sample site's survey page, whose answers turn the warm lead hot (sales alerted, nurture
 * stopped); the unsubscribe link opens a page that changes nothing until its button is pressed. The run's clock is
 * moved forward (POST /_local/clock) to reach the later steps of the sequence. Screenshots land in
 * target/screenshots. Skipped, saying why, where chromium and chromedriver are absent.
 */
class NurtureLinksBrowserTest {
    static final Pattern SURVEY_LINK = Pattern.compile("https?://\\S+/survey\\.html\\?survey=follow-up&token=[A-Za-z0-9._-]+");
    static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("https?://\\S+/v1/unsubscribe\\?t=[A-Za-z0-9._-]+");
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    /** A newsletter sign-up with consent, starting now: 25 points, warm, in the "warm" sequence; its welcome sent. */
    static String warmLead(String first) throws Exception {
        String email = first.toLowerCase() + "+" + UUID.randomUUID().toString().substring(0, 8) + "@nurture-browser.io";
        site.post("/v1/forms/newsletter", "{\"email\":\"" + email + "\",\"name\":\"" + first
                + " Warm\",\"timeline\":\"now\",\"consent\":true}");
        site.post("/_local/dispatch", "");
        LeadRecord lead = site.lead(email).orElseThrow();
        assertThat(lead.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(site.emailsTo("nurture", email)).extracting(e -> e.path("subject").asText())
                .containsExactly("Thanks for reaching out, " + first);
        return email;
    }

    /** Moves the run's clock on, as the README shows, and runs the dispatcher. */
    static void daysLater(int days) throws Exception {
        site.post("/_local/clock", "{\"advance\":\"P" + days + "D\"}");
        site.post("/_local/dispatch", "");
    }

    static String link(Pattern pattern, JsonNode email) {
        Matcher link = pattern.matcher(email.path("text").asText());
        assertThat(link.find()).as("the email's text carries the link %s", pattern).isTrue();
        return link.group();
    }

    static void choose(WebDriver browser, String field, String value) {
        new Select(browser.findElement(By.name(field))).selectByValue(value);
    }

    @Test
    void theSurveyLinkOfTheInvitationOpensTheSurveyWhoseAnswersTurnTheWarmLeadHot() throws Exception {
        WebDriver browser = site.browser();
        String email = warmLead("Wanda");
        daysLater(3);
        daysLater(4);
        List<JsonNode> invitations = site.emailsTo("nurture", email).stream()
                .filter(e -> e.path("subject").asText().equals("Five quick questions, Wanda?")).toList();
        assertThat(invitations).as("the warm sequence's third email").hasSize(1);
        String surveyLink = link(SURVEY_LINK, invitations.get(0));
        assertThat(surveyLink).startsWith(site.baseUrl() + "/survey.html");

        browser.get(surveyLink);
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        assertThat(browser.findElement(By.id("form-status")).getText()).as("the link is complete").isEmpty();
        choose(browser, "budget", "approved");
        choose(browser, "role", "decision_maker");
        browser.findElement(By.name("challenge")).sendKeys("Our reps drown in unqualified demo requests");
        HeadlessChromium.screenshot(browser, "survey-1-answered");
        browser.findElement(By.id("survey-submit")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlContains("/survey-thanks.html"));
        HeadlessChromium.screenshot(browser, "survey-2-thanks");

        LeadRecord hot = site.lead(email).orElseThrow();
        assertThat(hot.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(hot.qualification().stage()).as("BANT complete").isEqualTo(Stage.SQL);
        assertThat(hot.qualification().breakdown()).extracting(Object::toString)
                .contains("+15 budget approved", "+15 decision maker");
        assertThat(hot.nurture().status()).as("sales takes over").isEqualTo(NurtureState.STOPPED);
        List<JsonNode> alerts = site.emails("sales_alert", "Hot lead: Wanda Warm");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("replyTo").asText()).isEqualTo(email);
        assertThat(alerts.get(0).path("text").asText()).contains("Answered the follow-up survey",
                "Our reps drown in unqualified demo requests");
    }

    @Test
    void theUnsubscribeLinkOpensAPageThatChangesNothingUntilItsButtonIsPressed() throws Exception {
        WebDriver browser = site.browser();
        String email = warmLead("Umar");
        JsonNode welcome = site.emailsTo("nurture", email).get(0);
        String unsubscribeLink = link(UNSUBSCRIBE_LINK, welcome);
        long version = site.lead(email).orElseThrow().version();

        browser.get(unsubscribeLink);
        HeadlessChromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "Unsubscribe from our emails?"));
        HeadlessChromium.screenshot(browser, "unsubscribe-1-page");
        browser.navigate().refresh(); // a second look, as a mail scanner and then the person would have
        LeadRecord looked = site.lead(email).orElseThrow();
        assertThat(looked.version()).as("opening the link changes nothing").isEqualTo(version);
        assertThat(looked.contact().unsubscribedAt()).isNull();

        browser.findElement(By.cssSelector("button[type=submit]")).click();
        HeadlessChromium.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "You are unsubscribed"));
        HeadlessChromium.screenshot(browser, "unsubscribe-2-done");
        assertThat(browser.manage().logs().get("browser").getAll())
                .as("nothing the page uses is refused by its CSP").noneMatch(e -> e.getMessage().contains("Content Security Policy"));

        LeadRecord unsubscribed = site.lead(email).orElseThrow();
        assertThat(unsubscribed.contact().unsubscribedAt()).isNotNull();
        assertThat(unsubscribed.nurture().status()).isEqualTo(NurtureState.STOPPED);
        daysLater(3);
        assertThat(site.emailsTo("nurture", email)).as("the welcome only").hasSize(1);
    }
}
