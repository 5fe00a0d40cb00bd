package io.leadtriage.app.email;

import io.leadtriage.TestModels;
import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesAlertComposerTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String FROM = "Leadtriage alerts <alerts@leadtriage.example>";
    static final List<String> REPS = List.of("anna@yourcompany.com", "ben@yourcompany.com");
    static final String DISPOSITION = "https://api.leadtriage.example/v1/disposition?t=signed.token";

    static final String RECORD = "https://api.leadtriage.example/v1/admin/leads/01JLEAD";

    final SalesAlertComposer composer = new SalesAlertComposer(TestModels.defaultModel(), FROM);

    static Map<String, String> janeAnswers() {
        Map<String, String> answers = new HashMap<>();
        answers.put("name", "Jane Roe");
        answers.put("company", "Acme");
        answers.put("phone", "+49 (30) 1234-567");
        answers.put("jobTitle", "VP Sales");
        answers.put("role", "decision_maker");
        answers.put("timeline", "1-3m");
        answers.put("budget", "approved");
        answers.put("companySize", "51-200");
        answers.put("industry", "saas");
        answers.put("country", "DE");
        answers.put("challenge", "Half our demo requests are students.\nWe need to find the real buyers fast.");
        return answers;
    }

    static QualificationSummary hot(int score) {
        return new QualificationSummary(score, Tier.HOT, Stage.SQL, List.of(
                new ScoreLine("demo_request", 30, "requested a demo"),
                new ScoreLine("decision-maker", 15, "decision maker"),
                new ScoreLine("timeline-soon", 20, "buying within 3 months"),
                new ScoreLine("free-mail", -10, "free email address")),
                null, java.util.Set.of("lead-quality"), "decision_maker", NOW);
    }

    static LeadRecord lead(Map<String, String> answers, List<Signal> signals, Map<String, String> source) {
        Lead lead = new Lead("01JLEAD", "jane@acme.io", Answers.of(answers), signals);
        return new LeadRecord(lead, 3, NOW.minus(Duration.ofHours(2)), NOW, null, source, null, hot(72), 1, null, null, null, null, null);
    }

    static LeadRecord jane() {
        return lead(janeAnswers(), List.of(Signal.of(SignalType.DEMO_REQUEST, SignalSource.BACKEND, NOW.minus(Duration.ofMinutes(12)))),
                Map.of("formId", "get-started", "pageUrl", "https://www.acme-landing.example/pricing?plan=team",
                        "referrer", "https://www.google.com/", "utm_source", "google", "utm_medium", "cpc",
                        "utm_campaign", "q4-leads", "timezone", "Europe/Berlin"));
    }

    // ── subject ───────────────────────────────────────────────────────────────────────────────────

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("name and company", Map.of("name", "Jane Roe", "company", "Acme"),
                        "Hot lead: Jane Roe (Acme) · 72"),
                Arguments.of("first and last name", Map.of("firstName", "Jane", "lastName", "Roe"),
                        "Hot lead: Jane Roe · 72"),
                Arguments.of("no name: the email", Map.of("company", "Acme"), "Hot lead: jane@acme.io (Acme) · 72"),
                Arguments.of("nothing but the email", Map.of(), "Hot lead: jane@acme.io · 72"),
                Arguments.of("CR LF in the name", Map.of("name", "Jane\r\nBcc: all@acme.io", "company", "Acme"),
                        "Hot lead: Jane Bcc: all@acme.io (Acme) · 72"),
                Arguments.of("NUL, tab and LF in the company", Map.of("name", "Jane", "company", "Ac\0me\t\nInc"),
                        "Hot lead: Jane (Ac me Inc) · 72"),
                Arguments.of("Unicode line separator", Map.of("name", "Jane\u2028Roe"), "Hot lead: Jane Roe · 72"),
                Arguments.of("a paragraph for a name", Map.of("name", "x".repeat(200)),
                        "Hot lead: " + "x".repeat(59) + "… · 72"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void subjectNamesTheLeadTheirCompanyAndTheScore(String why, Map<String, String> answers, String subject) {
        OutgoingEmail email = composer.compose(lead(answers, List.of(), Map.of()), REPS, null, null, NOW);

        assertThat(email.subject()).isEqualTo(subject);
    }

    // ── addressing ────────────────────────────────────────────────────────────────────────────────

    @Test
    void goesToTheRepsFromTheSenderAndRepliesReachTheLead() {
        OutgoingEmail email = composer.compose(jane(), REPS, DISPOSITION, RECORD, NOW);

        assertThat(email.kind()).isEqualTo(EmailKind.SALES_ALERT);
        assertThat(email.from()).isEqualTo(FROM);
        assertThat(email.to()).containsExactlyElementsOf(REPS);
        assertThat(email.replyTo()).isEqualTo("jane@acme.io");
        assertThat(email.headers()).as("alerts are not marketing: no unsubscribe headers").isEmpty();
    }

    // ── escaping ──────────────────────────────────────────────────────────────────────────────────

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ATTRIBUTE_BREAKOUT = "Acme\" onmouseover=\"alert(1)";
    static final String JAVASCRIPT_LINK = "<a href=\"javascript:alert(1)\">see our site</a>";

    static LeadRecord hostile() {
        Map<String, String> answers = janeAnswers();
        answers.put("name", SCRIPT);
        answers.put("company", ATTRIBUTE_BREAKOUT);
        answers.put("challenge", JAVASCRIPT_LINK);
        answers.put("jobTitle", "<img src=x onerror=alert(1)>");
        answers.put("phone", "javascript:alert(1)");
        return lead(answers, List.of(new Signal(SignalType.PAGE_VIEW, NOW, "/<b>pricing</b>", true, SignalSource.PAGE)),
                Map.of("formId", "get-started", "pageUrl", "javascript:alert(1)", "referrer", "https://x.example/\"><script>",
                        "utm_campaign", "<svg onload=alert(1)>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "<script>alert(1)</script>              | &lt;script&gt;alert(1)&lt;/script&gt;",
            "Acme\" onmouseover=\"alert(1)           | Acme&quot; onmouseover&#x3D;&quot;alert(1)",
            "<a href=\"javascript:alert(1)\">see our site</a> | &lt;a href&#x3D;&quot;javascript:alert(1)&quot;&gt;see our site&lt;/a&gt;",
            "<img src=x onerror=alert(1)>           | &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;",
            "/<b>pricing</b>                        | /&lt;b&gt;pricing&lt;/b&gt;",
            "<svg onload=alert(1)>                  | &lt;svg onload&#x3D;alert(1)&gt;",
    })
    void whatTheLeadTypedIsEscapedInHtmlAndVerbatimInText(String raw, String escaped) {
        OutgoingEmail email = composer.compose(hostile(), REPS, DISPOSITION, RECORD, NOW);

        assertThat(email.html()).doesNotContain(raw).contains(escaped);
        assertThat(email.text()).contains(raw).doesNotContain(escaped);
    }

    @Test
    void theOnlyLinksAreMailtoTelAndTheDispositionLink() {
        OutgoingEmail email = composer.compose(hostile(), REPS, DISPOSITION, RECORD, NOW);

        assertThat(hrefs(email.html())).containsExactly("mailto:jane@acme.io", DISPOSITION, RECORD);
        assertThat(email.html().toLowerCase()).doesNotContain("<script", "<img", "<svg", "onmouseover=",
                "onerror=", "javascript:alert(1)\"", " src=");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(value = {
            // Stored before intake refused ? & = %: the link still opens a mail to that one address, nothing added.
            "x?bcc=spy%40evil.example@acme.io, mailto:x%3Fbcc%3Dspy%2540evil.example@acme.io",
            "jane+leads@acme.io, mailto:jane%2Bleads@acme.io",
            "o'brien@acme.io, mailto:o%27brien@acme.io"})
    void theMailtoLinkIsPercentEncodedSoNoAddressAddsARecipientOrHeader(String address, String href) {
        LeadRecord stored = jane();
        LeadRecord withAddress = stored.withLead(new Lead(stored.id(), address, stored.lead().answers(), stored.lead().signals()));

        OutgoingEmail email = composer.compose(withAddress, REPS, DISPOSITION, RECORD, NOW);

        assertThat(hrefs(email.html())).startsWith(href).doesNotContain("mailto:" + address);
    }

    @Test
    void thePhoneLinkKeepsOnlyWhatADialerUses() {
        OutgoingEmail email = composer.compose(jane(), REPS, null, null, NOW);

        assertThat(hrefs(email.html())).containsExactly("mailto:jane@acme.io", "tel:+49301234567");
        assertThat(email.html()).contains(">+49 (30) 1234-567</a>");
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(value = {"+49 (30) 1234-567, +49301234567", "030/123 456, 030123456", "1234, ''",
            "javascript:alert(1), ''", "12345;ext=9, ''", "0049+30123456, ''"})
    void aTelLinkOnlyForWhatLooksLikeAPhoneNumber(String phone, String dialable) {
        assertThat(SalesAlertComposer.dialable(phone)).isEqualTo(dialable);
    }

    @Test
    void aSubjectWithCrLfStillMakesAValidEmail() {
        Map<String, String> answers = janeAnswers();
        answers.put("name", "Jane\r\nBcc: everyone@acme.io\r\n");
        OutgoingEmail email = composer.compose(lead(answers, List.of(), Map.of()), REPS, null, null, NOW);

        assertThat(email.subject()).doesNotContain("\r", "\n").startsWith("Hot lead: Jane Bcc: everyone@acme.io");
        assertThat(email.text()).contains("Jane\r\nBcc: everyone@acme.io");
    }

    // ── content ───────────────────────────────────────────────────────────────────────────────────

    @Test
    void givesARepEverythingToMakeTheCall() {
        OutgoingEmail email = composer.compose(jane(), REPS, DISPOSITION, RECORD, NOW);

        for (String body : List.of(email.html(), email.text())) {
            assertThat(body).contains("Jane Roe", "jane@acme.io", "+49 (30) 1234-567", "VP Sales at Acme",
                    "Decision maker", "1–3 months", "Approved", "51–200 employees", "SaaS", "Germany (DE)",
                    "Half our demo requests are students.", "We need to find the real buyers fast.",
                    "Lead quality", "72", "Hot", "SQL", "Mon 11:00 (Europe/Berlin)", "01JLEAD");
        }
        assertThat(email.html()).contains("Half our demo requests are students.<br>We need to find");
        assertThat(email.text()).contains("""
                Half our demo requests are students.
                We need to find the real buyers fast.""");
    }

    @Test
    void listsEveryScoreLineAsTheRepReadsIt() {
        OutgoingEmail email = composer.compose(jane(), REPS, null, null, NOW);

        assertThat(email.html()).containsSubsequence("Why 72 points", "+30 requested a demo", "+15 decision maker",
                "+20 buying within 3 months", "−10 free email address");
        assertThat(email.text()).contains("""
                WHY 72 POINTS
                +30 requested a demo
                +15 decision maker
                +20 buying within 3 months
                −10 free email address
                """);
    }

    @Test
    void showsWhereTheLeadCameFrom() {
        OutgoingEmail email = composer.compose(jane(), REPS, null, null, NOW);

        assertThat(email.text()).contains("""
                SOURCE
                Form: Get started
                Page: https://www.acme-landing.example/pricing?plan=team
                Referrer: https://www.google.com/
                Campaign source: google
                Campaign medium: cpc
                Campaign name: q4-leads
                """);
        assertThat(email.html()).contains("Get started", "https://www.acme-landing.example/pricing?plan&#x3D;team",
                "https://www.google.com/", "Campaign source", "google", "Campaign medium", "cpc", "q4-leads");
        assertThat(email.html() + email.text()).doesNotContain("utm_", "get-started");
    }

    @Test
    void recentSignalsComeMostRecentFirstAHandfulAndOnlyThoseThatScore() {
        List<Signal> signals = new ArrayList<>();
        signals.add(Signal.of(SignalType.PAGE_VIEW, SignalSource.PAGE, NOW.minus(Duration.ofDays(9))));
        signals.add(Signal.of(SignalType.RESOURCE_DOWNLOAD, SignalSource.PAGE, NOW.minus(Duration.ofDays(3))));
        signals.add(new Signal(SignalType.EMAIL_CLICK, NOW.minus(Duration.ofMinutes(1)), "msg-1", false, SignalSource.EMAIL));
        signals.add(new Signal(SignalType.PRICING_PAGE_VIEW, NOW.minus(Duration.ofHours(5)), "/pricing", true, SignalSource.PAGE));
        signals.add(Signal.of(SignalType.WEBINAR_REGISTRATION, SignalSource.BACKEND, NOW.minus(Duration.ofDays(5))));
        signals.add(Signal.of(SignalType.DEMO_REQUEST, SignalSource.BACKEND, NOW.minus(Duration.ofSeconds(20))));
        signals.add(Signal.of(SignalType.NEWSLETTER_SIGNUP, SignalSource.BACKEND, NOW.minus(Duration.ofDays(20))));
        signals.add(Signal.of(SignalType.PAGE_VIEW, SignalSource.PAGE, NOW.minus(Duration.ofMinutes(12))));
        OutgoingEmail email = composer.compose(lead(janeAnswers(), signals, Map.of()), REPS, null, null, NOW);

        assertThat(email.text()).contains("""
                RECENT ACTIVITY
                just now (23 Nov 2026, 09:59 UTC): Requested a demo
                12 min ago (23 Nov 2026, 09:48 UTC): Viewed a page
                5 h ago (23 Nov 2026, 05:00 UTC): Viewed the pricing page /pricing
                3 days ago (20 Nov 2026, 10:00 UTC): Downloaded a resource
                5 days ago (18 Nov 2026, 10:00 UTC): Registered for a webinar
                and 2 earlier
                """);
        assertThat(email.html()).containsSubsequence("Requested a demo", "Viewed a page", "Viewed the pricing page",
                "Downloaded a resource", "Registered for a webinar", "and 2 earlier");
        assertThat(email.html() + email.text()).doesNotContain("Clicked an email", "Signed up for the newsletter");
    }

    @Test
    void unknownValuesAreLeftOutNotShownBlank() {
        OutgoingEmail email = composer.compose(lead(Map.of("name", "Jane Roe"), List.of(), Map.of()), REPS, null, null, NOW);

        assertThat(email.text()).doesNotContain("Budget:", "Timeline:", "THEIR NEED", "RECENT ACTIVITY",
                "SOURCE", "Their time", "WHY HOT NOW", "full record");
        assertThat(email.html()).doesNotContain("tel:", "Budget", "Their need", "Recent activity", "Source<",
                "Why hot now", "full record");
    }

    @Test
    void anAlertWithoutAPhoneNumberSaysSoPlainly() {
        Map<String, String> answers = janeAnswers();
        answers.remove("phone");
        OutgoingEmail email = composer.compose(lead(answers, List.of(), Map.of()), REPS, null, null, NOW);

        assertThat(email.text()).contains("Phone: not given; write to them (reply to this email)");
        assertThat(email.html()).contains("Not given: write to them (reply to this email)").doesNotContain("tel:");
    }

    // ── why now ───────────────────────────────────────────────────────────────────────────────────

    static LeadRecord withTrigger(LeadRecord lead, Instant createdAt, HotTrigger trigger) {
        return new LeadRecord(lead.lead(), lead.version(), createdAt, NOW, null, lead.source(), null, lead.qualification(),
                1, null, null, null, null, SalesState.NONE.withHotTrigger(trigger));
    }

    @Test
    void aLeadThatTurnedHotFromASurveyDaysLaterShowsThatAnswerAndItsTime() {
        HotTrigger survey = new HotTrigger(NOW.minus(Duration.ofMinutes(3)), "survey:follow-up", "",
                List.of("budget", "role", "name"), List.of(new ScoreLine("budget-approved", 15, "budget approved"),
                new ScoreLine("decision-maker", 15, "decision maker")), false);
        LeadRecord lead = withTrigger(jane(), NOW.minus(Duration.ofDays(6)), survey);

        OutgoingEmail email = composer.compose(lead, REPS, DISPOSITION, RECORD, NOW);

        assertThat(email.text()).contains("""
                WHY HOT NOW
                Answered the follow-up survey
                23 Nov 2026, 09:57 UTC (3 min ago), 6 days after they first came in
                Budget: Approved
                Role: Decision maker
                +15 budget approved
                +15 decision maker
                """);
        assertThat(email.html()).containsSubsequence("Why hot now", "Answered the follow-up survey",
                "23 Nov 2026, 09:57 UTC (3 min ago), 6 days after they first came in", "Budget", "Approved",
                "Role", "Decision maker", "+15 budget approved<br>+15 decision maker", "Record what happened");
        assertThat(email.text()).doesNotContain("Name: Jane Roe");
    }

    @Test
    void aSignalThatTurnedTheLeadHotIsNamedInWords() {
        HotTrigger pricing = new HotTrigger(NOW.minus(Duration.ofHours(2)), "signal:pricing_page_view", "/pricing",
                List.of(), List.of(new ScoreLine("pricing_page_view", 20, "viewed the pricing page")), false);

        String text = composer.compose(withTrigger(jane(), NOW.minus(Duration.ofDays(2)), pricing), REPS, null, null, NOW)
                .text();

        assertThat(text).contains("""
                WHY HOT NOW
                Viewed the pricing page /pricing
                23 Nov 2026, 08:00 UTC (2 h ago), 46 h after they first came in
                +20 viewed the pricing page
                """);
    }

    @Test
    void aLeadThatCameInHotNamesItsFormByTitle() {
        HotTrigger demo = new HotTrigger(NOW, "form:demo", "", List.of("email", "name", "company"),
                List.of(new ScoreLine("demo_request", 30, "requested a demo")), true);

        String text = composer.compose(withTrigger(jane(), NOW, demo), REPS, null, null, NOW).text();

        assertThat(text).contains("""
                WHY HOT NOW
                Came in hot with the “Book a demo” form
                23 Nov 2026, 10:00 UTC (just now)

                """).doesNotContain("form:demo", "after they first came in");
    }

    @Test
    void signalsAndSourcesSpeakWordsNotKeys() {
        LeadRecord lead = lead(janeAnswers(), List.of(new Signal(SignalType.DEMO_REQUEST, NOW, "form:demo", true, SignalSource.FORM),
                        new Signal(SignalType.EMAIL_CLICK, NOW.minus(Duration.ofHours(1)), "survey-invite", true, SignalSource.EMAIL)),
                Map.of("formId", "newsletter", "utm_source", "newsletter", "utm_id", "n-42"));

        OutgoingEmail email = composer.compose(lead, REPS, null, null, NOW);

        assertThat(email.text()).contains("Requested a demo (“Book a demo” form)", "Clicked an email (“Survey invite”)",
                "Form: Newsletter", "Campaign source: newsletter", "Campaign id: n-42");
        assertThat(email.html() + email.text()).doesNotContain("form:demo", "utm_source", "utm_id", "survey-invite");
    }

    @Test
    void linksToTheLeadsRecordAndSaysWhatItIs() {
        OutgoingEmail email = composer.compose(jane(), REPS, DISPOSITION, RECORD, NOW);

        assertThat(hrefs(email.html())).contains(RECORD);
        assertThat(email.html()).contains("The lead's full record", "admin API", "There is no console yet");
        assertThat(email.text()).contains("full record", "admin API", "there is no console yet:\n" + RECORD);
    }

    @Test
    void aRoleDerivedFromTheJobTitleSaysSo() {
        Map<String, String> answers = janeAnswers();
        answers.remove("role");
        OutgoingEmail email = composer.compose(lead(answers, List.of(), Map.of()), REPS, null, null, NOW);

        assertThat(email.text()).contains("Role: Decision maker (from job title)");
    }

    @Test
    void theDispositionButtonShowsOnlyWithALink() {
        OutgoingEmail with = composer.compose(jane(), REPS, DISPOSITION, RECORD, NOW);
        OutgoingEmail without = composer.compose(jane(), REPS, null, null, NOW);

        assertThat(hrefs(with.html())).contains(DISPOSITION);
        assertThat(with.html()).contains("Record what happened");
        assertThat(with.text()).contains("Record what happened", DISPOSITION);
        assertThat(without.html() + without.text()).doesNotContain("Record what happened");
    }

    @ParameterizedTest
    @CsvSource({"javascript:alert(1)", "/relative/path", "https://api.example/d?t=a b", "https://api.example/<x>"})
    void refusesADispositionLinkThatIsNotAWebAddress(String url) {
        assertThatThrownBy(() -> composer.compose(jane(), REPS, url, null, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dispositionUrl");
    }

    @Test
    void needsTheLeadsQualification() {
        LeadRecord unqualified = new LeadRecord(jane().lead(), 1, NOW, NOW, null, Map.of(), null, null, 0, null, null, null, null, null);

        assertThatThrownBy(() -> composer.compose(unqualified, REPS, null, null, NOW))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("qualification");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, just now", "PT59S, just now", "PT1M, 1 min ago", "PT59M, 59 min ago", "PT1H, 1 h ago",
            "PT47H, 47 h ago", "PT48H, 2 days ago", "P30D, 30 days ago", "-PT5M, just now"})
    void relativeTimes(Duration age, String shown) {
        assertThat(SalesAlertComposer.ago(NOW.minus(age), NOW)).isEqualTo(shown);
    }

    @Test
    void theHtmlIsAWholeDocumentWithoutScriptsOrRemoteContent() {
        String html = composer.compose(jane(), REPS, DISPOSITION, RECORD, NOW).html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n")
                .doesNotContain("<script", "<img", "<link", "@import", "url(", "{{", "}}");
    }

    /** Every link target, decoded as a browser reads the attribute. */
    static List<String> hrefs(String html) {
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replace("&#x3D;", "=").replace("&amp;", "&"));
        }
        return found;
    }
}
