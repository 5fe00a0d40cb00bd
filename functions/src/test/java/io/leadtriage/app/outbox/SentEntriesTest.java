package io.leadtriage.app.outbox;

import io.leadtriage.app.reports.EmailStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's words for an email sent name its kind and step: those written now and those of stored leads. */
class SentEntriesTest {
    @ParameterizedTest(name = "\"{0}\" is a {1} email, sequence {2}, step {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "nurture warm step 1 (welcome) sent                          | nurture      | warm            | 0",
            "nurture warm-speed-to-lead step 4 (book-a-call) sent        | nurture      | warm-speed-to-lead | 3",
            "reminder to finish the form sent                            | reminder     | -               | -1",
            "confirmation email sent (double opt-in)                     | confirmation | -               | -1",
            "sales alert sent to 2 recipient(s)                          | sales_alert  | -               | -1",
            "sales alert sent to 1 recipient(s) (round robin east)       | sales_alert  | -               | -1",
            "alert escalated to 3 recipient(s): nobody accepted it in time | escalation | -               | -1",
            "account alert for acme-robotics.com sent to 2 recipient(s)  | account_alert | -              | -1"})
    void theWordsOfAStoredEntryNameItsEmail(String words, String kind, String sequence, int step) {
        assertThat(SentEntries.figuresOf(words)).contains(new EmailStep(null, kind, sequence, step));
    }

    @ParameterizedTest(name = "\"{0}\" names no email sent")
    @CsvSource(delimiter = '|', value = {"step 2 of warm not sent: the lead left this sequence",
            "reminder not sent: already finished", "email click on welcome"})
    void otherWordsNameNone(String words) {
        assertThat(SentEntries.figuresOf(words)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theWordsWrittenNowReadBack() {
        assertThat(SentEntries.figuresOf(SentEntries.nurture("cold", 2, "survey-invite")))
                .contains(new EmailStep(null, "nurture", "cold", 2));
        assertThat(SentEntries.figuresOf(SentEntries.salesAlert(2, "east"))).contains(new EmailStep(null, "sales_alert", null, -1));
        assertThat(SentEntries.figuresOf(SentEntries.escalation(1))).contains(new EmailStep(null, "escalation", null, -1));
        assertThat(SentEntries.figuresOf(SentEntries.accountAlert("acme.io", 1))).contains(new EmailStep(null, "account_alert", null, -1));
        assertThat(SentEntries.figuresOf(SentEntries.REMINDER)).contains(new EmailStep(null, "reminder", null, -1));
        assertThat(SentEntries.figuresOf(SentEntries.CONFIRMATION)).contains(new EmailStep(null, "confirmation", null, -1));
    }
}
