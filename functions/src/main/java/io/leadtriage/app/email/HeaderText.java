package io.leadtriage.app.email;

/** Text bound for a header (the subject): one line, whatever the lead typed. */
final class HeaderText {
    private HeaderText() {
    }

    /**
     * Every run of control characters (CR, LF, NUL, tab, …) and Unicode line or paragraph separators
     * becomes one space, then the ends are trimmed. Header injection needs a line break; none survives.
     */
    static String singleLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean inBreak = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (!inBreak) {
                    out.append(' ');
                    inBreak = true;
                }
            } else {
                out.append(c);
                inBreak = false;
            }
        }
        return out.toString().strip();
    }

    /** At most {@code max} characters, ending in an ellipsis when cut, so a pasted essay keeps the subject readable. */
    static String shortened(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end).stripTrailing() + "…";
    }
}
