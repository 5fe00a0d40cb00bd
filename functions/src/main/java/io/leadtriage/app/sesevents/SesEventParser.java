package io.leadtriage.app.sesevents;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private SesEventParser() {
    }

    /**
     * @param eventBridgeJson the event as the function receives it
     * @return the event, or {@link SesEvent.Ignored} for a well-formed event of a kind leadtriage does not act on
     * @throws IllegalArgumentException when the input is not JSON, or a field this kind of event needs is
     *                                  missing or of the wrong type
     */
    public static SesEvent parse(String eventBridgeJson) {
        JsonNode root = readTree(eventBridgeJson);
        if (!root.isObject()) {
            throw invalid("expected a JSON object");
        }
        // Every envelope field is required, although only id, detail-type and source steer the parsing: a bare
        // SES record or an SNS notification handed in by mistake then fails here, by name, instead of deeper in.
        requiredText(root, "version", "version");
        String eventId = requiredText(root, "id", "id");
        String detailType = requiredText(root, "detail-type", "detail-type");
        String source = requiredText(root, "source", "source");
        requiredInstant(root, "time", "time");
        JsonNode detail = requiredObject(root, "detail", "detail");

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

    private static SesEvent.Bounce bounce(String eventId, JsonNode detail) {
        SentMessage message = message(detail, "Bounce");
        JsonNode bounce = requiredObject(detail, "bounce", "detail.bounce");
        List<String> recipients = new ArrayList<>();
        JsonNode bounced = requiredArray(bounce, "bouncedRecipients", "detail.bounce.bouncedRecipients");
        for (int i = 0; i < bounced.size(); i++) {
            String path = "detail.bounce.bouncedRecipients[" + i + "]";
            recipients.add(requiredText(requireObject(bounced.get(i), path), "emailAddress", path + ".emailAddress"));
        }
        return new SesEvent.Bounce(eventId, message,
                requiredText(bounce, "bounceType", "detail.bounce.bounceType"),
                optionalText(bounce, "bounceSubType", "detail.bounce.bounceSubType"),
                recipients,
                requiredInstant(bounce, "timestamp", "detail.bounce.timestamp"));
    }

    private static SesEvent.Complaint complaint(String eventId, JsonNode detail) {
        SentMessage message = message(detail, "Complaint");
        JsonNode complaint = requiredObject(detail, "complaint", "detail.complaint");
        List<String> recipients = new ArrayList<>();
        JsonNode complained = requiredArray(complaint, "complainedRecipients", "detail.complaint.complainedRecipients");
        for (int i = 0; i < complained.size(); i++) {
            String path = "detail.complaint.complainedRecipients[" + i + "]";
            recipients.add(requiredText(requireObject(complained.get(i), path), "emailAddress", path + ".emailAddress"));
        }
        return new SesEvent.Complaint(eventId, message, recipients,
                optionalText(complaint, "complaintFeedbackType", "detail.complaint.complaintFeedbackType"),
                requiredInstant(complaint, "timestamp", "detail.complaint.timestamp"));
    }

    private static SesEvent.Click click(String eventId, JsonNode detail) {
        SentMessage message = message(detail, "Click");
        JsonNode click = requiredObject(detail, "click", "detail.click");
        return new SesEvent.Click(eventId, message,
                requiredText(click, "link", "detail.click.link"),
                linkTags(click.get("linkTags")),
                // A missing user agent is kept as "none": for scanner detection it is a signal, not an error.
                optionalText(click, "userAgent", "detail.click.userAgent"),
                optionalText(click, "ipAddress", "detail.click.ipAddress"),
                requiredInstant(click, "timestamp", "detail.click.timestamp"));
    }

    private static SesEvent.Delivery delivery(String eventId, JsonNode detail) {
        SentMessage message = message(detail, "Delivery");
        JsonNode delivery = requiredObject(detail, "delivery", "detail.delivery");
        return new SesEvent.Delivery(eventId, message, requiredInstant(delivery, "timestamp", "detail.delivery.timestamp"));
    }

    /**
     * The {@code mail} object, after checking that the record's own {@code eventType} (when present) agrees with
     * {@code detail-type}: a mismatch means a hand-made or misrouted event, and guessing which one is right
     * could suppress a lead for a click.
     */
    private static SentMessage message(JsonNode detail, String expectedEventType) {
        Optional<String> eventType = optionalText(detail, "eventType", "detail.eventType");
        if (eventType.isPresent() && !eventType.get().equals(expectedEventType)) {
            throw invalid("field detail.eventType does not match detail-type (expected " + expectedEventType + ")");
        }
        JsonNode mail = requiredObject(detail, "mail", "detail.mail");
        return new SentMessage(
                requiredText(mail, "messageId", "detail.mail.messageId"),
                requiredInstant(mail, "timestamp", "detail.mail.timestamp"),
                stringLists(mail.get("tags"), "detail.mail.tags"));
    }

    /** {@code mail.tags}: absent means no tags; anything but an object of string arrays is an error. */
    private static Map<String, List<String>> stringLists(JsonNode node, String path) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        requireObject(node, path);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String entryPath = path + "." + entry.getKey();
            JsonNode values = entry.getValue();
            if (!values.isArray()) {
                throw invalid("field " + entryPath + " must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    throw invalid("field " + entryPath + " must be an array of strings");
                }
                list.add(value.asText());
            }
            result.put(entry.getKey(), list);
        }
        return result;
    }

    /**
     * {@code click.linkTags}, read leniently: the SES guide calls it a list while its example shows an object of
     * string arrays, and a tag we do not use must never cost us the click. Only the object form is kept.
     */
    private static Map<String, List<String>> linkTags(JsonNode node) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isArray()) {
                List<String> values = new ArrayList<>();
                entry.getValue().forEach(value -> {
                    if (value.isTextual()) {
                        values.add(value.asText());
                    }
                });
                result.put(entry.getKey(), values);
            }
        }
        return result;
    }

    private static JsonNode readTree(String json) {
        if (json == null) {
            throw invalid("no input");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw invalid("empty input");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; only the position is safe to repeat.
            JsonLocation at = e.getLocation();
            throw invalid("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static String requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw missing(path);
        }
        if (!node.isTextual()) {
            throw invalid("field " + path + " must be a string");
        }
        if (node.asText().isBlank()) {
            throw invalid("field " + path + " is empty");
        }
        return node.asText();
    }

    /** Absent, null or blank is empty; a value of another type is still an error. */
    private static Optional<String> optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid("field " + path + " must be a string");
        }
        return Optional.of(node.asText()).filter(text -> !text.isBlank());
    }

    private static Instant requiredInstant(JsonNode parent, String name, String path) {
        String text = requiredText(parent, name, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("field " + path + " must be an ISO-8601 timestamp");
        }
    }

    private static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw missing(path);
        }
        return requireObject(node, path);
    }

    private static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid("field " + path + " must be an object");
        }
        return node;
    }

    private static JsonNode requiredArray(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw missing(path);
        }
        if (!node.isArray()) {
            throw invalid("field " + path + " must be an array");
        }
        return node;
    }

    private static IllegalArgumentException missing(String path) {
        return invalid("missing field " + path);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("SES event: " + problem);
    }
}
