package io.leadtriage.app.sesevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The parser on SES events built here, one of each kind, as EventBridge delivers them. The real events of events/
 * (the ones `sam local invoke` takes) are parsed in local/ (SesEventParserEventsTest): `sam build` builds this folder
 * without them.
 */
class SesEventParserTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String NURTURE_MESSAGE = "0102019580a1b2c3-7d4e5f60-1a2b-4c3d-9e8f-0a1b2c3d4e5f-000000";
    static final String NURTURE_LEAD = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String NURTURE_OUTBOX = "0b7e4d2c-5a6f-4b8c-9d0e-1f2a3b4c5d6e";
    static final Instant NURTURE_SENT = Instant.parse("2025-03-10T09:15:02.418Z");
    static final String NURTURE_MAIL = mail(NURTURE_MESSAGE, "2025-03-10T09:15:02.418Z", "jane.roe@example.net",
            NURTURE_LEAD, NURTURE_OUTBOX);
    static final String PRICING_LINK = "https://www.example.com/pricing?utm_source=leadtriage&utm_medium=email"
            + "&utm_campaign=saas-onboarding";

    /** One event of each kind; the three clicks and the delivery are about the same nurture message. */
    static final Map<String, String> SAMPLES = Map.of(
            "bounce-permanent", event("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "Email Bounced", "Bounce", "2025-03-10T09:20:47Z",
                    mail("0102019580a6f1e2-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e-000000", "2025-03-10T09:20:45.733Z",
                            "no-such-user@example.net", "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a",
                            "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"),
                    "bounce", """
                            {"feedbackId": "0102019580a6f9ab-000000", "bounceType": "Permanent", "bounceSubType": "General",
                             "bouncedRecipients": [{"emailAddress": "no-such-user@example.net", "action": "failed",
                                                    "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 user unknown"}],
                             "timestamp": "2025-03-10T09:20:47.281Z"}"""),
            "bounce-transient", event("f0e1d2c3-b4a5-4968-8776-655443322110", "Email Bounced", "Bounce", "2025-03-10T21:48:09Z",
                    mail("0102019580b0c1d2-4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a-000000", "2025-03-10T09:31:12.064Z",
                            "sam.lee@example.net", "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
                            "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"),
                    "bounce", """
                            {"feedbackId": "0102019583175e4f-000000", "bounceType": "Transient", "bounceSubType": "MailboxFull",
                             "bouncedRecipients": [{"emailAddress": "sam.lee@example.net", "action": "failed",
                                                    "status": "4.2.2", "diagnosticCode": "smtp; 452 4.2.2 over quota"}],
                             "timestamp": "2025-03-10T21:48:09.553Z"}"""),
            "complaint", event("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "Email Complaint Received", "Complaint",
                    "2025-03-11T14:02:36Z", NURTURE_MAIL, "complaint", """
                            {"complainedRecipients": [{"emailAddress": "jane.roe@example.net"}],
                             "timestamp": "2025-03-11T14:02:36.117Z", "feedbackId": "0102019587c4d3e2-000000",
                             "complaintSubType": null, "userAgent": "Yahoo!-Mail-Feedback/2.0",
                             "complaintFeedbackType": "abuse", "arrivalDate": "2025-03-11T14:02:35.000Z"}"""),
            "click", event("c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f", "Email Clicked", "Click", "2025-03-10T09:41:17Z",
                    NURTURE_MAIL, "click", """
                            {"timestamp": "2025-03-10T09:41:17.552Z", "ipAddress": "203.0.113.24",
                             "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                            Chrome/133.0.0.0 Safari/537.36",
                             "link": "%s", "linkTags": {"link": ["pricing"]}}""".formatted(PRICING_LINK)),
            // Safe Links following the link 1.3 s after delivery.
            "click-scanner", event("3e8a7c6b-1d2f-4a5b-9c8d-0e1f2a3b4c5d", "Email Clicked", "Click", "2025-03-10T09:15:05Z",
                    NURTURE_MAIL, "click", """
                            {"timestamp": "2025-03-10T09:15:05.212Z", "ipAddress": "198.51.100.140",
                             "userAgent": "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
                             "link": "%s", "linkTags": {"link": ["pricing"]}}""".formatted(PRICING_LINK)),
            "delivery", event("9b2f1d7e-4c3a-4b5d-8e6f-7a8b9c0d1e2f", "Email Delivered", "Delivery", "2025-03-10T09:15:03Z",
                    NURTURE_MAIL, "delivery", """
                            {"timestamp": "2025-03-10T09:15:03.905Z", "processingTimeMillis": 1487,
                             "recipients": ["jane.roe@example.net"], "smtpResponse": "250 2.6.0 Queued mail for delivery"}"""));

    /** The sample of that kind (a key of SAMPLES). */
    static String sample(String kind) {
        String json = SAMPLES.get(kind);
        if (json == null) {
            throw new IllegalArgumentException("no sample " + kind);
        }
        return json;
    }

    /** An SES event as EventBridge delivers it: the envelope, the mail record, and the record of its kind. */
    static String event(String id, String detailType, String eventType, String time, String mail, String kind,
                        String record) {
        return """
                {"version": "0", "id": "%s", "detail-type": "%s", "source": "aws.ses", "account": "123456789012",
                 "time": "%s", "region": "eu-west-1",
                 "resources": ["arn:aws:ses:eu-west-1:123456789012:configuration-set/leadtriage"],
                 "detail": {"eventType": "%s", "mail": %s, "%s": %s}}
                """.formatted(id, detailType, time, eventType, mail, kind, record);
    }

    /** The mail record of a message sent through the configuration set, tagged with the lead and the send. */
    static String mail(String messageId, String sentAt, String recipient, String leadId, String sendId) {
        return """
                {"timestamp": "%s", "source": "Northwind Sales <hello@example.com>", "messageId": "%s",
                 "destination": ["%s"], "headersTruncated": false,
                 "commonHeaders": {"from": ["Northwind Sales <hello@example.com>"], "to": ["%s"], "messageId": "%s"},
                 "tags": {"ses:configuration-set": ["leadtriage"], "ses:source-ip": ["192.0.2.44"],
                          "leadId": ["%s"], "sendId": ["%s"]}}""".formatted(sentAt, messageId, recipient, recipient,
                messageId, leadId, sendId);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                arguments("bounce-permanent", SesEvent.Bounce.class, "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                        "0102019580a6f1e2-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e-000000",
                        "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Bounce bounce = (SesEvent.Bounce) event;
                            assertThat(bounce.permanent()).isTrue();
                            assertThat(bounce.bounceType()).isEqualTo("Permanent");
                            assertThat(bounce.subType()).contains("General");
                            assertThat(bounce.bouncedRecipients()).containsExactly("no-such-user@example.net");
                            assertThat(bounce.bouncedAt()).isEqualTo("2025-03-10T09:20:47.281Z");
                            assertThat(bounce.sentAt()).isEqualTo("2025-03-10T09:20:45.733Z");
                        }),
                arguments("bounce-transient", SesEvent.Bounce.class, "f0e1d2c3-b4a5-4968-8776-655443322110",
                        "0102019580b0c1d2-4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a-000000",
                        "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b", "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e",
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Bounce bounce = (SesEvent.Bounce) event;
                            assertThat(bounce.permanent()).isFalse();
                            assertThat(bounce.bounceType()).isEqualTo("Transient");
                            assertThat(bounce.subType()).contains("MailboxFull");
                            assertThat(bounce.bouncedRecipients()).containsExactly("sam.lee@example.net");
                            assertThat(bounce.bouncedAt()).isEqualTo("2025-03-10T21:48:09.553Z");
                        }),
                arguments("complaint", SesEvent.Complaint.class, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Complaint complaint = (SesEvent.Complaint) event;
                            assertThat(complaint.complainedRecipients()).containsExactly("jane.roe@example.net");
                            assertThat(complaint.feedbackType()).contains("abuse");
                            assertThat(complaint.notSpam()).isFalse();
                            assertThat(complaint.complainedAt()).isEqualTo("2025-03-11T14:02:36.117Z");
                            assertThat(complaint.sentAt()).isEqualTo(NURTURE_SENT);
                        }),
                arguments("click", SesEvent.Click.class, "c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Click click = (SesEvent.Click) event;
                            assertThat(click.link()).isEqualTo("https://www.example.com/pricing?utm_source=leadtriage"
                                    + "&utm_medium=email&utm_campaign=saas-onboarding");
                            assertThat(click.linkTags()).isEqualTo(Map.of("link", List.of("pricing")));
                            assertThat(click.userAgent()).hasValueSatisfying(ua -> assertThat(ua).startsWith("Mozilla/5.0 (Windows NT 10.0"));
                            assertThat(click.ipAddress()).contains("203.0.113.24");
                            assertThat(click.clickedAt()).isEqualTo("2025-03-10T09:41:17.552Z");
                            assertThat(click.sentAt()).isEqualTo(NURTURE_SENT);
                        }),
                arguments("click-scanner", SesEvent.Click.class, "3e8a7c6b-1d2f-4a5b-9c8d-0e1f2a3b4c5d",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Click click = (SesEvent.Click) event;
                            assertThat(click.userAgent()).contains("Mozilla/4.0 (compatible; ms-office; MSOffice 16)");
                            assertThat(click.clickedAt()).isEqualTo("2025-03-10T09:15:05.212Z");
                        }),
                arguments("delivery", SesEvent.Delivery.class, "9b2f1d7e-4c3a-4b5d-8e6f-7a8b9c0d1e2f",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Delivery delivery = (SesEvent.Delivery) event;
                            assertThat(delivery.deliveredAt()).isEqualTo("2025-03-10T09:15:03.905Z");
                            assertThat(delivery.sentAt()).isEqualTo(NURTURE_SENT);
                        }));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("samples")
    void eachSampleParsesToItsTypeWithItsFields(String kind, Class<? extends SesEvent> type, String eventId,
                                                String messageId, String leadId, String sendId,
                                                Consumer<SesEvent> specifics) {
        SesEvent event = SesEventParser.parse(sample(kind));

        assertThat(event).isInstanceOf(type);
        assertThat(event.eventId()).isEqualTo(eventId);
        SesEvent.AboutMessage about = (SesEvent.AboutMessage) event;
        assertThat(about.messageId()).isEqualTo(messageId);
        assertThat(about.message().leadId()).contains(leadId);
        assertThat(about.message().sendId()).contains(sendId);
        assertThat(about.tag("ses:configuration-set")).contains("leadtriage");
        specifics.accept(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void noSampleShowsAnAddressOrAClientIpInToString(String kind) {
        assertThat(SesEventParser.parse(sample(kind)).toString())
                .doesNotContain("@")
                .doesNotContain("203.0.113.24")     // the lead's IP address
                .doesNotContain("198.51.100.140");  // the scanner's
    }

    @Test
    void theSameEventDeliveredTwiceParsesToTheSameValueWithTheSameId() {
        SesEvent first = SesEventParser.parse(sample("click"));
        SesEvent again = SesEventParser.parse(sample("click"));

        assertThat(again).isEqualTo(first);
        assertThat(again.eventId()).isEqualTo(first.eventId());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("not JSON", "{\"version\": \"0\", \"id\": jane.roe@example.net", "not valid JSON"),
                arguments("empty input", "", "empty input"),
                arguments("a JSON array", "[]", "expected a JSON object"),
                arguments("no detail", without(sample("bounce-permanent"), "detail"), "missing field detail"),
                arguments("detail not an object", with(sample("delivery"), "", "detail", "\"x\""),
                        "field detail must be an object"),
                arguments("no id", without(sample("delivery"), "id"), "missing field id"),
                arguments("no detail-type", without(sample("delivery"), "detail-type"), "missing field detail-type"),
                arguments("no source", without(sample("delivery"), "source"), "missing field source"),
                arguments("no version", without(sample("delivery"), "version"), "missing field version"),
                arguments("time not a timestamp", with(sample("delivery"), "", "time", "\"yesterday\""),
                        "field time must be an ISO-8601 timestamp"),
                arguments("no mail", without(sample("click"), "detail.mail"), "missing field detail.mail"),
                arguments("no mail.messageId", without(sample("complaint"), "detail.mail.messageId"),
                        "missing field detail.mail.messageId"),
                arguments("mail.messageId a number", with(sample("delivery"), "detail.mail", "messageId", "42"),
                        "field detail.mail.messageId must be a string"),
                arguments("no mail.timestamp", without(sample("delivery"), "detail.mail.timestamp"),
                        "missing field detail.mail.timestamp"),
                arguments("a tag that is not a list", with(sample("delivery"), "detail.mail.tags", "leadId", "\"x\""),
                        "field detail.mail.tags.leadId must be an array of strings"),
                arguments("bounce without bounceType", without(sample("bounce-permanent"), "detail.bounce.bounceType"),
                        "missing field detail.bounce.bounceType"),
                arguments("bounce without its bounce object", without(sample("bounce-permanent"), "detail.bounce"),
                        "missing field detail.bounce"),
                arguments("bounced recipient without address",
                        with(sample("bounce-permanent"), "detail.bounce", "bouncedRecipients", "[{\"status\": \"5.1.1\"}]"),
                        "missing field detail.bounce.bouncedRecipients[0].emailAddress"),
                arguments("complaint without timestamp", without(sample("complaint"), "detail.complaint.timestamp"),
                        "missing field detail.complaint.timestamp"),
                arguments("click without link", without(sample("click"), "detail.click.link"),
                        "missing field detail.click.link"),
                arguments("click timestamp not a timestamp", with(sample("click"), "detail.click", "timestamp", "\"soon\""),
                        "field detail.click.timestamp must be an ISO-8601 timestamp"),
                arguments("delivery without delivery", without(sample("delivery"), "detail.delivery"),
                        "missing field detail.delivery"),
                arguments("eventType disagrees with detail-type", with(sample("click"), "detail", "eventType", "\"Bounce\""),
                        "field detail.eventType does not match detail-type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputFailsWithTheFieldNamedAndNoPersonalData(String name, String json, String expected) {
        assertThatThrownBy(() -> SesEventParser.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SES event: ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("@")
                .hasMessageNotContaining("jane");
    }

    static Stream<Arguments> readAsDataBindingDid() {
        String delivery = sample("delivery");
        return Stream.of(
                arguments("only whitespace", " \n\t ", "SES event: empty input"),
                arguments("a JSON null", "null", "SES event: expected a JSON object"),
                arguments("a string", "\"jane.roe@example.net\"", "SES event: expected a JSON object"),
                arguments("cut short", delivery.substring(0, delivery.length() / 2), "SES event: not valid JSON (line"),
                arguments("too deeply nested", "[".repeat(1001) + "]".repeat(1001), "SES event: not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readAsDataBindingDid")
    void inputThatIsNoObjectFailsAsBefore(String name, String json, String expected) {
        assertThatThrownBy(() -> SesEventParser.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expected)
                .hasMessageNotContaining("jane");
    }

    @Test
    void whatFollowsTheEventIsNotReadAndARepeatedFieldKeepsItsLastValue() {
        String delivery = sample("delivery");
        String repeated = delivery.replaceFirst("\\{", "{\"id\": \"an earlier id\",");

        assertThat(SesEventParser.parse(delivery + " and then some")).isEqualTo(SesEventParser.parse(delivery));
        assertThat(SesEventParser.parse(repeated).eventId()).isEqualTo("9b2f1d7e-4c3a-4b5d-8e6f-7a8b9c0d1e2f");
    }

    @Test
    void nullInputFailsClearly() {
        assertThatThrownBy(() -> SesEventParser.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SES event: no input");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Email Sent", "Email Opened", "Email Delivery Delayed", "Email Rendering Failed",
            "Email Rejected", "Email Subscribed", "Sending Status Disabled", "Something New"})
    void aWellFormedEventOfAnotherKindIsIgnored(String detailType) {
        String json = with(sample("delivery"), "", "detail-type", quoted(detailType));

        assertThat(SesEventParser.parse(json))
                .isEqualTo(new SesEvent.Ignored("9b2f1d7e-4c3a-4b5d-8e6f-7a8b9c0d1e2f", detailType));
    }

    @Test
    void anIgnoredEventNeedsNoSesRecord() {
        String json = """
                {"version": "0", "id": "7d1e8f2a-0b3c-4d5e-8f6a-7b8c9d0e1f2a", "detail-type": "Email Opened",
                 "source": "aws.ses", "account": "123456789012", "time": "2025-03-10T09:20:00Z",
                 "region": "eu-west-1", "resources": [], "detail": {}}""";

        assertThat(SesEventParser.parse(json)).isInstanceOf(SesEvent.Ignored.class);
    }

    @Test
    void anEventFromAnotherSourceIsIgnoredEvenWithAnSesDetailType() {
        String json = with(sample("bounce-permanent"), "", "source", "\"com.example.tests\"");

        assertThat(SesEventParser.parse(json)).isInstanceOf(SesEvent.Ignored.class);
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        String click = without(without(without(sample("click"), "detail.click.userAgent"),
                "detail.click.ipAddress"), "detail.click.linkTags");
        String untagged = without(without(sample("delivery"), "detail.mail.tags"), "detail.eventType");
        String bareComplaint = without(sample("complaint"), "detail.complaint.complaintFeedbackType");

        SesEvent.Click parsedClick = (SesEvent.Click) SesEventParser.parse(click);
        assertThat(parsedClick.userAgent()).isEmpty();
        assertThat(parsedClick.ipAddress()).isEmpty();
        assertThat(parsedClick.linkTags()).isEmpty();
        SesEvent.Delivery delivery = (SesEvent.Delivery) SesEventParser.parse(untagged);
        assertThat(delivery.tags()).isEmpty();
        assertThat(delivery.message().leadId()).isEmpty();
        assertThat(((SesEvent.Complaint) SesEventParser.parse(bareComplaint)).feedbackType()).isEmpty();
    }

    @Test
    void aBlankUserAgentCountsAsNone() {
        String json = with(sample("click"), "detail.click", "userAgent", "\"  \"");

        assertThat(((SesEvent.Click) SesEventParser.parse(json)).userAgent()).isEmpty();
    }

    @Test
    void aTagReadsAsOneValueOnlyWhenItHasOne() {
        SentMessage message = new SentMessage("m", NURTURE_SENT, Map.of(
                "leadId", List.of("L1", "L1"),
                "sendId", List.of("O1", "O2"),
                "blank", List.of(" ")));

        assertThat(message.leadId()).contains("L1");
        assertThat(message.sendId()).isEmpty();
        assertThat(message.tag("blank")).isEmpty();
        assertThat(message.tag("absent")).isEmpty();
    }

    @Test
    void aNotSpamReportIsToldApartFromAComplaint() {
        String json = with(sample("complaint"), "detail.complaint", "complaintFeedbackType", "\"not-spam\"");

        assertThat(((SesEvent.Complaint) SesEventParser.parse(json)).notSpam()).isTrue();
    }

    @Test
    void linkTagsInAnUnexpectedShapeDoNotCostTheClick() {
        String json = with(sample("click"), "detail.click", "linkTags", "[\"link:pricing\"]");

        assertThat(((SesEvent.Click) SesEventParser.parse(json)).linkTags()).isEmpty();
    }

    @Test
    void anUndeterminedBounceIsNotPermanent() {
        String json = with(sample("bounce-permanent"), "detail.bounce", "bounceType", "\"Undetermined\"");

        assertThat(((SesEvent.Bounce) SesEventParser.parse(json)).permanent()).isFalse();
    }

    /** The event with the field at the dotted path removed. */
    static String without(String json, String path) {
        ObjectNode root = read(json);
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? root : (ObjectNode) root.at("/" + path.substring(0, dot).replace('.', '/'));
        parent.remove(path.substring(dot + 1));
        return root.toString();
    }

    /** The event with a field of the object at the dotted parent path set to a JSON value. */
    static String with(String json, String parentPath, String field, String valueJson) {
        ObjectNode root = read(json);
        ObjectNode parent = parentPath.isEmpty() ? root : (ObjectNode) root.at("/" + parentPath.replace('.', '/'));
        try {
            parent.set(field, JSON.readTree(valueJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root.toString();
    }

    static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
