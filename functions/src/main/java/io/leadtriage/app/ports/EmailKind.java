package io.leadtriage.app.ports;

/** Why an email is sent; nurture emails are marketing and carry unsubscribe headers, alerts do not. */
public enum EmailKind {
    SALES_ALERT, NURTURE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
