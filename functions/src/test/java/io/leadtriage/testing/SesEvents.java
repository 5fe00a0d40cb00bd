package io.leadtriage.testing;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SES events about a message the dispatcher sent, as the parser makes them from EventBridge's envelopes. Built from
 * a sent message alone, an event carries the two tags every send has had, {@code leadId} and {@code sendId} (as an
 * email sent before the {@code kind} tag does); built from {@link CoreFlow#sesMail}, every tag the email was sent with.
 */
public final class SesEvents {
    private SesEvents() {
    }

    public static SesEvent.Delivery delivery(SentMessage sent, String eventId, Instant at) {
        return delivery(mail(sent), eventId, at);
    }

    public static SesEvent.Delivery delivery(io.leadtriage.app.sesevents.SentMessage mail, String eventId, Instant at) {
        return new SesEvent.Delivery(eventId, mail, at);
    }

    /** A person's click: a browser, minutes after delivery. */
    public static SesEvent.Click click(SentMessage sent, String eventId, Instant at) {
        return click(mail(sent), eventId, at);
    }

    public static SesEvent.Click click(io.leadtriage.app.sesevents.SentMessage mail, String eventId, Instant at) {
        return new SesEvent.Click(eventId, mail, "https://www.example.com/pricing", Map.of(),
                Optional.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15"),
                Optional.of("203.0.113.9"), at);
    }

    public static SesEvent.Bounce permanentBounce(SentMessage sent, String eventId, Instant at) {
        return permanentBounce(mail(sent), eventId, at);
    }

    public static SesEvent.Bounce permanentBounce(io.leadtriage.app.sesevents.SentMessage mail, String eventId, Instant at) {
        return new SesEvent.Bounce(eventId, mail, SesEvent.Bounce.PERMANENT, Optional.of("General"),
                List.of("lead@example.com"), at);
    }

    /** A bounce that may pass (a full mailbox): SES tries again, and the address stays good. */
    public static SesEvent.Bounce transientBounce(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Bounce(eventId, mail(sent), "Transient", Optional.of("MailboxFull"), List.of("lead@example.com"),
                at);
    }

    /** A complaint the recipient's mailbox provider reports as withdrawn: the message was not spam after all. */
    public static SesEvent.Complaint notSpam(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Complaint(eventId, mail(sent), List.of("lead@example.com"), Optional.of("not-spam"), at);
    }

    /** A person's click on an email sent through the same configuration set by someone else: it names no lead. */
    public static SesEvent.Click clickOnAnotherSendersEmail(String eventId, Instant at) {
        return new SesEvent.Click(eventId, new io.leadtriage.app.sesevents.SentMessage("another-senders-message", at,
                Map.of()), "https://www.example.com/", Map.of(), Optional.of("Mozilla/5.0"), Optional.of("203.0.113.9"), at);
    }

    public static SesEvent.Complaint complaint(SentMessage sent, String eventId, Instant at) {
        return complaint(mail(sent), eventId, at);
    }

    public static SesEvent.Complaint complaint(io.leadtriage.app.sesevents.SentMessage mail, String eventId, Instant at) {
        return new SesEvent.Complaint(eventId, mail, List.of("lead@example.com"), Optional.of("abuse"), at);
    }

    /** The event's {@code mail} object: SES's message id and our two tags of every send. */
    private static io.leadtriage.app.sesevents.SentMessage mail(SentMessage sent) {
        return mail(sent, Map.of(io.leadtriage.app.sesevents.SentMessage.LEAD_ID_TAG, sent.leadId(),
                io.leadtriage.app.sesevents.SentMessage.SEND_ID_TAG, sent.sendId()));
    }

    /** The event's {@code mail} object: SES's message id and the tags the email was sent with. */
    public static io.leadtriage.app.sesevents.SentMessage mail(SentMessage sent, Map<String, String> tags) {
        Map<String, List<String>> published = new java.util.LinkedHashMap<>();
        tags.forEach((name, value) -> published.put(name, List.of(value)));
        return new io.leadtriage.app.sesevents.SentMessage(sent.messageId(), sent.sentAt(), published);
    }
}
