package io.leadtriage.app.sesevents;

import io.leadtriage.testing.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The SES events of events/ (the ones `sam local invoke` takes) parsed by the functions' parser. Here, not in
 * functions/, because `sam build` builds functions/ without events/; the parser's own cases are functions'
 * SesEventParserTest.
 */
class SesEventParserEventsTest {
    static final String NURTURE_MESSAGE = "0102019580a1b2c3-7d4e5f60-1a2b-4c3d-9e8f-0a1b2c3d4e5f-000000";
    static final String NURTURE_LEAD = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String NURTURE_OUTBOX = "0b7e4d2c-5a6f-4b8c-9d0e-1f2a3b4c5d6e";
    static final Instant NURTURE_SENT = Instant.parse("2025-03-10T09:15:02.418Z");

    static String fixture(String name) {
        try {
            return Files.readString(Events.dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                arguments("ses-bounce-permanent.json", SesEvent.Bounce.class, "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
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
                arguments("ses-bounce-transient.json", SesEvent.Bounce.class, "f0e1d2c3-b4a5-4968-8776-655443322110",
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
                arguments("ses-complaint.json", SesEvent.Complaint.class, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Complaint complaint = (SesEvent.Complaint) event;
                            assertThat(complaint.complainedRecipients()).containsExactly("jane.roe@example.net");
                            assertThat(complaint.feedbackType()).contains("abuse");
                            assertThat(complaint.notSpam()).isFalse();
                            assertThat(complaint.complainedAt()).isEqualTo("2025-03-11T14:02:36.117Z");
                            assertThat(complaint.sentAt()).isEqualTo(NURTURE_SENT);
                        }),
                arguments("ses-click.json", SesEvent.Click.class, "c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f",
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
                arguments("ses-click-scanner.json", SesEvent.Click.class, "3e8a7c6b-1d2f-4a5b-9c8d-0e1f2a3b4c5d",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Click click = (SesEvent.Click) event;
                            assertThat(click.userAgent()).contains("Mozilla/4.0 (compatible; ms-office; MSOffice 16)");
                            assertThat(click.clickedAt()).isEqualTo("2025-03-10T09:15:05.212Z");
                        }),
                arguments("ses-delivery.json", SesEvent.Delivery.class, "9b2f1d7e-4c3a-4b5d-8e6f-7a8b9c0d1e2f",
                        NURTURE_MESSAGE, NURTURE_LEAD, NURTURE_OUTBOX,
                        (Consumer<SesEvent>) event -> {
                            SesEvent.Delivery delivery = (SesEvent.Delivery) event;
                            assertThat(delivery.deliveredAt()).isEqualTo("2025-03-10T09:15:03.905Z");
                            assertThat(delivery.sentAt()).isEqualTo(NURTURE_SENT);
                        }));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("fixtures")
    void eachFixtureParsesToItsTypeWithItsFields(String file, Class<? extends SesEvent> type, String eventId,
                                                 String messageId, String leadId, String sendId,
                                                 Consumer<SesEvent> specifics) {
        SesEvent event = SesEventParser.parse(fixture(file));

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
    @MethodSource("fixtures")
    void noFixtureShowsAnAddressOrAClientIpInToString(String file) {
        assertThat(SesEventParser.parse(fixture(file)).toString())
                .doesNotContain("@")
                .doesNotContain("203.0.113.24")     // the lead's IP address
                .doesNotContain("198.51.100.140");  // the scanner's
    }
}
