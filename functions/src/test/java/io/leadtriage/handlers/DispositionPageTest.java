package io.leadtriage.handlers;

import io.leadtriage.TestModels;
import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.SalesState;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DispositionPageTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String TOKEN = "signed.token-value";
    final DispositionPage page = new DispositionPage(TestModels.defaultModel(), Duration.ofMinutes(15));

    static LeadRecord lead(Map<String, String> answers) {
        QualificationSummary q = new QualificationSummary(72, Tier.HOT, Stage.SQL, List.of(
                new ScoreLine("demo_request", 30, "requested a demo"),
                new ScoreLine("decision-maker", 15, "decision maker")), null, Set.of(), "decision_maker", NOW);
        HotTrigger trigger = new HotTrigger(NOW.minus(Duration.ofMinutes(4)), "survey:follow-up", "", List.of("budget"),
                List.of(new ScoreLine("budget-approved", 15, "budget approved")), false);
        return new LeadRecord(new Lead("01JLEAD", "jane@acme.io", Answers.of(answers), List.of()), 3,
                NOW.minus(Duration.ofDays(6)), NOW, null, Map.of(), null, q, 1, null, null, null, null,
                SalesState.NONE.withHotTrigger(trigger));
    }

    static Map<String, String> jane() {
        Map<String, String> answers = new HashMap<>(Map.of("name", "Jane Roe", "company", "Acme", "jobTitle", "VP Sales",
                "phone", "+49 30 1234567", "budget", "approved"));
        return answers;
    }

    @Test
    void showsTheLeadAsTheRepNeedsIt() {
        String html = page.choices(lead(jane()), TOKEN, null);

        assertThat(html).contains("Jane Roe", "VP Sales at Acme", "href=\"mailto:jane@acme.io\"",
                "href=\"tel:+49301234567\"", "Decision maker", "72 points: Hot, SQL", "+30 requested a demo",
                "+15 decision maker", "Why hot now", "Answered the follow-up survey", "23 Nov 2026, 09:56 UTC",
                "Budget: Approved");
    }

    @Test
    void offersEveryChoiceAsAButtonThatPostsToThisLink() {
        String html = page.choices(lead(jane()), TOKEN, null);

        assertThat(html).contains("<form method=\"post\" action=\"?t&#x3D;signed.token-value\">");
        for (String choice : RecordDisposition.CHOICES) {
            assertThat(html).contains("name=\"disposition\" value=\"" + choice + "\"");
        }
        assertThat(html).containsSubsequence("I&#39;m on it", "Wrong fit", "Spam", "Duplicate", "Existing customer");
    }

    @Test
    void saysWhatEachChoiceChangesAsTheCodeDoesIt() {
        for (String choice : RecordDisposition.CHOICES) {
            String effect = page.effect(choice);
            if (io.leadtriage.app.RecordDisposition.LOSING.contains(choice)) {
                assertThat(effect).as(choice).contains("Counts as a lost lead when the scoring is calibrated");
            } else {
                assertThat(effect).as(choice).doesNotContain("lost lead");
            }
        }
        assertThat(page.effect("accepted")).contains("An alert accepted within 15 minutes of being sent does not escalate.");
        assertThat(page.effect("duplicate")).contains("calibration learns nothing");
        assertThat(page.choices(lead(jane()), TOKEN, null))
                .contains("No choice changes the lead&#39;s score or tier, sends them anything, or unsubscribes them.",
                        "within 15 minutes of the alert, stops it from escalating.");
    }

    @Test
    void withoutEscalationItPromisesNone() {
        DispositionPage noEscalation = new DispositionPage(TestModels.defaultModel(), null);

        assertThat(noEscalation.choices(lead(jane()), TOKEN, null)).doesNotContain("escalat");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRecordedChoiceIsShownInsteadOfTheButtons(boolean justNow) {
        String html = page.recorded(lead(jane()), new RecordDisposition.Recorded("wrong_fit", NOW, justNow));

        assertThat(html).contains((justNow ? "Recorded: " : "Already recorded: ") + "Wrong fit", "23 Nov 2026, 10:00 UTC",
                "Counts as a lost lead", "Jane Roe", "+30 requested a demo");
        assertThat(html).doesNotContain("<button", "<form");
    }

    @Test
    void aLeadWithoutAPhoneSaysSo() {
        Map<String, String> answers = jane();
        answers.remove("phone");

        assertThat(page.choices(lead(answers), TOKEN, null)).contains("Not given: write to them").doesNotContain("tel:");
    }

    @Test
    void everythingTheLeadTypedIsEscaped() {
        Map<String, String> answers = jane();
        answers.put("name", "<script>alert(1)</script>");
        answers.put("company", "Acme\" onmouseover=\"x");
        answers.put("phone", "javascript:alert(1)");

        String html = page.choices(lead(answers), "t\"><script>", "Choose one of the options below.");

        assertThat(html).doesNotContain("<script", "onmouseover=\"", "href=\"javascript:", "\"><script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Choose one of the options below.");
    }

    @Test
    void aPageWithinItsOwnPolicyNoScriptsNoRemoteContent() {
        for (String html : List.of(page.choices(lead(jane()), TOKEN, null), DispositionPage.invalidLink(),
                page.recorded(lead(jane()), new RecordDisposition.Recorded("accepted", NOW, true)))) {
            assertThat(html).startsWith("<!doctype html>").contains("<style>")
                    .doesNotContain("<script", "<img", "<link", "src=", "url(", "@import", "{{", "style=\"display");
        }
        assertThat(DispositionPage.invalidLink()).contains("This link is not valid any more").doesNotContain("<form");
    }
}
