package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.email.Labels;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.NextQuestions;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Question;
import io.leadtriage.domain.model.QuestionPool;
import io.leadtriage.domain.model.SurveyDefinition;
import io.leadtriage.ops.Log;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Progressive profiling: the questions a form step or a survey should ask this lead now, from its pool: those the
 * lead has not answered, most valuable first, at most the pool's {@code askAtMost}, each described so a page can
 * draw it (label, type, options, limits). Only the lead's own token opens its answers: a form's token for a form, a
 * survey link's for a survey. A token of an unverified submission (a known address typed without that lead's token)
 * is answered as for a stranger, the whole pool, so the answer tells nothing about the lead.
 */
public final class ChooseNextQuestions {
    private final ModelInEffect models;
    private final LeadQueries leads;
    private final LeadUpdates updates;
    private final AbuseGuard abuse;
    private final TokenService tokens;

    public ChooseNextQuestions(ModelInEffect models, LeadQueries leads, LeadUpdates updates, AbuseGuard abuse,
                               TokenService tokens) {
        this.models = models;
        this.leads = leads;
        this.updates = updates;
        this.abuse = abuse;
        this.tokens = tokens;
    }

    /**
     * What to ask.
     *
     * @param pooled false when the step or survey declares no pool: the page keeps the questions it has
     */
    public record Asked(boolean pooled, List<AskedQuestion> questions) {
    }

    /**
     * One question as a page draws it.
     *
     * @param type      {@code choice}, {@code number}, {@code yes_no}, {@code text} or {@code long_text}
     * @param options   a choice's answers (value and label), in order; empty otherwise
     * @param required  the step refuses a post without it
     */
    public record AskedQuestion(String field, String label, String type, List<Option> options, Integer min, Integer max,
                                Integer maxLength, boolean required) {
    }

    public record Option(String value, String label) {
    }

    /** @param step 1 or 2 */
    public Asked forForm(String formId, int step, String token, String sourceIp) {
        QualificationModel model = models.refreshIfDue().model();
        FormDefinition form = formId == null ? null : model.forms().get(formId);
        if (form == null || step < 1 || step > (form.twoStep() ? 2 : 1)) {
            throw new Refusal(Refusal.UNKNOWN_FORM, "There is no form with this id and step.", Map.of());
        }
        abuse.countClient(sourceIp, "questions");
        Answers known = answersOf(tokens.verify(TokenPurpose.FORM, token).orElseThrow(Refusal::invalidToken), true);
        return asked(model, form.poolOf(step), known, step == 2 ? form.step2Required() : form.required(), formId);
    }

    public Asked forSurvey(String surveyId, String token, String sourceIp) {
        QualificationModel model = models.refreshIfDue().model();
        SurveyDefinition survey = surveyId == null ? null : model.surveys().get(surveyId);
        if (survey == null) {
            throw new Refusal(Refusal.UNKNOWN_FORM, "There is no survey with this id.", Map.of());
        }
        abuse.countClient(sourceIp, "questions");
        Answers known = answersOf(tokens.verify(TokenPurpose.SURVEY, token).orElseThrow(Refusal::invalidToken), false);
        return asked(model, survey.questions(), known, List.of(), surveyId);
    }

    private Asked asked(QualificationModel model, QuestionPool pool, Answers known, List<String> required, String of) {
        if (pool == null) {
            return new Asked(false, List.of());
        }
        String role = known.asMap().isEmpty() ? "" : models.current().qualifier().roleOf(known);
        List<AskedQuestion> questions = NextQuestions.choose(pool, known, role).stream()
                .map(field -> describe(field, model.question(field), required.contains(field))).toList();
        Log.info("next questions chosen", Map.of("of", of, "asked", questions.size(), "pool", pool.questions().size()));
        return new Asked(true, questions);
    }

    /** The lead's answers; none for an unverified submission's token (form tokens only), refused for a lead gone. */
    private Answers answersOf(String id, boolean formToken) {
        Optional<LeadRecord> lead = leads.findById(id);
        if (lead.isPresent()) {
            return lead.get().lead().answers();
        }
        if (formToken && updates.leadIdOfUnverifiedSubmission(id).isPresent()) {
            return Answers.none();
        }
        throw Refusal.invalidToken();
    }

    static AskedQuestion describe(String field, Optional<Question> custom, boolean required) {
        if (custom.isPresent()) {
            Question q = custom.get();
            return new AskedQuestion(field, q.label(), q.type().wireName(),
                    q.allowedValues().stream().map(v -> new Option(v, Labels.phraseOf(v))).toList(),
                    q.min(), q.max(), q.type() == io.leadtriage.domain.model.QuestionType.TEXT ? q.textLimit() : null,
                    required);
        }
        Optional<List<String>> values = Fields.allowedValues(field);
        if (values.isPresent()) {
            return new AskedQuestion(field, Labels.field(field), "choice",
                    values.get().stream().map(v -> new Option(v, Labels.of(field, v))).toList(), null, null, null, required);
        }
        boolean longText = Fields.CHALLENGE.equals(field);
        return new AskedQuestion(field, Labels.field(field), longText ? "long_text" : "text", List.of(), null, null,
                longText ? FormFields.MAX_CHALLENGE : FormFields.textLimit(field), required);
    }
}
