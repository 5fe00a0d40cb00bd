package io.leadtriage.domain.model;

/** What kind of answer a custom question takes; the wire name is how the model file and the pages spell it. */
public enum QuestionType {
    /** One of the question's {@code options}. */
    CHOICE("choice"),
    /** A whole number within the question's {@code min} and {@code max}. */
    NUMBER("number"),
    /** {@code yes} or {@code no}. */
    YES_NO("yes_no"),
    /** One line of text, at most {@code maxLength} characters. */
    TEXT("text");

    private final String wireName;

    QuestionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The wire name: the model binder reads enums by it. */
    @Override
    public String toString() {
        return wireName;
    }
}
