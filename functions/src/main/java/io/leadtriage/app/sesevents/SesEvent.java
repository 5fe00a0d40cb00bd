package io.leadtriage.app.sesevents;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Amazon SES reports about an email we sent, as the configuration set's EventBridge destination
 * publishes it. Only the kinds leadtriage acts on have their own type: a bounce or a complaint suppresses
 * the lead, a click is a behaviour signal, a delivery dates the message for link scanner detection.
 * Every other event (sends, opens, delays, …) is {@link Ignored}.
 *
 * <p>Recipient addresses and IP addresses are personal data: the records that hold them keep them out of
 * {@code toString()}, so that logging an event never logs a person.
 */
public sealed interface SesEvent {

    /**
     * The EventBridge event id, a UUID. A retried delivery of the same event carries the same id, so a handler
     * that remembers the ids it applied changes nothing the second time.
     */
    String eventId();

    /** An event about one message we sent. */
    sealed interface AboutMessage extends SesEvent {
        SentMessage message();

        default String messageId() {
            return message().messageId();
        }

        default Instant sentAt() {
            return message().sentAt();
        }

        default Map<String, List<String>> tags() {
            return message().tags();
        }

        default Optional<String> tag(String name) {
            return message().tag(name);
        }
    }

    /**
     * The receiving side refused the message ({@code detail-type} "Email Bounced"). SES publishes only hard
     * bounces and soft bounces it has stopped retrying.
     *
     * @param bounceType        {@code Permanent}, {@code Transient} or {@code Undetermined}
     * @param subType           {@code bounceSubType}: {@code General}, {@code NoEmail}, {@code Suppressed},
     *                          {@code OnAccountSuppressionList}, {@code MailboxFull}, …
     * @param bouncedRecipients the addresses that bounced
     * @param bouncedAt         when the receiving side reported the bounce ({@code bounce.timestamp})
     */
    record Bounce(String eventId, SentMessage message, String bounceType, Optional<String> subType,
                  List<String> bouncedRecipients, Instant bouncedAt) implements AboutMessage {
        public static final String PERMANENT = "Permanent";

        public Bounce {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(bounceType, "bounceType");
            Objects.requireNonNull(subType, "subType");
            bouncedRecipients = List.copyOf(bouncedRecipients);
            Objects.requireNonNull(bouncedAt, "bouncedAt");
        }

        /** A hard bounce: the address will not accept mail later either, so the lead is suppressed. */
        public boolean permanent() {
            return PERMANENT.equals(bounceType);
        }

        @Override
        public String toString() {
            return "Bounce[" + eventId + ", " + message.messageId() + ", " + bounceType + "/" + subType.orElse("-")
                    + ", " + bouncedRecipients.size() + " recipient(s), " + bouncedAt + "]";
        }
    }

    /**
     * A recipient, or their mailbox provider, reported the message as unwanted ({@code detail-type}
     * "Email Complaint Received").
     *
     * @param complainedRecipients who may have complained: most providers redact the complainant, so SES
     *                             lists every recipient of the message at the complaining domain
     * @param feedbackType         {@code complaintFeedbackType} ({@code abuse}, {@code fraud}, {@code not-spam},
     *                             …); present only when the provider attached a feedback report
     * @param complainedAt         when the provider sent the complaint ({@code complaint.timestamp})
     */
    record Complaint(String eventId, SentMessage message, List<String> complainedRecipients,
                     Optional<String> feedbackType, Instant complainedAt) implements AboutMessage {
        public Complaint {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(message, "message");
            complainedRecipients = List.copyOf(complainedRecipients);
            Objects.requireNonNull(feedbackType, "feedbackType");
            Objects.requireNonNull(complainedAt, "complainedAt");
        }

        /**
         * The report says the message is not spam: a correction of an earlier classification, not a
         * complaint about us.
         */
        public boolean notSpam() {
            return feedbackType.filter("not-spam"::equalsIgnoreCase).isPresent();
        }

        @Override
        public String toString() {
            return "Complaint[" + eventId + ", " + message.messageId() + ", " + feedbackType.orElse("-") + ", "
                    + complainedRecipients.size() + " recipient(s), " + complainedAt + "]";
        }
    }

    /**
     * Someone, or something, followed a tracked link in the message ({@code detail-type} "Email Clicked").
     * Whether it was the lead or their mail gateway's link scanner is for {@link LinkScannerDetector}.
     *
     * @param link      the URL that was followed (the original one, not SES's tracking redirect)
     * @param linkTags  tags set on the link with the {@code ses:tags} attribute; empty when there are none
     * @param userAgent the client's user agent; empty when SES saw none
     * @param ipAddress the client's IP address; empty when SES reported none
     * @param clickedAt when SES's tracking endpoint saw the click ({@code click.timestamp})
     */
    record Click(String eventId, SentMessage message, String link, Map<String, List<String>> linkTags,
                 Optional<String> userAgent, Optional<String> ipAddress, Instant clickedAt) implements AboutMessage {
        public Click {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(link, "link");
            Map<String, List<String>> copy = new LinkedHashMap<>();
            (linkTags == null ? Map.<String, List<String>>of() : linkTags)
                    .forEach((name, values) -> copy.put(name, List.copyOf(values)));
            linkTags = Collections.unmodifiableMap(copy);
            Objects.requireNonNull(userAgent, "userAgent");
            Objects.requireNonNull(ipAddress, "ipAddress");
            Objects.requireNonNull(clickedAt, "clickedAt");
        }

        @Override
        public String toString() {
            // The link may carry a token (the unsubscribe link does); the IP address is personal data.
            return "Click[" + eventId + ", " + message.messageId() + ", " + clickedAt + "]";
        }
    }

    /**
     * The recipient's mail server accepted the message ({@code detail-type} "Email Delivered").
     *
     * @param deliveredAt when SES handed the message over ({@code delivery.timestamp})
     */
    record Delivery(String eventId, SentMessage message, Instant deliveredAt) implements AboutMessage {
        public Delivery {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(deliveredAt, "deliveredAt");
        }
    }

    /**
     * A well-formed event that leadtriage does not act on: another SES event type ("Email Sent", "Email Opened",
     * "Email Delivery Delayed", …) or an event from another source. Acknowledged, never retried.
     *
     * @param detailType the event's {@code detail-type}, for the log
     */
    record Ignored(String eventId, String detailType) implements SesEvent {
        public Ignored {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(detailType, "detailType");
        }
    }
}
