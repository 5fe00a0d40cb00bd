package io.leadtriage.domain.model;

import java.util.List;

/**
 * The questions a form step or a survey may ask, each with a priority: a lead is asked the ones it has not answered,
 * most valuable first, at most {@code askAtMost} (progressive profiling).
 *
 * @param askAtMost how many questions at most one visit asks; null for all still unknown
 */
public record QuestionPool(Integer askAtMost, List<PooledQuestion> questions) {
    public QuestionPool {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** The fields this pool may ask, in its order. */
    public List<String> fields() {
        return questions.stream().map(PooledQuestion::field).toList();
    }

    /**
     * One question of a pool.
     *
     * @param field    a built-in answer field ({@code budget}) or a custom question's id
     * @param priority higher is asked first; equal priorities in the pool's order
     */
    public record PooledQuestion(String field, Integer priority) {
    }
}
