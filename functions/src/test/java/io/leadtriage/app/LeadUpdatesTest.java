package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.SesEvents;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

import static io.leadtriage.testing.CoreFlow.SALES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lead-change path on the in-memory ports: what a change calls for (a sales alert once per hot episode, sent
 * at once by the after-commit step; joining, leaving, switching and resuming nurture; the step-2 reminder).
 */
class LeadUpdatesTest {
    static final String SAM = "sam.lee@northwind-saas.com";
    /** 25 points: warm (newsletter +5, timeline now +20), an MQL, with consent: the "warm" sequence. */
    static final Map<String, String> WARM_NEWSLETTER = Map.of("name", "Sam Lee", "timeline", "now");

    final CoreFlow flow = CoreFlow.start();

    String warmSam() {
        return flow.submit("newsletter", SAM, WARM_NEWSLETTER).after().id();
    }

    /** The changes that can turn a lead hot, each worth 30 points to a 25-point lead. */
    static BiConsumer<CoreFlow, String> turnHot(String cause) {
        return switch (cause) {
            case "form" -> (flow, leadId) -> flow.submit("demo", SAM, Map.of());
            case "survey" -> (flow, leadId) -> flow.answerSurvey(leadId, "follow-up",
                    Map.of("budget", "approved", "role", "decision_maker"));
            case "signal" -> (flow, leadId) -> flow.signal(leadId, SignalType.CONTACT_SALES);
            default -> throw new IllegalArgumentException(cause);
        };
    }

    @ParameterizedTest(name = "a {0} that turns a lead hot alerts sales once, at once ({1})")
    @CsvSource({"form, form:demo", "survey, survey:follow-up", "signal, signal:contact_sales"})
    void aChangeThatTurnsALeadHotAlertsSalesOnceAtOnce(String cause, String recordedCause) {
        String leadId = warmSam();
        flow.clock().advance(Duration.ofHours(1));

        turnHot(cause).accept(flow, leadId);

        assertThat(flow.mail().alertsAbout("Sam Lee")).as("sent by the change's own after-commit step").hasSize(1);
        LeadRecord hot = flow.lead(leadId);
        assertThat(hot.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(hot.hotEpisode()).isEqualTo(1);
        assertThat(hot.sales().hotTrigger().cause()).isEqualTo(recordedCause);
        assertThat(flow.timeline(leadId)).contains("sales alert for hot episode 1", "sales alert sent to 1 recipient(s)");

        flow.clock().advance(Duration.ofMinutes(1));
        turnHot(cause).accept(flow, leadId);
        flow.dispatchAfter(Duration.ofMinutes(1));
        assertThat(flow.mail().alertsAbout("Sam Lee")).as("still the same hot episode").hasSize(1);
    }

    @Test
    void aLeadThatCoolsAndTurnsHotAgainStartsASecondEpisode() {
        String leadId = flow.submit("demo", "priya@northwind-saas.com",
                Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now")).after().id();
        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(1);

        flow.clock().advanceTo(flow.lead(leadId).reviewTierAt().plusSeconds(60));
        flow.reviewTiers().reviewDue(100);
        assertThat(flow.lead(leadId).qualification().tier()).isEqualTo(Tier.WARM);

        flow.submit("demo", "priya@northwind-saas.com", Map.of());

        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(2);
        assertThat(flow.lead(leadId).hotEpisode()).isEqualTo(2);
        assertThat(flow.timeline(leadId)).contains("sales alert for hot episode 2");
    }

    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource(delimiter = '|', value = {
            "newsletter | sam@northwind-saas.com  | timeline=now                                      | true  | warm",
            "newsletter | sam@northwind-saas.com  | timeline=now;challenge=Our SDRs chase junk leads all day | true | warm-lead-quality",
            "ebook      | sam@northwind-saas.com  |                                                   | true  | cold",
            "newsletter | sam@northwind-saas.com  | timeline=now                                      | false | (none: no consent)",
            "demo       | sam@northwind-saas.com  | timeline=now                                      | true  | (none: hot)",
            "newsletter | sam@mailinator.com      | timeline=now                                      | true  | (none: disqualified)"})
    void aQualifiedLeadJoinsTheSequenceOfItsAudience(String form, String email, String answers, boolean consent,
                                                     String sequence) {
        String leadId = flow.submit(CoreFlow.post(form, email, TableFields.of(answers), consent, null)).after().id();

        NurtureState nurture = flow.lead(leadId).nurture();
        if (sequence.startsWith("(none")) {
            assertThat(nurture).isNull();
            assertThat(flow.storage().outbox().find(leadId, OutboxItem.NURTURE_SLOT)).isEmpty();
        } else {
            assertThat(nurture).isEqualTo(new NurtureState(sequence, 0, NurtureState.ACTIVE, null));
            assertThat(flow.timeline(leadId)).contains("joined " + sequence);
            flow.dispatchDue();
            assertThat(flow.mail().sentTo(email)).extracting(OutgoingEmail::subject).hasSize(1)
                    .allMatch(subject -> subject.startsWith("Thanks for reaching out"));
        }
    }

    @ParameterizedTest(name = "nurture stops when the lead {0}")
    @CsvSource(delimiter = '|', value = {
            "turns hot    | turned hot: sales takes over",
            "unsubscribes | no marketing email allowed",
            "bounces      | no marketing email allowed",
            "complains    | no marketing email allowed"})
    void nurtureStops(String what, String why) {
        String leadId = warmSam();
        flow.dispatchDue();
        flow.clock().advance(Duration.ofHours(1));

        switch (what) {
            case "turns hot" -> turnHot("signal").accept(flow, leadId);
            case "unsubscribes" -> flow.unsubscribe().unsubscribe(leadId);
            case "bounces" -> flow.recordSesEvent().record(SesEvents.permanentBounce(welcome(leadId), "bounce-1",
                    flow.clock().instant()));
            default -> flow.recordSesEvent().record(SesEvents.complaint(welcome(leadId), "complaint-1", flow.clock().instant()));
        }
        for (int day = 0; day < 16; day++) {
            flow.dispatchAfter(Duration.ofDays(1));
        }

        assertThat(flow.lead(leadId).nurture()).isEqualTo(new NurtureState("warm", 1, NurtureState.STOPPED, why));
        assertThat(flow.timeline(leadId)).contains("left warm: " + why);
        assertThat(flow.mail().subjectsTo(SAM)).as("the welcome only").containsExactly("Thanks for reaching out, Sam");
    }

    io.leadtriage.app.outbox.SentMessage welcome(String leadId) {
        return flow.storage().messages().sentMessages(leadId).get(0);
    }

    @ParameterizedTest(name = "a survey answer ({0}) moves the lead to {1}")
    @CsvSource(delimiter = '|', value = {
            "challenge=We waste hours on junk leads from our forms | warm-lead-quality",
            "timeline=6m+                                          | cold"})
    void aLeadWhoseAudienceChangesSwitchesSequence(String answer, String sequence) {
        String leadId = warmSam();

        flow.answerSurvey(leadId, "follow-up", TableFields.of(answer));

        assertThat(flow.lead(leadId).nurture()).isEqualTo(new NurtureState(sequence, 0, NurtureState.ACTIVE, null));
        assertThat(flow.storage().outbox().find(leadId, OutboxItem.NURTURE_SLOT).orElseThrow().sequenceId()).isEqualTo(sequence);
        assertThat(flow.timeline(leadId)).contains("joined warm", "joined " + sequence);
        flow.dispatchDue();
        assertThat(flow.mail().subjectsTo(SAM)).as("one welcome, from the new sequence").containsExactly("Thanks for reaching out, Sam");
    }

    @Test
    void aHotLeadThatCoolsResumesItsSequenceWhereItStopped() {
        String leadId = warmSam();
        flow.dispatchDue();
        flow.clock().advance(Duration.ofHours(1));
        flow.signal(leadId, SignalType.DEMO_REQUEST);
        assertThat(flow.lead(leadId).nurture().status()).isEqualTo(NurtureState.STOPPED);

        flow.clock().advanceTo(flow.lead(leadId).reviewTierAt().plusSeconds(60));
        flow.reviewTiers().reviewDue(100);

        assertThat(flow.lead(leadId).nurture()).isEqualTo(new NurtureState("warm", 1, NurtureState.ACTIVE, null));
        assertThat(flow.timeline(leadId)).contains("resumed warm");
        flow.dispatchAfter(Duration.ofDays(3));
        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Thanks for reaching out, Sam",
                "How a 40-person agency halved its cost per qualified lead");
    }

    @ParameterizedTest(name = "step 2 done within the hour: {0}")
    @CsvSource({"false, 'Finish your request, Dee'", "true, "})
    void aLeadWhoLeavesStepTwoUndoneGetsOneReminder(boolean step2Done, String reminder) {
        String leadId = flow.submit("get-started", "dee@northwind-saas.com", Map.of("name", "Dee Lee")).after().id();
        flow.clock().advance(Duration.ofMinutes(30));
        if (step2Done) {
            flow.submitStep2("get-started", leadId, Map.of("company", "Acme", "companySize", "11-50"));
        }

        flow.dispatchAfter(Duration.ofMinutes(90));
        flow.dispatchAfter(Duration.ofMinutes(90));

        assertThat(flow.mail().subjectsTo("dee@northwind-saas.com"))
                .containsExactlyElementsOf(reminder == null ? java.util.List.of() : java.util.List.of(reminder));
        if (step2Done) {
            assertThat(flow.timeline(leadId)).contains("reminder not sent: step 2 is done");
        } else {
            assertThat(flow.mail().sentTo("dee@northwind-saas.com").get(0).text()).contains("/?step=2&token=");
        }
        assertThat(flow.mail().sentTo(SALES)).isEmpty();
    }
}
