package io.leadtriage.domain.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a marketer tunes: scoring, tiers, stages, pain points, alert routing, forms, surveys and
 * nurture. It mirrors the model file one to one; {@code io.leadtriage.config.ModelLoader} reads and
 * validates it, so code that receives one may rely on every reference in it resolving.
 *
 * @param lists            named value lists that conditions refer to with {@code inList}
 * @param roleFromJobTitle role to keywords, tried in order, deriving {@code role} from {@code jobTitle}
 * @param painPoints       tag to keywords matched in the lead's {@code challenge}
 * @param questions        the marketer's own questions, answered under their ids beside the built-in fields
 * @param accounts         how leads of one company domain are scored together; null when accounts are off
 */
public record QualificationModel(
        TierBands tiers,
        Map<String, List<String>> lists,
        List<FitRule> fit,
        Behaviour behaviour,
        List<Disqualifier> disqualify,
        StageRules stages,
        Map<String, List<String>> roleFromJobTitle,
        Map<String, List<String>> painPoints,
        Alerts alerts,
        Map<String, FormDefinition> forms,
        Map<String, SurveyDefinition> surveys,
        Nurture nurture,
        Map<String, EmailTemplate> templates,
        List<Question> questions,
        AccountRules accounts) {

    public QualificationModel {
        lists = lists == null ? Map.of() : lists;
        fit = fit == null ? List.of() : List.copyOf(fit);
        disqualify = disqualify == null ? List.of() : List.copyOf(disqualify);
        roleFromJobTitle = roleFromJobTitle == null ? Map.of() : roleFromJobTitle;
        painPoints = painPoints == null ? Map.of() : painPoints;
        forms = forms == null ? Map.of() : forms;
        surveys = surveys == null ? Map.of() : surveys;
        templates = templates == null ? Map.of() : templates;
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** The same model with other email templates: what editing a template changes, and nothing a lead's verdict reads. */
    public QualificationModel withTemplates(Map<String, EmailTemplate> newTemplates) {
        return new QualificationModel(tiers, lists, fit, behaviour, disqualify, stages, roleFromJobTitle, painPoints, alerts,
                forms, surveys, nurture, newTemplates, questions, accounts);
    }

    /** The custom question with this id, if the model has one. */
    public java.util.Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id() != null && q.id().equals(id)).findFirst();
    }
}
