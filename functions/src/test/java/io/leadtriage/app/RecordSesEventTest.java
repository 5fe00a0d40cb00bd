package io.leadtriage.app;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.SesEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

    /**
     * The lead an email of this kind is sent for, and that email, as the dispatcher sent it and twelve minutes on:
     * Sam's welcome (nurture), Dee's "finish your request" (reminder), Priya's sales alert, and its escalation.
     */
    SentMessage sent(String kind) {
        SentMessage sent = flow.firstEmailOf(kind);
        leadId = sent.leadId();
        return sent;
    }

    static SesEvent event(String event, io.leadtriage.app.sesevents.SentMessage mail, Instant at) {
        return switch (event) {
            case "click" -> SesEvents.click(mail, "event-1", at);
            case "permanent bounce" -> SesEvents.permanentBounce(mail, "event-1", at);
            case "complaint" -> SesEvents.complaint(mail, "event-1", at);
            default -> SesEvents.delivery(mail, "event-1", at);
        };
    }

    /** Every event on every email of these kinds. */
    static Stream<Arguments> everyEventOn(String... kinds) {
        return Stream.of(kinds).flatMap(kind -> Stream.of("click", "permanent bounce", "complaint", "delivery")
                .map(event -> Arguments.of(kind, event)));
    }

    static Stream<Arguments> eventsOnAlerts() {
        return everyEventOn("sales_alert", "escalation");
    }

    static Stream<Arguments> eventsOnEmailsToTheLead() {
        return everyEventOn("nurture", "reminder");
    }

    @ParameterizedTest(name = "a {1} on an {0} is noted on the message, never on the lead")
    @MethodSource("eventsOnAlerts")
    void anEventOnAnAlertToSalesIsNotedOnTheMessageAlone(String kind, String event) {
        SentMessage alert = sent(kind);
        LeadRecord before = flow.lead(leadId);
        List<String> timeline = flow.timeline(leadId);
        Instant at = flow.clock().instant();

        assertThat(flow.recordSesEvent().record(event(event, flow.sesMail(alert), at))).isEmpty();
        flow.recordSesEvent().record(event(event, flow.sesMail(alert), at));

        LeadRecord after = flow.lead(leadId);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.qualification().score()).isEqualTo(before.qualification().score());
        assertThat(after.lead().signals()).isEqualTo(before.lead().signals());
        assertThat(after.contact()).isEqualTo(before.contact());
        assertThat(after.contact().suppressedBecause()).isNull();
        assertThat(flow.timeline(leadId)).isEqualTo(timeline);
        assertOnTheMessage(event, alert, at);
    }

    @ParameterizedTest(name = "a {1} on a {0} email concerns the lead")
    @MethodSource("eventsOnEmailsToTheLead")
    void anEventOnAnEmailToTheLeadConcernsTheLead(String kind, String event) {
        SentMessage email = sent(kind);
        LeadRecord before = flow.lead(leadId);
        Instant at = flow.clock().instant();

        flow.recordSesEvent().record(event(event, flow.sesMail(email), at));

        LeadRecord after = flow.lead(leadId);
        switch (event) {
            case "click" -> {
                assertThat(after.qualification().score()).isEqualTo(before.qualification().score() + 10);
                assertThat(after.lead().signals()).filteredOn(s -> s.type() == SignalType.EMAIL_CLICK).singleElement()
                        .satisfies(click -> assertThat(click.scores()).isTrue());
            }
            case "permanent bounce" -> assertThat(after.contact().suppressedBecause()).isEqualTo("permanent bounce");
            case "complaint" -> assertThat(after.contact().suppressedBecause()).isEqualTo("complaint");
            default -> assertThat(after.version()).isEqualTo(before.version());
        }
        SentMessage noted = flow.storage().messages().findMessage(leadId, email.sendId()).orElseThrow();
        assertThat(noted.bouncedAt()).as("the lead's bounce is the lead's suppression").isNull();
        assertThat(noted.complainedAt()).isNull();
        if (event.equals("delivery")) {
            assertThat(noted.deliveredAt()).isEqualTo(at);
        }
    }

    @Test
    void aBounceOfAnAlertSentBeforeTheKindTagIsToldByTheMessageKept() {
        SentMessage alert = sent("sales_alert");
        long version = flow.lead(leadId).version();
        Instant at = flow.clock().instant();

        assertThat(flow.recordSesEvent().record(SesEvents.permanentBounce(alert, "bounce-1", at)))
                .as("an event carrying leadId and sendId alone").isEmpty();

        assertThat(flow.lead(leadId).version()).isEqualTo(version);
        assertThat(flow.lead(leadId).contact().suppressedBecause()).isNull();
        assertOnTheMessage("permanent bounce", alert, at);
    }

    private void assertOnTheMessage(String event, SentMessage sent, Instant at) {
        SentMessage noted = flow.storage().messages().findMessage(leadId, sent.sendId()).orElseThrow();
        switch (event) {
            case "click" -> assertThat(noted.clicks()).as("a redelivered click is noted once").singleElement()
                    .satisfies(click -> assertThat(click.at()).isEqualTo(at));
            case "permanent bounce" -> assertThat(noted.bouncedAt()).isEqualTo(at);
            case "complaint" -> assertThat(noted.complainedAt()).isEqualTo(at);
            default -> assertThat(noted.deliveredAt()).isEqualTo(at);
        }
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
