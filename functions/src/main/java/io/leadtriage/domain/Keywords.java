package io.leadtriage.domain;


/**
 * Whole-word, case-insensitive keyword matching for free text (challenge answers, job titles):
 * "head" matches "Head of Marketing" but not "headset"; punctuation counts as a word break, so
 * "co-founder" matches "Co-Founder" and "co founder".
 */
final class Keywords {
    private Keywords() {
    }

    /** Text folded to lower-case words separated by single spaces, padded with a space each side. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(Character.toLowerCase(cp));
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        if (!space) {
            out.append(' ');
        }
        return out.toString();
    }

    /** True when the folded keyword appears as whole words in the folded text. */
    static boolean containsFolded(String foldedText, String foldedKeyword) {
        return foldedKeyword.length() > 2 && foldedText.contains(foldedKeyword);
    }
}
