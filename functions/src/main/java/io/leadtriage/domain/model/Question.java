package io.leadtriage.domain.model;

import java.util.List;

/**
 * A question of the marketer's own, asked by the forms and surveys whose pools name it; its answer is kept under its
 * {@code id} among the lead's answers, so rules, stages and routes test it like a built-in field.
 *
 * @param id        the field name forms post and conditions read ({@code seats}); never a built-in field's
 * @param label     what the page shows and sales reads ("How many people would use it?")
 * @param options   a choice's answers, as stored and as conditions name them
 * @param min       a number's lowest answer, inclusive; null for none
 * @param max       a number's highest answer, inclusive; null for none
 * @param maxLength a text's longest answer, in characters; null for {@link #DEFAULT_MAX_LENGTH}
 */
public record Question(String id, String label, QuestionType type, List<String> options, Integer min, Integer max,
                       Integer maxLength) {
    public static final int DEFAULT_MAX_LENGTH = 200;
    /** The longest text answer a model may allow: answers are stored on the lead, and shown in alerts. */
    public static final int LONGEST_TEXT = 500;
    public static final List<String> YES_NO = List.of("yes", "no");

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The answers a choice or yes/no question takes; empty for a number or text. */
    public List<String> allowedValues() {
        return switch (type == null ? QuestionType.TEXT : type) {
            case CHOICE -> options;
            case YES_NO -> YES_NO;
            default -> List.of();
        };
    }

    public int textLimit() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }
}
