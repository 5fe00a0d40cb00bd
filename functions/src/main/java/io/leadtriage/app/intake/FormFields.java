package io.leadtriage.app.intake;

import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.Question;
import io.leadtriage.app.Refusal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the raw fields of a form post into a {@link ValidatedForm}: every field checked, every problem
 * reported at once with one message per field, enumerated fields held to their values. Fields the form
 * does not declare are dropped, so a page's submit button or tracking extras never reach storage.
 */
public final class FormFields {
    static final String HONEYPOT = "_gotcha";
    public static final String TOKEN = "_token";
    static final Set<String> SOURCE_FIELDS = Set.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content", "pageUrl", "referrer", "timezone");
    private static final Map<String, Integer> TEXT_LIMITS = Map.of(
            Fields.NAME, 200, Fields.FIRST_NAME, 100, Fields.LAST_NAME, 100, Fields.COMPANY, 200,
            Fields.JOB_TITLE, 200);
    static final int MAX_CHALLENGE = 2000;
    static final int MAX_EXTRA = 500;

    private FormFields() {
    }

    /** A post to a form of a model without custom questions. */
    public static ValidatedForm validate(Map<String, String> raw, FormDefinition form, boolean step2) {
        return validate(raw, form, step2, List.of());
    }

    /** @param questions the model's custom questions: those the form's pools name are taken, checked by their type */
    public static ValidatedForm validate(Map<String, String> raw, FormDefinition form, boolean step2,
                                         List<Question> questions) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : raw.entrySet()) {
            if (field.getValue().indexOf('\0') >= 0) {
                problems.put(Refusal.safeFieldName(field.getKey()), "contains characters that are not text");
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields(problems);
        }
        boolean honeypot = !raw.getOrDefault(HONEYPOT, "").isBlank();

        String email = null;
        if (!step2 && !raw.getOrDefault(Fields.EMAIL, "").isBlank()) {
            email = check(problems, Fields.EMAIL, () -> FieldRules.email(raw.get(Fields.EMAIL)));
        }
        for (String name : Fields.ANSWER_FIELDS) {
            String value = raw.get(name);
            if (name.equals(Fields.EMAIL) || value == null || value.isBlank()) {
                continue;
            }
            String normalised = check(problems, name, () -> answer(name, value));
            if (normalised != null) {
                answers.put(name, normalised);
            }
        }
        for (String name : form.extraFields()) {
            String value = raw.get(name);
            if (value != null && !value.isBlank()) {
                String normalised = check(problems, name, () -> FieldRules.singleLine(value, MAX_EXTRA));
                if (normalised != null) {
                    answers.put(name, normalised);
                }
            }
        }
        for (Question question : questions) {
            if (form.pooledFields().contains(question.id())) {
                String normalised = customAnswer(problems, question, raw.get(question.id()));
                if (normalised != null) {
                    answers.put(question.id(), normalised);
                }
            }
        }
        for (String name : SOURCE_FIELDS) {
            String value = raw.get(name);
            if (value != null && !value.isBlank()) {
                String normalised = check(problems, name, () -> switch (name) {
                    case "pageUrl", "referrer" -> FieldRules.url(value);
                    case "timezone" -> FieldRules.timezone(value);
                    default -> FieldRules.singleLine(value, 200);
                });
                if (normalised != null) {
                    source.put(name, normalised);
                }
            }
        }
        boolean consent = false;
        if (raw.containsKey("consent")) {
            Optional<Boolean> given = FieldRules.consent(raw.get("consent"));
            if (given.isEmpty()) {
                problems.put("consent", "must be true, on or yes (or left out)");
            } else {
                consent = given.get();
            }
        }
        String submissionId = null;
        if (!raw.getOrDefault("submissionId", "").isBlank()) {
            submissionId = check(problems, "submissionId", () -> FieldRules.submissionId(raw.get("submissionId")));
        }
        List<String> required = step2 ? form.step2Required() : form.required();
        List<String> missing = new java.util.ArrayList<>();
        for (String name : required) {
            boolean present = name.equals(Fields.EMAIL) ? email != null || problems.containsKey(Fields.EMAIL)
                    : answers.containsKey(name) || problems.containsKey(name);
            if (!present) {
                missing.add(name);
            }
        }
        if (!step2 || !problems.isEmpty()) {
            // Step 1 knows no lead yet; a step 2 with mistakes gets every problem at once
            missing.forEach(name -> problems.put(name, "is required"));
            missing.clear();
        }
        if (!problems.isEmpty() && !honeypot) {
            throw Refusal.invalidFields(problems);
        }
        String token = raw.get(TOKEN);
        return new ValidatedForm(email, Answers.of(answers), consent, source, submissionId,
                token == null || token.isBlank() ? null : token.strip(), honeypot, missing);
    }

    /** A custom question's answer, normalised; null when left empty or wrong (noted in {@code problems}). */
    static String customAnswer(Map<String, String> problems, Question question, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return check(problems, question.id(), () -> FieldRules.question(question, value));
    }

    /** The longest answer a built-in text field takes. */
    static int textLimit(String name) {
        return switch (name) {
            case Fields.PHONE -> 40;
            case Fields.COUNTRY -> 2;
            case Fields.INDUSTRY -> 63;
            default -> TEXT_LIMITS.getOrDefault(name, 200);
        };
    }

    static String answer(String name, String value) {
        if (Fields.ENUMERATED.containsKey(name)) {
            return FieldRules.enumerated(name, value);
        }
        return switch (name) {
            case Fields.INDUSTRY -> FieldRules.slug(value);
            case Fields.COUNTRY -> FieldRules.country(value);
            case Fields.PHONE -> FieldRules.phone(value);
            case Fields.CHALLENGE -> FieldRules.multiLine(value, MAX_CHALLENGE);
            default -> FieldRules.singleLine(value, TEXT_LIMITS.getOrDefault(name, 200));
        };
    }

    /** The address as forms store it and the email index keys it; null, with the problem noted, when it is none. */
    public static String email(Map<String, String> problems, String field, String raw) {
        return check(problems, field, () -> FieldRules.email(raw));
    }

    static String check(Map<String, String> problems, String field, java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (FieldRules.Invalid e) {
            problems.put(field, e.getMessage());
            return null;
        }
    }
}
