package io.leadtriage.app.outbox;

import io.leadtriage.app.ports.EmailKind;

import java.time.Instant;
import java.util.List;

/**
 * One email that went out, kept with the lead: what it was, SES's message id, when it was delivered, and
 * the clicks on it (a click burst on every link just after delivery is a link scanner, not a person).
 *
 * @param sendId      our id for the send, carried as an SES message tag so events find their way back
 * @param bouncedAt   when SES reported a permanent bounce of a sales alert (a rep's address); null when none.
 *                    A bounce of an email to the lead suppresses the lead instead
 * @param complainedAt when a rep's mail system reported a sales alert as unwanted; null when none
 * @param linkCount   distinct links in the message
 * @param backfilled  true once the counters' backfill added what happened to the message before the email figures
 *                    were kept (what happened since was counted as it happened)
 */
public record SentMessage(String leadId, String sendId, EmailKind kind, String template, String messageId,
                          Instant sentAt, Instant deliveredAt, Instant bouncedAt, Instant complainedAt, int linkCount,
                          List<Click> clicks, boolean backfilled) {
    public SentMessage {
        clicks = clicks == null ? List.of() : List.copyOf(clicks);
    }

    /** An email as it goes out: nothing reported of it yet. */
    public static SentMessage sent(String leadId, String sendId, EmailKind kind, String template, String messageId,
                                   Instant sentAt, int linkCount) {
        return new SentMessage(leadId, sendId, kind, template, messageId, sentAt, null, null, null, linkCount, List.of(), false);
    }

    public record Click(String link, Instant at, boolean scanner) {
    }

    /** The message as the counters' backfill marks it once it counted what happened to it. */
    public SentMessage markedBackfilled() {
        return new SentMessage(leadId, sendId, kind, template, messageId, sentAt, deliveredAt, bouncedAt, complainedAt,
                linkCount, clicks, true);
    }
}
