package io.leadtriage.app.email;

import io.leadtriage.app.HotTrigger;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Question;
import io.leadtriage.domain.model.QuestionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A lead's story in words, for the sales alert and the disposition page: forms by their titles ("Book a
 * demo", not {@code form:demo}), attribution by its meaning ("Campaign source", not {@code utm_source}), and
 * what turned the lead hot.
 */
public final class LeadWords {
    /** Answers not worth repeating under "why now": who the lead is, which the alert shows first. */
    private static final Set<String> CONTACT_FIELDS = Set.of(Fields.EMAIL, Fields.NAME, Fields.FIRST_NAME,
            Fields.LAST_NAME, Fields.PHONE);
    private static final List<String> UTM_ORDER = List.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content");
    private static final int ANSWER_MAX = 120;
    private static final String PRODUCT_SOURCE = "product:";

    private final Map<String, FormDefinition> forms;
    private final List<Question> questions;

    public LeadWords(QualificationModel model) {
        this.forms = model.forms();
        this.questions = model.questions();
    }

    /** The lead's role as the qualification read it (derived from the job title when not answered), or empty. */
    public static String role(Answers answers, io.leadtriage.app.QualificationSummary q) {
        return q.role() == null || q.role().isEmpty() ? answers.getOrEmpty(Fields.ROLE) : q.role();
    }

    /** One line of a table: a label and its value. */
    public record Row(String label, String value) {
    }

    /** The form's title from the model ("Book a demo"); a form the model no longer has, by its id in words. */
    public String form(String formId) {
        FormDefinition form = forms.get(formId);
        return form != null && form.title() != null && !form.title().isBlank() ? form.title() : Labels.phraseOf(formId);
    }

    /** First-touch attribution in words; rows without a value are left out. */
    public List<Row> source(Map<String, String> source) {
        List<Row> rows = new ArrayList<>();
        String formId = source.getOrDefault("formId", "");
        if (formId.startsWith(PRODUCT_SOURCE)) {
            String type = formId.substring(PRODUCT_SOURCE.length());
            row(rows, "Came from", "the product: " + SignalType.fromWireName(type).map(Labels::signal)
                    .orElse(Labels.phraseOf(type)).toLowerCase(java.util.Locale.ROOT));
        } else if (!formId.isEmpty()) {
            row(rows, "Form", form(formId));
        }
        row(rows, "Page", source.getOrDefault("pageUrl", ""));
        row(rows, "Referrer", source.getOrDefault("referrer", ""));
        Stream.concat(UTM_ORDER.stream().filter(source::containsKey),
                        source.keySet().stream().filter(k -> k.startsWith("utm_") && !UTM_ORDER.contains(k)).sorted())
                .forEach(key -> row(rows, Labels.field(key), source.get(key)));
        return rows;
    }

    /** What a signal was about, in words: the form's title for a form's signal, the email for a click, else the page. */
    public String signalDetail(Signal signal) {
        return signalDetail(signal.type(), signal.detail());
    }

    private String signalDetail(SignalType type, String detail) {
        if (detail.startsWith(HotTrigger.FORM)) {
            return "(“" + form(detail.substring(HotTrigger.FORM.length())) + "” form)";
        }
        if (type == SignalType.EMAIL_CLICK && !detail.isEmpty()) {
            return "(“" + Labels.phraseOf(detail) + "”)";
        }
        return detail;
    }

    /** "Answered the follow-up survey", "Viewed the pricing page /pricing", "Came in hot with the “Book a demo” form". */
    public String trigger(HotTrigger t) {
        if (t.is(HotTrigger.FORM)) {
            String form = "the “" + form(t.causeId()) + "” form";
            return t.newLead() ? "Came in hot with " + form : "Sent " + form;
        }
        if (t.is(HotTrigger.SURVEY)) {
            return "Answered the " + t.causeId().replace('_', ' ') + " survey";
        }
        if (t.is(HotTrigger.SIGNAL)) {
            return SignalType.fromWireName(t.causeId())
                    .map(type -> {
                        String detail = signalDetail(type, t.detail() == null ? "" : t.detail());
                        return Labels.signal(type) + (detail.isEmpty() ? "" : " " + detail);
                    })
                    .orElse(Labels.phraseOf(t.causeId()));
        }
        return "Rescored: no new answer or signal";
    }

    /** The answers the change brought, as label and value; none for a lead that came in hot (the alert lists them all). */
    public List<Row> answers(HotTrigger t, Answers answers) {
        List<Row> rows = new ArrayList<>();
        if (t.newLead()) {
            return rows;
        }
        for (String field : t.answered()) {
            if (CONTACT_FIELDS.contains(field)) {
                continue;
            }
            String value = answers.getOrEmpty(field);
            value = Fields.COUNTRY.equals(field) ? Labels.country(value) : Labels.of(field, value);
            value = HeaderText.shortened(HeaderText.singleLine(value), ANSWER_MAX);
            row(rows, label(field, questions), value);
        }
        return rows;
    }

    /** A field's label: a custom question's own, else the built-in field's (or the key in words, for a question gone). */
    public static String label(String field, List<Question> questions) {
        return questions.stream().filter(q -> field.equals(q.id())).map(Question::label).findFirst()
                .orElse(Labels.field(field));
    }

    /**
     * The answers to the marketer's own questions (and a form's extra fields), labelled: the model's questions in its
     * order, then answers to questions it no longer has, by their keys in words, so a removed question's answers stay
     * readable. Yes/no as Yes or No.
     */
    public static List<Row> customAnswers(Answers answers, List<Question> questions) {
        List<Row> rows = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Question q : questions) {
            String value = answers.getOrEmpty(q.id());
            if (!value.isEmpty()) {
                shown.add(q.id());
                row(rows, q.label(), q.type() == QuestionType.YES_NO ? Labels.phraseOf(value) : value);
            }
        }
        answers.asMap().keySet().stream().filter(k -> !Fields.ANSWER_FIELDS.contains(k) && !shown.contains(k)).sorted()
                .forEach(k -> row(rows, Labels.field(k), answers.getOrEmpty(k)));
        return rows;
    }

    private static void row(List<Row> rows, String label, String value) {
        if (value != null && !value.isBlank()) {
            rows.add(new Row(label, value));
        }
    }
}
