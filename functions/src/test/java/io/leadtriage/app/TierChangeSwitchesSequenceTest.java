package io.leadtriage.app;

import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nurtured lead whose tier changes moves to the sequence of its new tier, and its next email comes from that
 * sequence: the first step it has not had, not the welcome again (on the in-memory ports, with the frozen model:
 * "warm" is welcome, customer story after 3 days, …; "cold" is welcome, customer story after 7 days, …).
 */
class TierChangeSwitchesSequenceTest {
    static final String SAM = "sam@northwind-saas.com";
    static final String WELCOME = "Thanks for reaching out, Sam";
    static final String CUSTOMER_STORY = "How a 40-person agency halved its cost per qualified lead";

    final CoreFlow flow = CoreFlow.start();

    /** Joins {@code from} and gets its welcome; then the change; the lead id. */
    String nurturedThenChanged(String change) {
        String leadId = switch (change) {
            // timeline now (+20) and the sign-up (+5): 25, warm
            case "a survey answer" -> flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();
            // 11-50 people (+10) and the registration (+10, fading): 20, warm until the registration's points fade
            case "fading behaviour" -> flow.submit("webinar", SAM, Map.of("name", "Sam Lee", "companySize", "11-50")).after().id();
            // the guide (+10): cold
            case "a pricing page view" -> flow.submit("ebook", SAM, Map.of("name", "Sam Lee")).after().id();
            default -> throw new IllegalArgumentException(change);
        };
        flow.dispatchDue();
        assertThat(flow.mail().subjectsTo(SAM)).containsExactly(WELCOME);
        flow.clock().advance(Duration.ofHours(1));
        switch (change) {
            case "a survey answer" -> flow.answerSurvey(leadId, "follow-up", Map.of("timeline", "6m+"));
            case "fading behaviour" -> {
                flow.clock().advanceTo(flow.lead(leadId).reviewTierAt().plusSeconds(60));
                assertThat(flow.reviewTiers().reviewDue(100)).isEqualTo(1);
            }
            default -> flow.signal(leadId, SignalType.PRICING_PAGE_VIEW);
        }
        return leadId;
    }

    @ParameterizedTest(name = "{0} → {1} by {2}: the next email is {1}''s customer story, {3} days on")
    @CsvSource({
            "warm, cold, a survey answer,     7",
            "warm, cold, fading behaviour,    7",
            "cold, warm, a pricing page view, 3"})
    void aLeadWhoseTierChangesGetsItsNextEmailFromTheNewTiersSequence(String from, String to, String change, int days) {
        String leadId = nurturedThenChanged(change);

        LeadRecord moved = flow.lead(leadId);
        assertThat(moved.qualification().tier()).isEqualTo(Tier.valueOf(to.toUpperCase()));
        assertThat(moved.nurture()).as("the welcome is had already").isEqualTo(new NurtureState(to, 1, NurtureState.ACTIVE, null));
        assertThat(flow.timeline(leadId)).contains("joined " + from, "joined " + to + " at step 2: welcome already sent");

        flow.dispatchAfter(Duration.ofDays(days).minusMinutes(1));
        assertThat(flow.mail().subjectsTo(SAM)).as("not due before").containsExactly(WELCOME);
        flow.dispatchAfter(Duration.ofMinutes(2));
        assertThat(flow.mail().subjectsTo(SAM)).containsExactly(WELCOME, CUSTOMER_STORY);
        assertThat(flow.timeline(leadId)).contains("nurture " + to + " step 2 (customer-story) sent");
    }

    @Test
    void aWarmLeadTurningColdAfterEveryEmailColdWouldSendGetsNoneOfThemAgain() {
        String leadId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();
        for (int day = 0; day < 8; day++) {
            flow.dispatchAfter(Duration.ofDays(1));
        }
        assertThat(flow.mail().subjectsTo(SAM)).containsExactly(WELCOME, CUSTOMER_STORY, "Five quick questions, Sam?");

        flow.answerSurvey(leadId, "follow-up", Map.of("timeline", "6m+"));

        assertThat(flow.lead(leadId).nurture()).isEqualTo(new NurtureState("cold", 3, NurtureState.COMPLETED, null));
        assertThat(flow.timeline(leadId)).contains("joined cold at step 4: welcome, customer-story, survey-invite already sent");
        for (int day = 0; day < 30; day++) {
            flow.dispatchAfter(Duration.ofDays(1));
        }
        assertThat(flow.mail().subjectsTo(SAM)).hasSize(3);
        assertThat(flow.storage().outbox().find(leadId, io.leadtriage.app.outbox.OutboxItem.NURTURE_SLOT)).isEmpty();
    }
}
