package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.intake.AnswerSurvey.Answered;
import io.leadtriage.app.intake.AnswerSurvey.SurveyPost;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Follow-up survey answers on the in-memory ports: only the survey's own questions are taken, normalised as a form's
 * are, and the lead is rescored; a bad token, no answer or a bad answer changes nothing.
 */
class AnswerSurveyTest {
    static final String IP = "198.51.100.7";
    static final String SUBMISSION = "11111111-2222-4333-8444-555555555555";

    final CoreFlow flow = CoreFlow.start();
    /** 25 points: warm (newsletter +5, timeline now +20), with consent: in the "warm" sequence. */
    final String samId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now"))
            .after().id();

    Answered answer(CoreFlow on, String surveyId, String token, Map<String, String> answers) {
        Map<String, String> fields = new java.util.HashMap<>(answers);
        fields.put("_token", token);
        return on.services().answerSurvey().answer(new SurveyPost(surveyId, fields, IP));
    }

    Answered answer(String answers) {
        return answer(flow, "follow-up", flow.services().tokens().issue(TokenPurpose.SURVEY, samId), TableFields.of(answers));
    }

    @ParameterizedTest(name = "survey id {0}")
    @NullSource
    @ValueSource(strings = {"no-such-survey", "newsletter"})
    void anUnknownSurveyIsRefused(String surveyId) {
        Refusal refusal = refusalOf(() -> answer(flow, surveyId, flow.services().tokens().issue(TokenPurpose.SURVEY, samId),
                Map.of("budget", "approved")));

        assertThat(refusal.code()).isEqualTo(Refusal.UNKNOWN_FORM);
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} token")
    @ValueSource(strings = {"a forged", "an expired", "a form's (another purpose)", "no"})
    void aBadTokenIsRefusedAndChangesNothing(String kind) {
        TokenService tokens = flow.services().tokens();
        String real = tokens.issue(TokenPurpose.SURVEY, samId);
        String token = switch (kind) {
            case "a forged" -> real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
            case "an expired" -> tokens.issue(TokenPurpose.SURVEY, samId, Duration.ofDays(-1));
            case "a form's (another purpose)" -> tokens.issue(TokenPurpose.FORM, samId);
            default -> null;
        };

        Refusal refusal = refusalOf(() -> answer(flow, "follow-up", token, Map.of("budget", "approved")));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_TOKEN);
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void aTokenForALeadThatIsGoneNamesNoLead() {
        String token = flow.services().tokens().issue(TokenPurpose.SURVEY, samId);
        flow.services().eraseLead().erase(samId);

        assertThatThrownBy(() -> answer(flow, "follow-up", token, Map.of("budget", "approved")))
                .isInstanceOf(UnknownLeadException.class);
        assertThat(flow.storedLeads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no answer                         | ",
            "only fields the survey does not ask | industry=saas; country=DE; name=Someone Else",
            "blank answers                     | budget= ; timeline= "})
    void aSurveyWithoutAnAnswerIsRefusedNamingItsQuestionsByTheirLabels(String what, String answers) {
        Refusal refusal = refusalOf(() -> answer(answers));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.getMessage())
                .isEqualTo("Answer at least one question: Budget, Role, Timeline, Biggest challenge or Company size.");
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void badAnswersAreRefusedTogetherEachWithItsMessage() {
        Refusal refusal = refusalOf(() -> answer("budget=lots; timeline=soon; role=approved; submissionId=1234"));

        assertThat(refusal.fields()).isEqualTo(TableFields.of("budget=must be one of: approved, planned, exploring, none;"
                + " timeline=must be one of: now, 1-3m, 3-6m, 6m+, unknown;"
                + " role=must be one of: decision_maker, influencer, user, other; submissionId=must be a UUID"));
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void theSurveysAnswersAreStoredAndScoredAndEverythingElseIsDropped() {
        Answered answered = answer("budget=approved; companySize=51-200; industry=saas; name=Someone Else");

        assertThat(answered).isEqualTo(new Answered(samId, "/survey-thanks.html"));
        LeadRecord lead = flow.lead(samId);
        assertThat(lead.lead().answers().asMap()).containsEntry("budget", "approved").containsEntry("companySize", "51-200")
                .containsEntry("name", "Sam Lee").doesNotContainKey("industry");
        assertThat(lead.qualification().score()).as("25 + budget approved 15 + size 10").isEqualTo(50);
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(lead.sales().hotTrigger().cause()).isEqualTo("survey:follow-up");
        assertThat(flow.timeline(samId)).contains("follow-up: budget, companySize", "warm → hot at 50 points");
    }

    @Test
    void theSameSubmissionIdIsAnsweredOnce() {
        answer("timeline=1-3m; submissionId=" + SUBMISSION);
        long version = flow.lead(samId).version();

        Answered again = answer("timeline=1-3m; submissionId=" + SUBMISSION);

        assertThat(again.leadId()).isEqualTo(samId);
        assertThat(flow.lead(samId).version()).isEqualTo(version);
        assertThat(flow.timeline(samId)).filteredOn(entry -> entry.startsWith("follow-up:")).hasSize(1);
    }

    @Test
    void oneClientAboveItsLimitIsRefusedOnSurveysAlone() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(2, 100)));
        String leadId = limited.submit("newsletter", "sam@northwind-saas.com", Map.of("timeline", "now")).after().id();
        String token = limited.services().tokens().issue(TokenPurpose.SURVEY, leadId);
        answer(limited, "follow-up", token, Map.of("budget", "planned"));
        answer(limited, "follow-up", token, Map.of("budget", "approved"));

        Refusal refusal = refusalOf(() -> answer(limited, "follow-up", token, Map.of("budget", "none")));

        assertThat(refusal.code()).isEqualTo(Refusal.RATE_LIMITED);
        assertThat(limited.lead(leadId).lead().answers().get("budget")).contains("approved");
        limited.takeFormPost().take(new TakeFormPost.FormPost("ebook", Map.of("email", "other@acme.io"), IP, CoreFlow.API));
        assertThat(limited.storage().leads().findLeadIdByEmail("other@acme.io")).as("forms are counted apart").isPresent();
    }
}
