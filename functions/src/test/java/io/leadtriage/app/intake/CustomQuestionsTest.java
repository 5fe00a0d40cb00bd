package io.leadtriage.app.intake;

import io.leadtriage.TestModels;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.ScoreLine;
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
 * The model's own questions on the in-memory ports: answered on the step 2 and the survey that pool them, checked by
 * their type (a choice's options, a number's range, yes or no, one line within its length), scored by the model's
 * rules, never emptied by a blank field, shown to sales by their labels, and still readable once the model drops them.
 */
class CustomQuestionsTest {
    final CoreFlow flow = CoreFlow.start();
    final String samId;

    CustomQuestionsTest() {
        flow.services().changeModel().put(TestModels.withQuestions(), null);
        samId = flow.submit("get-started", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();
    }

    /** Step 2 of get-started with Sam's token, as the page posts it (company and size are required there). */
    TakeFormPost.Taken step2(String fields) {
        Map<String, String> post = new HashMap<>(Map.of("company", "Northwind", "companySize", "11-50"));
        post.putAll(TableFields.of(fields));
        post.put("_token", flow.services().tokens().issue(TokenPurpose.FORM, samId));
        return flow.takeFormPost().take(new TakeFormPost.FormPost("get-started", post, null, CoreFlow.API));
    }

    void survey(String fields) {
        flow.answerSurvey(samId, "follow-up", TableFields.of(fields));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "step 2 | seats=25                    | seats=25",
            "step 2 | seats= 1,200                | seats=1200",
            "step 2 | seats=+7                    | seats=7",
            "step 2 | currentTool=CRM             | currentTool=crm",
            "step 2 | currentTool=not-at-all      | currentTool=not-at-all",
            "survey | salesTeam=Yes               | salesTeam=yes",
            "survey | salesTeam=no                | salesTeam=no",
            "survey | salesTeam=true              | salesTeam=yes",
            "survey | nextStep=a pilot in January | nextStep=a pilot in January",
            "survey | nextStep=<b>now</b>         | nextStep=<b>now</b>"})
    void anAnswerIsNormalisedByItsQuestionsType(String where, String fields, String stored) {
        if (where.equals("survey")) {
            survey(fields);
        } else {
            step2(fields);
        }

        TableFields.of(stored).forEach((field, value) ->
                assertThat(flow.lead(samId).lead().answers().get(field)).hasValue(value));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "step 2 | seats=0                     | seats=must be between 1 and 100000",
            "step 2 | seats=100001                | seats=must be between 1 and 100000",
            "step 2 | seats=lots                  | seats=must be a whole number",
            "step 2 | seats=2.5                   | seats=must be a whole number",
            "step 2 | currentTool=excel           | currentTool=must be one of: spreadsheets, crm, marketing-automation, not-at-all",
            "survey | salesTeam=maybe             | salesTeam=must be one of: yes, no",
            "survey | nextStep=a pilot with the whole sales team in January | nextStep=is longer than 40 characters",
            "survey | nextStep=pilot\\r\\nBcc: x@example.com | nextStep=must be a single line of text",
            "survey | seats=9; salesTeam=maybe; budget=lots | salesTeam=must be one of: yes, no; budget=must be one of: approved, planned, exploring, none"})
    void aWrongAnswerIsRefusedNamingItsFieldAndNothingIsStored(String where, String fields, String problems) {
        String raw = fields.replace("\\r\\n", "\r\n");
        Refusal refusal = refusalOf(() -> {
            if (where.equals("survey")) {
                survey(raw);
            } else {
                step2(raw);
            }
        });

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).isEqualTo(TableFields.of(problems));
        assertThat(flow.lead(samId).version()).isEqualTo(1);
    }

    @Test
    void aFormTakesOnlyTheQuestionsItsPoolsAsk() {
        step2("salesTeam=yes; seats=12");

        assertThat(flow.lead(samId).lead().answers().has("salesTeam")).as("not in get-started's pool").isFalse();
        assertThat(flow.lead(samId).lead().answers().get("seats")).hasValue("12");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "seats=10                     | +10 a team of 10 or more would use it",
            "seats=9                      | ",
            "currentTool=spreadsheets     | +5 qualifies leads by hand today",
            "currentTool=crm              | ",
            "salesTeam=no                 | −10 no sales team to call leads",
            "salesTeam=yes                | "})
    void anAnswerScoresByTheModelsRules(String answers, String line) {
        survey(answers);

        assertThat(flow.lead(samId).qualification().breakdown()).extracting(ScoreLine::toString)
                .isEqualTo(line == null ? List.of() : List.of(line));
    }

    @Test
    void aBlankFieldNeverOverwritesAnAnswerGiven() {
        step2("seats=25; currentTool=crm");
        step2("seats=; currentTool=   ");
        survey("salesTeam=yes; seats=");

        assertThat(flow.lead(samId).lead().answers().asMap()).containsEntry("seats", "25").containsEntry("currentTool", "crm")
                .containsEntry("salesTeam", "yes");
    }

    @Test
    void salesReadsTheAnswersByTheirLabelsAndAQuestionTheModelDroppedStaysReadable() {
        step2("seats=40; currentTool=spreadsheets");
        survey("salesTeam=yes; nextStep=<b>a pilot</b>");
        LeadRecord lead = flow.lead(samId);
        SalesAlertComposer withQuestions = new SalesAlertComposer(flow.services().models().current().model(), "a@b.io");

        String html = withQuestions.compose(lead, List.of("rep@example.com"), null, null, CoreFlow.START).html();
        String text = withQuestions.compose(lead, List.of("rep@example.com"), null, null, CoreFlow.START).text();
        assertThat(text).contains("How many people would use leadtriage?: 40", "How do you qualify leads today?: spreadsheets",
                "Do you have a sales team that calls leads?: Yes", "What would make this a priority?: <b>a pilot</b>");
        assertThat(html).contains("&lt;b&gt;a pilot&lt;/b&gt;").doesNotContain("<b>a pilot");

        flow.services().changeModel().put(TestModels.defaultText(), null);
        LeadRecord after = flow.lead(samId);
        String without = new SalesAlertComposer(flow.services().models().current().model(), "a@b.io")
                .compose(after, List.of("rep@example.com"), null, null, CoreFlow.START).text();
        assertThat(after.lead().answers().asMap()).containsEntry("seats", "40");
        assertThat(without).contains("Seats: 40", "Current tool: spreadsheets", "Sales team: yes");
        assertThat(flow.services().lookUpLeads().view(samId).ownAnswers()).extracting(r -> r.label() + "=" + r.value())
                .containsExactly("Current tool=spreadsheets", "Next step=<b>a pilot</b>", "Sales team=yes", "Seats=40");
    }
}
