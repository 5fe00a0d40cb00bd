package io.leadtriage.app.intake;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.email.Labels;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Question;
import io.leadtriage.domain.model.SurveyDefinition;
import io.leadtriage.ops.Log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follow-up survey answers, posted with the {@code _token} of the survey link in a nurture email: only the
 * survey's fields are taken; they update budget, authority, need and timeline, and the lead is rescored like any
 * other change (a move to hot alerts sales and stops nurture). A forged or expired token changes nothing.
 */
public final class AnswerSurvey {
    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final AbuseGuard abuse;
    private final TokenService tokens;

    public AnswerSurvey(ModelInEffect models, LeadUpdates updates, AbuseGuard abuse, TokenService tokens) {
        this.models = models;
        this.updates = updates;
        this.abuse = abuse;
        this.tokens = tokens;
    }

    /** A survey post as the browser sent it. */
    public record SurveyPost(String surveyId, Map<String, String> fields, String sourceIp) {
    }

    /** @param thankYouUrl the survey's thank-you page as the model names it */
    public record Answered(String leadId, String thankYouUrl) {
    }

    /** @throws Refusal an unknown survey, a bad token, invalid or no answers, a limit */
    public Answered answer(SurveyPost post) {
        QualificationModel model = models.refreshIfDue().model();
        SurveyDefinition survey = post.surveyId() == null ? null : model.surveys().get(post.surveyId());
        if (survey == null) {
            throw new Refusal(Refusal.UNKNOWN_FORM, "There is no survey with this id.", Map.of());
        }
        abuse.countClient(post.sourceIp(), "survey");
        Map<String, String> raw = post.fields();
        String leadId = tokens.verify(TokenPurpose.SURVEY, raw.get(FormFields.TOKEN)).orElseThrow(Refusal::invalidToken);
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String field : survey.answerable()) {
            String value = raw.get(field);
            Optional<Question> question = model.question(field);
            String normalised = question.isPresent() ? FormFields.customAnswer(problems, question.get(), value)
                    : value == null || value.isBlank() ? null
                    : FormFields.check(problems, field, () -> FormFields.answer(field, value));
            if (normalised != null) {
                answers.put(field, normalised);
            }
        }
        String submissionId = null;
        if (raw.containsKey("submissionId") && !raw.get("submissionId").isBlank()) {
            submissionId = FormFields.check(problems, "submissionId", () -> FieldRules.submissionId(raw.get("submissionId")));
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields(problems);
        }
        if (answers.isEmpty()) {
            throw Refusal.invalidBody("Answer at least one question: " + inWords(survey.answerable(), model) + ".");
        }
        LeadUpdates.Applied applied = answer(leadId, post.surveyId(), Answers.of(answers), submissionId);
        Log.info("survey answered", Map.of("surveyId", post.surveyId(), "leadId", leadId, "turnedHot", applied.turnedHot(),
                "tier", applied.after().qualification().tier().wireName()));
        return new Answered(leadId, survey.thankYouUrl());
    }

    /**
     * @param onceKey the client's submission id, or null
     * @throws UnknownLeadException when the lead the token names does not exist (erased)
     */
    LeadUpdates.Applied answer(String leadId, String surveyId, Answers answers, String onceKey) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey == null ? null : "survey#" + surveyId + "#" + onceKey,
                (current, now) -> {
                    LeadRecord lead = current.orElseThrow(() -> new UnknownLeadException(leadId));
                    return Optional.of(new LeadUpdates.Draft(lead.withLead(lead.lead().withAnswers(answers)),
                            List.of(new TimelineEntry(now, TimelineEntry.SURVEY_ANSWERED, surveyId + ": "
                                    + String.join(", ", answers.asMap().keySet()))), LeadUpdates.Cause.survey(surveyId)));
                });
    }

    /** "Budget, Role, Timeline or Company size": the questions by their labels, never their keys. */
    static String inWords(List<String> fields, QualificationModel model) {
        List<String> labels = fields.stream().map(f -> model.question(f).map(Question::label).orElse(Labels.field(f))).toList();
        return labels.size() < 2 ? String.join("", labels)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }
}
