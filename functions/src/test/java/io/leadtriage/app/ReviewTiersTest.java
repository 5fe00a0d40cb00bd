package io.leadtriage.app;

import io.leadtriage.app.ports.TierReviewQueue;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tier review on the in-memory ports: a lead is reviewed when its fading behaviour points move it to a lower
 * tier, not before, and a lead whose points never fade is never due.
 */
class ReviewTiersTest {
    final CoreFlow flow = CoreFlow.start();
    final ReviewTiers reviewTiers = flow.reviewTiers();

    @ParameterizedTest(name = "{0} with {1}: {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "demo       | name=Priya; company=Northwind; timeline=now | HOT  | WARM",
            "ebook      | budget=planned                              | WARM | COLD",
            "newsletter | budget=exploring; companySize=11-50         | WARM | COLD"})
    void aLeadIsReviewedWhenItsFadingPointsMoveItDownAndNotBefore(String form, String answers, Tier before, Tier after) {
        String leadId = flow.submit(form, "sam@northwind-saas.com", TableFields.of(answers)).after().id();
        Instant due = flow.lead(leadId).reviewTierAt();
        assertThat(flow.lead(leadId).qualification().tier()).isEqualTo(before);
        assertThat(due).isAfter(CoreFlow.START);

        flow.clock().advanceTo(due.minusSeconds(60));
        assertThat(reviewTiers.reviewDue(100)).as("a minute early").isZero();
        flow.clock().advance(Duration.ofMinutes(2));
        assertThat(reviewTiers.reviewDue(100)).isEqualTo(1);

        assertThat(flow.lead(leadId).qualification().tier()).isEqualTo(after);
        assertThat(flow.timeline(leadId)).contains("behaviour points faded; tier reviewed")
                .anyMatch(entry -> entry.startsWith(before.wireName() + " → " + after.wireName()));
        assertThat(reviewTiers.reviewDue(100)).as("reviewed once").isZero();
    }

    @Test
    void aLeadWhoseFadingPointsCannotMoveItDownIsNeverDue() {
        // Warm on its fit alone: timeline now +20; the newsletter's +5 may fade to nothing.
        String leadId = flow.submit("newsletter", "dee@northwind-saas.com", Map.of("timeline", "now")).after().id();

        flow.clock().advance(Duration.ofDays(400));

        assertThat(flow.lead(leadId).reviewTierAt()).isNull();
        assertThat(reviewTiers.reviewDue(100)).isZero();
    }

    @Test
    void aPassReviewsAtMostItsLimitAndTheNextPassTheRest() {
        for (int i = 0; i < 3; i++) {
            flow.submit("ebook", "lead" + i + "@northwind-saas.com", Map.of("budget", "planned"));
        }
        flow.clock().advance(Duration.ofDays(60));

        assertThat(reviewTiers.reviewDue(2)).isEqualTo(2);
        assertThat(reviewTiers.reviewDue(2)).isEqualTo(1);
        assertThat(flow.storedLeads()).extracting(lead -> lead.qualification().tier()).containsOnly(Tier.COLD);
    }

    @Test
    void onePassReadsPageAfterPageUntilNoLeadIsDue() {
        for (int i = 0; i < 2 * ReviewTiers.PAGE + 5; i++) {
            flow.submit("ebook", "lead" + i + "@northwind-saas.com", Map.of("budget", "planned"));
        }
        flow.clock().advance(Duration.ofDays(60));

        ReviewTiers.Pass pass = reviewTiers.reviewDue(Budget.leads(Integer.MAX_VALUE));

        assertThat(pass).isEqualTo(new ReviewTiers.Pass(2 * ReviewTiers.PAGE + 5, 3, false));
        assertThat(reviewTiers.reviewDue(Budget.leads(Integer.MAX_VALUE))).as("reviewed once")
                .isEqualTo(new ReviewTiers.Pass(0, 1, false));
    }

    @Test
    void aLeadReviewedTwiceWritesNothingTheSecondTime() {
        String leadId = flow.submit("ebook", "sam@northwind-saas.com", Map.of("budget", "planned")).after().id();
        flow.clock().advance(Duration.ofDays(60));
        // Two passes read the index at the same moment: both find the lead due; the one that writes second must not.
        java.util.List<String> seenByBoth = flow.storage().tierReviews().dueForTierReview(flow.clock().instant(), 10, null).leadIds();
        assertThat(reviewTiers.reviewDue(10)).isEqualTo(1);
        long version = flow.lead(leadId).version();
        int entries = flow.timeline(leadId).size();

        assertThat(seenByBoth).containsExactly(leadId);
        ReviewTiers late = new ReviewTiers(flow.services().models(), flow.leadUpdates(),
                (now, limit, cursor) -> new TierReviewQueue.DuePage(seenByBoth, null), flow.clock());
        assertThat(late.reviewDue(10)).as("found due in its stale page, not due when read").isZero();
        assertThat(flow.lead(leadId).version()).isEqualTo(version);
        assertThat(flow.timeline(leadId)).hasSize(entries);
    }

    @Test
    void anErasedLeadIsNotDue() {
        String leadId = flow.submit("ebook", "sam@northwind-saas.com", Map.of("budget", "planned")).after().id();
        flow.services().eraseLead().erase(leadId);
        flow.clock().advance(Duration.ofDays(60));

        assertThat(reviewTiers.reviewDue(100)).isZero();
        assertThat(flow.storedLeads()).isEmpty();
    }
}
