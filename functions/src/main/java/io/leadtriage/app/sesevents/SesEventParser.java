package io.leadtriage.app.sesevents;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.leadtriage.json.JsonTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an SES event as EventBridge delivers it to a Lambda function: the EventBridge envelope
 * ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code time}, {@code detail}) around the SES
 * event publishing record ({@code eventType}, {@code mail}, and {@code bounce}, {@code complaint}, {@code click} or
 * {@code delivery}).
 *
 * <p>The kind of event comes from {@code detail-type}, the field the EventBridge rule matches on. Field names
 * follow the SES developer guide ("Contents of event data that Amazon SES publishes") and the EventBridge event
 * structure reference.
 *
 * <p>Input that is not such an event fails with an {@link IllegalArgumentException} that names the field at
 * fault and never quotes the input: events carry addresses, and error messages end up in logs.
 */
public final class SesEventParser {
    static final String SES_SOURCE = "aws.ses";
    static final String EMAIL_BOUNCED = "Email Bounced";
    static final String EMAIL_COMPLAINT_RECEIVED = "Email Complaint Received";
    static final String EMAIL_CLICKED = "Email Clicked";
    static final String EMAIL_DELIVERED = "Email Delivered";

    private SesEventParser() {
    }

    /**
     * @param eventBridgeJson the event as the function receives it
     * @return the event, or {@link SesEvent.Ignored} for a well-formed event of a kind leadtriage does not act on
     * @throws IllegalArgumentException when the input is not JSON, or a field this kind of event needs is
     *                                  missing or of the wrong type
     */
    public static SesEvent parse(String eventBridgeJson) {
        if (!(readTree(eventBridgeJson) instanceof Map<?, ?> envelope)) {
            throw invalid("expected a JSON object");
        }
        // Every envelope field is required, although only id, detail-type and source steer the parsing: a bare
        // SES record or an SNS notification handed in by mistake then fails here, by name, instead of deeper in.
        requiredText(envelope, "version", "version");
        String eventId = requiredText(envelope, "id", "id");
        String detailType = requiredText(envelope, "detail-type", "detail-type");
        String source = requiredText(envelope, "source", "source");
        requiredInstant(envelope, "time", "time");
        Map<?, ?> detail = requiredObject(envelope, "detail", "detail");

        if (!SES_SOURCE.equals(source)) {
            return new SesEvent.Ignored(eventId, detailType);
        }
        return switch (detailType) {
            case EMAIL_BOUNCED -> bounce(eventId, detail);
            case EMAIL_COMPLAINT_RECEIVED -> complaint(eventId, detail);
            case EMAIL_CLICKED -> click(eventId, detail);
            case EMAIL_DELIVERED -> delivery(eventId, detail);
            default -> new SesEvent.Ignored(eventId, detailType);
        };
    }

    private static SesEvent.Bounce bounce(String eventId, Map<?, ?> detail) {
        SentMessage message = message(detail, "Bounce");
        Map<?, ?> bounce = requiredObject(detail, "bounce", "detail.bounce");
        List<String> recipients = recipients(bounce, "bouncedRecipients", "detail.bounce.bouncedRecipients");
        return new SesEvent.Bounce(eventId, message,
                requiredText(bounce, "bounceType", "detail.bounce.bounceType"),
                optionalText(bounce, "bounceSubType", "detail.bounce.bounceSubType"),
                recipients,
                requiredInstant(bounce, "timestamp", "detail.bounce.timestamp"));
    }

    private static SesEvent.Complaint complaint(String eventId, Map<?, ?> detail) {
        SentMessage message = message(detail, "Complaint");
        Map<?, ?> complaint = requiredObject(detail, "complaint", "detail.complaint");
        return new SesEvent.Complaint(eventId, message,
                recipients(complaint, "complainedRecipients", "detail.complaint.complainedRecipients"),
                optionalText(complaint, "complaintFeedbackType", "detail.complaint.complaintFeedbackType"),
                requiredInstant(complaint, "timestamp", "detail.complaint.timestamp"));
    }

    /** The addresses of a required array of recipient objects ({@code bouncedRecipients}, {@code complainedRecipients}). */
    private static List<String> recipients(Map<?, ?> parent, String name, String path) {
        List<?> array = requiredArray(parent, name, path);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            recipients.add(requiredText(requireObject(array.get(i), itemPath), "emailAddress", itemPath + ".emailAddress"));
        }
        return recipients;
    }

    private static SesEvent.Click click(String eventId, Map<?, ?> detail) {
        SentMessage message = message(detail, "Click");
        Map<?, ?> click = requiredObject(detail, "click", "detail.click");
        return new SesEvent.Click(eventId, message,
                requiredText(click, "link", "detail.click.link"),
                linkTags(click.get("linkTags")),
                // A missing user agent is kept as "none": for scanner detection it is a signal, not an error.
                optionalText(click, "userAgent", "detail.click.userAgent"),
                optionalText(click, "ipAddress", "detail.click.ipAddress"),
                requiredInstant(click, "timestamp", "detail.click.timestamp"));
    }

    private static SesEvent.Delivery delivery(String eventId, Map<?, ?> detail) {
        SentMessage message = message(detail, "Delivery");
        Map<?, ?> delivery = requiredObject(detail, "delivery", "detail.delivery");
        return new SesEvent.Delivery(eventId, message, requiredInstant(delivery, "timestamp", "detail.delivery.timestamp"));
    }

    /**
     * The {@code mail} object, after checking that the record's own {@code eventType} (when present) agrees with
     * {@code detail-type}: a mismatch means a hand-made or misrouted event, and guessing which one is right
     * could suppress a lead for a click.
     */
    private static SentMessage message(Map<?, ?> detail, String expectedEventType) {
        Optional<String> eventType = optionalText(detail, "eventType", "detail.eventType");
        if (eventType.isPresent() && !eventType.get().equals(expectedEventType)) {
            throw invalid("field detail.eventType does not match detail-type (expected " + expectedEventType + ")");
        }
        Map<?, ?> mail = requiredObject(detail, "mail", "detail.mail");
        return new SentMessage(
                requiredText(mail, "messageId", "detail.mail.messageId"),
                requiredInstant(mail, "timestamp", "detail.mail.timestamp"),
                stringLists(mail.get("tags"), "detail.mail.tags"));
    }

    /** {@code mail.tags}: absent means no tags; anything but an object of string arrays is an error. */
    private static Map<String, List<String>> stringLists(Object node, String path) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        for (Map.Entry<?, ?> entry : requireObject(node, path).entrySet()) {
            String entryPath = path + "." + entry.getKey();
            if (!(entry.getValue() instanceof List<?> values)) {
                throw invalid("field " + entryPath + " must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (Object value : values) {
                if (!(value instanceof String text)) {
                    throw invalid("field " + entryPath + " must be an array of strings");
                }
                list.add(text);
            }
            result.put((String) entry.getKey(), list);
        }
        return result;
    }

    /**
     * {@code click.linkTags}, read leniently: the SES guide calls it a list while its example shows an object of
     * string arrays, and a tag we do not use must never cost us the click. Only the object form is kept.
     */
    private static Map<String, List<String>> linkTags(Object node) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (!(node instanceof Map<?, ?> tags)) {
            return result;
        }
        for (Map.Entry<?, ?> entry : tags.entrySet()) {
            if (entry.getValue() instanceof List<?> list) {
                List<String> values = new ArrayList<>();
                for (Object value : list) {
                    if (value instanceof String text) {
                        values.add(text);
                    }
                }
                result.put((String) entry.getKey(), values);
            }
        }
        return result;
    }

    /** The first JSON value of the input; what follows it is not read (as data binding's readTree did not). */
    private static Object readTree(String json) {
        if (json == null) {
            throw invalid("no input");
        }
        try (JsonParser p = JsonTree.parser(json)) {
            if (p.nextToken() == null) {
                throw invalid("empty input");
            }
            return JsonTree.read(p);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; only the position is safe to repeat.
            JsonLocation at = e.getLocation();
            throw invalid("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String fails only as above
        }
    }

    private static String requiredText(Map<?, ?> parent, String name, String path) {
        Object node = parent.get(name);
        if (node == null) {
            throw missing(path);
        }
        if (!(node instanceof String text)) {
            throw invalid("field " + path + " must be a string");
        }
        if (text.isBlank()) {
            throw invalid("field " + path + " is empty");
        }
        return text;
    }

    /** Absent, null or blank is empty; a value of another type is still an error. */
    private static Optional<String> optionalText(Map<?, ?> parent, String name, String path) {
        Object node = parent.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof String text)) {
            throw invalid("field " + path + " must be a string");
        }
        return Optional.of(text).filter(t -> !t.isBlank());
    }

    private static Instant requiredInstant(Map<?, ?> parent, String name, String path) {
        String text = requiredText(parent, name, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("field " + path + " must be an ISO-8601 timestamp");
        }
    }

    /** A field that must be an object; absent and null are both missing. */
    private static Map<?, ?> requiredObject(Map<?, ?> parent, String name, String path) {
        Object node = parent.get(name);
        if (node == null) {
            throw missing(path);
        }
        return requireObject(node, path);
    }

    private static Map<?, ?> requireObject(Object node, String path) {
        if (!(node instanceof Map<?, ?> object)) {
            throw invalid("field " + path + " must be an object");
        }
        return object;
    }

    private static List<?> requiredArray(Map<?, ?> parent, String name, String path) {
        Object node = parent.get(name);
        if (node == null) {
            throw missing(path);
        }
        if (!(node instanceof List<?> array)) {
            throw invalid("field " + path + " must be an array");
        }
        return array;
    }

    private static IllegalArgumentException missing(String path) {
        return invalid("missing field " + path);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("SES event: " + problem);
    }
}
