package io.leadtriage.app;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.SesEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SES events on the in-memory ports: each changes the lead once however often EventBridge delivers it. */
class RecordSesEventTest {
    static final String SAM = "sam@northwind-saas.com";

    final CoreFlow flow = CoreFlow.start();
    String leadId;
    SentMessage welcome;

    /** A warm lead (25 points) whose welcome went out and was delivered; twelve minutes later. */
    void warmLeadWithItsWelcome() {
        leadId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();
        flow.dispatchDue();
        welcome = flow.storage().messages().sentMessages(leadId).get(0);
        flow.recordSesEvent().record(SesEvents.delivery(welcome, "delivery-1", welcome.sentAt()));
        flow.clock().advance(Duration.ofMinutes(12));
    }

    @ParameterizedTest(name = "a {0} delivered twice changes the lead once")
    @CsvSource(delimiter = '|', value = {
            "click     | email_click",
            "bounce    | suppressed",
            "complaint | suppressed"})
    void anEventDeliveredTwiceChangesTheLeadOnce(String kind, String timelineKind) {
        warmLeadWithItsWelcome();
        Instant at = flow.clock().instant();
        SesEvent event = switch (kind) {
            case "click" -> SesEvents.click(welcome, "event-1", at);
            case "bounce" -> SesEvents.permanentBounce(welcome, "event-1", at);
            default -> SesEvents.complaint(welcome, "event-1", at);
        };

        LeadUpdates.Applied first = flow.recordSesEvent().record(event).orElseThrow();
        LeadUpdates.Applied again = flow.recordSesEvent().record(event).orElseThrow();

        assertThat(first.changed()).isTrue();
        assertThat(again.repeat()).isTrue();
        assertThat(flow.lead(leadId).version()).isEqualTo(first.after().version());
        assertThat(flow.storage().queries().timeline(leadId)).filteredOn(e -> e.kind().equals(timelineKind)).hasSize(1);
    }

    @Test
    void aPersonsClickScoresAndIsKeptOnTheMessage() {
        warmLeadWithItsWelcome();

        flow.recordSesEvent().record(SesEvents.click(welcome, "click-1", flow.clock().instant()));

        LeadRecord lead = flow.lead(leadId);
        assertThat(lead.qualification().score()).isEqualTo(35);
        assertThat(lead.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(lead.lead().signals()).filteredOn(s -> s.type() == SignalType.EMAIL_CLICK).hasSize(1);
        SentMessage clicked = flow.storage().messages().findMessage(leadId, welcome.sendId()).orElseThrow();
        assertThat(clicked.deliveredAt()).isEqualTo(welcome.sentAt());
        assertThat(clicked.clicks()).singleElement().satisfies(click -> assertThat(click.scanner()).isFalse());
    }

    @Test
    void aClickWithinSecondsOfDeliveryIsKeptButNeverScores() {
        warmLeadWithItsWelcome();

        flow.recordSesEvent().record(SesEvents.click(welcome, "scanner-1", welcome.sentAt().plusSeconds(2)));

        LeadRecord lead = flow.lead(leadId);
        assertThat(lead.qualification().score()).isEqualTo(25);
        assertThat(lead.lead().signals()).filteredOn(s -> s.type() == SignalType.EMAIL_CLICK).singleElement()
                .satisfies(click -> assertThat(click.scores()).isFalse());
        assertThat(flow.timeline(leadId)).anyMatch(entry -> entry.startsWith("email click kept, not scored: clicked 2"));
        SentMessage clicked = flow.storage().messages().findMessage(leadId, welcome.sendId()).orElseThrow();
        assertThat(clicked.clicks()).singleElement().satisfies(click -> assertThat(click.scanner()).isTrue());
    }

    @ParameterizedTest(name = "{0} changes nothing")
    @ValueSource(strings = {"a transient bounce", "a complaint withdrawn as not spam", "a click on another sender's email"})
    void anEventThatSaysNothingAboutOurLeadChangesNothing(String kind) {
        warmLeadWithItsWelcome();
        long version = flow.lead(leadId).version();
        Instant at = flow.clock().instant();
        SesEvent event = switch (kind) {
            case "a transient bounce" -> SesEvents.transientBounce(welcome, "event-1", at);
            case "a complaint withdrawn as not spam" -> SesEvents.notSpam(welcome, "event-1", at);
            default -> SesEvents.clickOnAnotherSendersEmail("event-1", at);
        };

        assertThat(flow.recordSesEvent().record(event)).isEmpty();

        assertThat(flow.lead(leadId).version()).isEqualTo(version);
        assertThat(flow.lead(leadId).contact().mayGetMarketing()).isTrue();
    }

    @Test
    void aSuppressedAddressStillReachesSalesWhenItsLeadTurnsHot() {
        warmLeadWithItsWelcome();
        flow.recordSesEvent().record(SesEvents.permanentBounce(welcome, "bounce-1", flow.clock().instant()));

        flow.signal(leadId, SignalType.CONTACT_SALES);

        assertThat(flow.lead(leadId).contact().suppressedBecause()).isEqualTo("permanent bounce");
        assertThat(flow.mail().alertsAbout("Sam Lee")).as("the alert goes to sales, not to the address").hasSize(1);
    }
}
