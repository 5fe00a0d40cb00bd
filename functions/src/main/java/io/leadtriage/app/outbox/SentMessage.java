package io.leadtriage.app.outbox;

import io.leadtriage.app.ports.EmailKind;

import java.time.Instant;
import java.util.List;

/**
 * One email that went out, kept with the lead: what it was, SES's message id, when it was delivered, and
 * the clicks on it (a click burst on every link just after delivery is a link scanner, not a person).
 *
 * @param sendId    our id for the send, carried as an SES message tag so events find their way back
 * @param linkCount distinct links in the message
 */
public record SentMessage(String leadId, String sendId, EmailKind kind, String template, String messageId,
                          Instant sentAt, Instant deliveredAt, int linkCount, List<Click> clicks) {
    public SentMessage {
        clicks = clicks == null ? List.of() : List.copyOf(clicks);
    }

    public record Click(String link, Instant at, boolean scanner) {
    }
}
