package io.leadtriage.domain.model;

import io.leadtriage.domain.SignalType;

import java.util.List;

/**
 * A form landing pages post to.
 *
 * @param steps         1, or 2 for a form whose second step follows with the continuation token
 * @param signal        the behaviour signal a submission adds (a demo form adds a demo request); may be null
 * @param required      fields required in the first (or only) step
 * @param step2Required fields required in the second step
 * @param extraFields   fields this form asks for beyond the standard ones
 * @param step2Url      where a plain browser post goes for step 2 (the token is appended)
 * @param thankYouUrl   where a plain browser post goes when the form is done
 * @param bookingUrl    offered to leads who are hot once they submit; may be null
 * @param pool          the questions the first (or only) step may ask, custom ones included; null for none
 * @param step2Pool     the questions the second step may ask; null for none
 */
public record FormDefinition(String title, Integer steps, SignalType signal, List<String> required,
                             List<String> step2Required, List<String> extraFields, String step2Url,
                             String thankYouUrl, String bookingUrl, Consent consent, QuestionPool pool,
                             QuestionPool step2Pool) {
    public FormDefinition {
        required = required == null ? List.of() : List.copyOf(required);
        step2Required = step2Required == null ? List.of() : List.copyOf(step2Required);
        extraFields = extraFields == null ? List.of() : List.copyOf(extraFields);
    }

    public boolean twoStep() {
        return steps != null && steps == 2;
    }

    /** The pool of a step (2 for the second), or null when it asks none. */
    public QuestionPool poolOf(int step) {
        return step == 2 ? step2Pool : pool;
    }

    /** The custom questions and pooled fields this form takes, in either step. */
    public List<String> pooledFields() {
        List<String> fields = new java.util.ArrayList<>(pool == null ? List.of() : pool.fields());
        fields.addAll(step2Pool == null ? List.of() : step2Pool.fields());
        return fields;
    }
}
