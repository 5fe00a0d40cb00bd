package io.leadtriage.app.intake;

import io.leadtriage.TestModels;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progressive profiling on the in-memory ports: a form step or survey asks the lead its token names only what it has
 * not told us, most valuable first, at most its pool's limit; a step 2 may then leave out a required field the lead
 * answered before; a stranger's token learns nothing about the lead.
 */
class ChooseNextQuestionsTest {
    static final String IP = "198.51.100.7";
    static final String STEP2_POOL = "company companySize role timeline budget seats industry currentTool phone";

    final CoreFlow flow = CoreFlow.start();
    final String samId;

    ChooseNextQuestionsTest() {
        flow.services().changeModel().put(TestModels.withQuestions(), null);
        samId = flow.submit("get-started", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();
    }

    String formToken(String leadId) {
        return flow.services().tokens().issue(TokenPurpose.FORM, leadId);
    }

    List<String> step2Fields(String token) {
        return flow.services().chooseNextQuestions().forForm("get-started", 2, token, IP).questions().stream()
                .map(ChooseNextQuestions.AskedQuestion::field).toList();
    }

    List<String> surveyFields() {
        return flow.services().chooseNextQuestions().forSurvey("follow-up",
                flow.services().tokens().issue(TokenPurpose.SURVEY, samId), IP).questions().stream()
                .map(ChooseNextQuestions.AskedQuestion::field).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a lead that told us nothing yet       |                                                           | " + STEP2_POOL,
            "a lead that gave its company and size | company=Northwind; companySize=11-50                      | role timeline budget seats industry currentTool phone",
            "a lead that answered a survey         | budget=approved; timeline=now; seats=12                   | company companySize role industry currentTool phone",
            "a role its job title already says     | jobTitle=Head of Sales; company=Northwind                 | companySize timeline budget seats industry currentTool phone"})
    void step2AsksOnlyWhatTheLeadHasNotToldUs(String what, String answers, String asked) {
        if (!TableFields.of(answers).isEmpty()) {
            flow.submitStep2("get-started", samId, TableFields.of(answers));
        }

        assertThat(step2Fields(formToken(samId))).isEqualTo(List.of(asked.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a lead that told us nothing: the five most valuable | | budget timeline role challenge seats",
            "a lead that gave budget and seats on step 2         | budget=planned; seats=30; company=Northwind; companySize=11-50 | timeline role challenge salesTeam currentTool",
            "a lead that told us nearly everything               | budget=planned; timeline=now; role=user; challenge=Too many junk leads; seats=3; companySize=1-10; currentTool=crm; company=Northwind | salesTeam nextStep"})
    void theSurveyAsksAtMostFiveOfWhatIsStillUnknown(String what, String answers, String asked) {
        Map<String, String> step2 = TableFields.of(answers);
        if (step2.containsKey("company")) {
            flow.submitStep2("get-started", samId, Map.of("company", step2.remove("company"), "companySize", step2.remove("companySize"),
                    "seats", step2.getOrDefault("seats", "1")));
            step2.remove("seats");
        }
        if (!step2.isEmpty()) {
            flow.answerSurvey(samId, "follow-up", step2);
        }

        assertThat(surveyFields()).isEqualTo(List.of(asked.split(" ")));
    }

    @Test
    void eachQuestionComesWithWhatAPageNeedsToDrawIt() {
        List<ChooseNextQuestions.AskedQuestion> asked = flow.services().chooseNextQuestions()
                .forForm("get-started", 2, formToken(samId), IP).questions();

        assertThat(asked).filteredOn(q -> q.field().equals("companySize")).singleElement().satisfies(q -> {
            assertThat(q.type()).isEqualTo("choice");
            assertThat(q.required()).isTrue();
            assertThat(q.options()).extracting(ChooseNextQuestions.Option::value)
                    .containsExactly("1-10", "11-50", "51-200", "201-1000", "1000+");
        });
        assertThat(asked).filteredOn(q -> q.field().equals("seats")).singleElement().satisfies(q -> {
            assertThat(q.label()).isEqualTo("How many people would use leadtriage?");
            assertThat(q.type()).isEqualTo("number");
            assertThat(q.min()).isEqualTo(1);
            assertThat(q.max()).isEqualTo(100000);
            assertThat(q.required()).isFalse();
        });
        assertThat(asked).filteredOn(q -> q.field().equals("currentTool")).singleElement()
                .satisfies(q -> assertThat(q.options()).extracting(ChooseNextQuestions.Option::label)
                        .containsExactly("Spreadsheets", "Crm", "Marketing automation", "Not at all"));
    }

    @Test
    void aStep2MayLeaveOutARequiredFieldTheLeadAnsweredBeforeButNotOneItNeverDid() {
        flow.submitStep2("get-started", samId, Map.of("company", "Northwind", "companySize", "11-50"));
        TakeFormPost.Taken known = post("get-started", samId, Map.of("budget", "approved"));

        String newId = flow.submit("get-started", "ana@contoso-saas.com", Map.of("name", "Ana")).after().id();
        Refusal unknown = refusalOf(() -> post("get-started", newId, Map.of("budget", "approved", "company", "Contoso")));

        assertThat(known.leadId()).isEqualTo(samId);
        assertThat(flow.lead(samId).lead().answers().asMap()).containsEntry("budget", "approved")
                .containsEntry("company", "Northwind").containsEntry("companySize", "11-50");
        assertThat(unknown.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(unknown.fields()).isEqualTo(Map.of("companySize", "is required"));
        assertThat(flow.lead(newId).version()).isEqualTo(1);
    }

    TakeFormPost.Taken post(String formId, String leadId, Map<String, String> answers) {
        Map<String, String> fields = new HashMap<>(answers);
        fields.put("_token", formToken(leadId));
        return flow.takeFormPost().take(new TakeFormPost.FormPost(formId, fields, IP, CoreFlow.API));
    }

    @Test
    void aStrangersTokenForAKnownAddressLearnsNothingAboutTheLead() {
        flow.submitStep2("get-started", samId, Map.of("company", "Northwind", "companySize", "11-50", "seats", "12"));
        TakeFormPost.Taken stranger = flow.takeFormPost().take(new TakeFormPost.FormPost("get-started",
                TableFields.of("email=sam@northwind-saas.com; name=Mallory"), IP, CoreFlow.API));

        assertThat(step2Fields(stranger.token())).isEqualTo(List.of(STEP2_POOL.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no token                    | get-started | 2 | none   | invalid_token",
            "a survey's token on a form  | get-started | 2 | survey | invalid_token",
            "a lead that is gone         | get-started | 2 | erased | invalid_token",
            "an unknown form             | nope        | 2 | form   | unknown_form",
            "a step the form does not have | newsletter | 2 | form  | unknown_form"})
    void aQuestionRequestWithoutTheLeadsOwnTokenIsRefused(String what, String formId, int step, String token, String code) {
        String sent = switch (token) {
            case "none" -> null;
            case "survey" -> flow.services().tokens().issue(TokenPurpose.SURVEY, samId);
            default -> formToken(samId);
        };
        if (token.equals("erased")) {
            flow.services().eraseLead().erase(samId);
        }

        Refusal refusal = refusalOf(() -> flow.services().chooseNextQuestions().forForm(formId, step, sent, IP));

        assertThat(refusal.code()).isEqualTo(code);
    }

    @Test
    void aStepWithoutAPoolLeavesThePageItsOwnQuestions() {
        ChooseNextQuestions.Asked asked = flow.services().chooseNextQuestions().forForm("get-started", 1, formToken(samId), IP);

        assertThat(asked.pooled()).isFalse();
        assertThat(asked.questions()).isEmpty();
    }
}
