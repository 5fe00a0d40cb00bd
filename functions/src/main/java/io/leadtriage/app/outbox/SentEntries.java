package io.leadtriage.app.outbox;

import io.leadtriage.app.reports.EmailStep;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timeline's words for an email sent ({@code email_sent} entries), written by the dispatcher, and what they say of
 * the email's kind and nurture step: the one record of them that outlives the sent message (kept 90 days, and holding
 * neither), which the counters' backfill reads. The words have been these since the first release; a change to them
 * must still read the old ones.
 */
public final class SentEntries {
    static final String REMINDER = "reminder to finish the form sent";
    static final String CONFIRMATION = "confirmation email sent (double opt-in)";
    private static final String SALES_ALERT = "sales alert sent to ";
    private static final String ESCALATION = "alert escalated to ";
    private static final Pattern ACCOUNT_ALERT = Pattern.compile("account alert for \\S+ sent to \\d+ recipient\\(s\\)");
    private static final Pattern NURTURE = Pattern.compile("nurture (\\S+) step (\\d{1,4}) \\(.*\\) sent");

    private SentEntries() {
    }

    /** A nurture step sent ({@code step} from 0; the words count from 1). */
    static String nurture(String sequenceId, int step, String template) {
        return "nurture " + sequenceId + " step " + (step + 1) + " (" + template + ") sent";
    }

    static String salesAlert(int recipients, String roundRobin) {
        return SALES_ALERT + recipients + " recipient(s)" + (roundRobin == null ? "" : " (round robin " + roundRobin + ")");
    }

    static String accountAlert(String domain, int recipients) {
        return "account alert for " + domain + " sent to " + recipients + " recipient(s)";
    }

    static String escalation(int recipients) {
        return ESCALATION + recipients + " recipient(s): nobody accepted it in time";
    }

    /** The kind and nurture step an entry's words name, with no day; empty for words of no email sent. */
    public static Optional<EmailStep> figuresOf(String detail) {
        Matcher nurture = NURTURE.matcher(detail);
        if (nurture.matches()) {
            return Optional.of(new EmailStep(null, EmailStep.NURTURE, nurture.group(1), Integer.parseInt(nurture.group(2)) - 1));
        }
        OutboxKind kind = detail.equals(REMINDER) ? OutboxKind.REMINDER
                : detail.equals(CONFIRMATION) ? OutboxKind.CONFIRMATION
                : detail.startsWith(SALES_ALERT) ? OutboxKind.SALES_ALERT
                : detail.startsWith(ESCALATION) ? OutboxKind.ESCALATION
                : ACCOUNT_ALERT.matcher(detail).matches() ? OutboxKind.ACCOUNT_ALERT : null;
        return Optional.ofNullable(kind).map(k -> new EmailStep(null, k.wireName(), null, -1));
    }
}
