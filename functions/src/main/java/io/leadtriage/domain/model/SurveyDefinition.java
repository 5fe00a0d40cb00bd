package io.leadtriage.domain.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A follow-up survey reached from a nurture email: the fields it may update.
 *
 * @param pool the questions it asks a lead, those still unknown and most valuable first; null to ask its
 *             {@code fields} in their order
 */
public record SurveyDefinition(String title, List<String> fields, String thankYouUrl, QuestionPool pool) {
    public SurveyDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Every field the survey takes: its fields, then its pool's. */
    public List<String> answerable() {
        List<String> all = new ArrayList<>(fields);
        if (pool != null) {
            pool.fields().stream().filter(f -> !all.contains(f)).forEach(all::add);
        }
        return all;
    }

    /** Its pool, or its fields in their order (the first the most valuable) as one. */
    public QuestionPool questions() {
        if (pool != null) {
            return pool;
        }
        List<QuestionPool.PooledQuestion> inOrder = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            inOrder.add(new QuestionPool.PooledQuestion(fields.get(i), fields.size() - i));
        }
        return new QuestionPool(null, inOrder);
    }
}
