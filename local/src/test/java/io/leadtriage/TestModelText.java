package io.leadtriage;

/** Edits of model text the way a marketer makes them, failing loudly when the piece to change is absent. */
public final class TestModelText {
    private TestModelText() {
    }

    public static String replaceOnce(String text, String original, String replacement) {
        int at = text.indexOf(original);
        if (at < 0 || text.indexOf(original, at + 1) >= 0) {
            throw new IllegalArgumentException("the model text must contain '" + original + "' exactly once");
        }
        return text.replace(original, replacement);
    }
}
