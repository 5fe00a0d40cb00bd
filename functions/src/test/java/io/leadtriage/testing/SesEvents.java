package io.leadtriage.testing;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SES events about a message the dispatcher sent, as the parser makes them from EventBridge's envelopes. */
public final class SesEvents {
    private SesEvents() {
    }

    public static SesEvent.Delivery delivery(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Delivery(eventId, mail(sent), at);
    }

    /** A person's click: a browser, minutes after delivery. */
    public static SesEvent.Click click(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Click(eventId, mail(sent), "https://www.example.com/pricing", Map.of(),
                Optional.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15"),
                Optional.of("203.0.113.9"), at);
    }

    public static SesEvent.Bounce permanentBounce(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Bounce(eventId, mail(sent), SesEvent.Bounce.PERMANENT, Optional.of("General"),
                List.of("lead@example.com"), at);
    }

    public static SesEvent.Complaint complaint(SentMessage sent, String eventId, Instant at) {
        return new SesEvent.Complaint(eventId, mail(sent), List.of("lead@example.com"), Optional.of("abuse"), at);
    }

    /** The event's {@code mail} object: SES's message id and our two tags. */
    private static io.leadtriage.app.sesevents.SentMessage mail(SentMessage sent) {
        return new io.leadtriage.app.sesevents.SentMessage(sent.messageId(), sent.sentAt(),
                Map.of(io.leadtriage.app.sesevents.SentMessage.LEAD_ID_TAG, List.of(sent.leadId()),
                        io.leadtriage.app.sesevents.SentMessage.SEND_ID_TAG, List.of(sent.sendId())));
    }
}
