package io.leadtriage.app.ports;

/** Why an email is sent; nurture emails are marketing and carry unsubscribe headers, alerts do not. */
public enum EmailKind {
    SALES_ALERT, NURTURE;

    /**
     * Sent to the lead's own address (a nurture step, the reminder), so that what SES reports of it (a bounce,
     * a complaint, a click) concerns the lead; an alert goes to sales reps about the lead.
     */
    public boolean toTheLead() {
        return this == NURTURE;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
