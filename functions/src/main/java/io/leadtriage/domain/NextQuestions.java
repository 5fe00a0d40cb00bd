package io.leadtriage.domain;

import io.leadtriage.domain.model.QuestionPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Progressive profiling: of a pool, the questions a lead has not answered yet, most valuable first (higher priority;
 * equal ones in the pool's order), at most the pool's {@code askAtMost}. A lead is never asked again what it told us.
 */
public final class NextQuestions {
    private NextQuestions() {
    }

    /**
     * @param role the lead's role as qualification sees it (answered, or derived from the job title): a role the job
     *             title already says is not asked
     */
    public static List<String> choose(QuestionPool pool, Answers answers, String role) {
        if (pool == null) {
            return List.of();
        }
        List<QuestionPool.PooledQuestion> unknown = new ArrayList<>();
        for (QuestionPool.PooledQuestion q : pool.questions()) {
            if (!known(q.field(), answers, role)) {
                unknown.add(q);
            }
        }
        // A stable sort: equal priorities keep the pool's order
        unknown.sort(Comparator.comparingInt((QuestionPool.PooledQuestion q) -> q.priority() == null ? 0 : q.priority())
                .reversed());
        int limit = pool.askAtMost() == null ? unknown.size() : Math.min(pool.askAtMost(), unknown.size());
        return unknown.subList(0, limit).stream().map(QuestionPool.PooledQuestion::field).toList();
    }

    /** Whether the lead has answered {@code field} (a name counts from first and last name, a role from the job title). */
    public static boolean known(String field, Answers answers, String role) {
        return switch (field) {
            case Fields.NAME -> !answers.displayName().isEmpty();
            case Fields.ROLE -> !role.isEmpty();
            default -> answers.has(field);
        };
    }
}
