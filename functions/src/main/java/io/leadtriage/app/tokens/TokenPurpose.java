package io.leadtriage.app.tokens;

/** What a token lets its bearer do; a token for one purpose is refused for every other. */
public enum TokenPurpose {
    /** Continue a form: post step 2, or the page snippet's behaviour signals. */
    FORM("f"),
    SURVEY("s"),
    UNSUBSCRIBE("u"),
    DISPOSITION("d");

    final String code;

    TokenPurpose(String code) {
        this.code = code;
    }
}
