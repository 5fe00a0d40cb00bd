package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.TierReviewQueue;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.change;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TierReviewQueue}: the leads whose review time has come, and only those. */
public interface TierReviewQueueContract extends StorageContract {

    @Test
    default void theLeadsWhoseTierWillHaveChangedByNowAreDue() {
        LeadRecord anHourAgo = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minus(Duration.ofHours(1))));
        LeadRecord now = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0));
        LeadRecord inAnHour = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.WARM, Stage.MQL, T0.plus(Duration.ofHours(1))));
        saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.COLD, Stage.LEAD, null));

        assertThat(due(T0, 10)).containsExactlyInAnyOrder(anHourAgo.id(), now.id());
        assertThat(due(T0.plus(Duration.ofHours(2)), 10)).containsExactlyInAnyOrder(anHourAgo.id(), now.id(), inAnHour.id());
        assertThat(storage().tierReviews().dueForTierReview(T0.plus(Duration.ofHours(2)), 2, null).leadIds()).hasSize(2);
    }

    @Test
    default void aLeadWhoseTierWillNoLongerFadeIsNoLongerDue() {
        LeadRecord v1 = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minus(Duration.ofHours(1))));
        LeadRecord reviewed = next(v1, T0);
        LeadRecord v2 = new LeadRecord(reviewed.lead(), reviewed.version(), reviewed.createdAt(), reviewed.updatedAt(),
                reviewed.consent(), reviewed.source(), reviewed.awaitingStep2Since(), reviewed.qualification(),
                reviewed.hotEpisode(), reviewed.nurture(), reviewed.contact(), reviewed.apiBaseUrl(), null, reviewed.sales());

        storage().leads().save(change(v2, "tier reviewed"));

        assertThat(due(T0, 10)).isEmpty();
    }

    @Test
    default void pagesTakeEveryDueLeadOnceAndTheLastPageHasNoCursor() {
        Set<String> due = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            due.add(saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minusSeconds(i % 5))).id());
        }
        saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.WARM, Stage.MQL, T0.plusSeconds(1)));

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TierReviewQueue.DuePage page = storage().tierReviews().dueForTierReview(T0, 5, cursor);
            assertThat(page.leadIds()).hasSizeLessThanOrEqualTo(5);
            read.addAll(page.leadIds());
            cursor = page.cursor();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(due);
        assertThatThrownBy(() -> storage().tierReviews().dueForTierReview(T0, 5, "not a cursor"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void aLeadReviewedBetweenPagesIsNotInALaterPage() {
        List<LeadRecord> leads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leads.add(saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minusSeconds(i))));
        }
        TierReviewQueue.DuePage first = storage().tierReviews().dueForTierReview(T0, 2, null);
        for (LeadRecord lead : leads) {
            if (!first.leadIds().contains(lead.id())) {
                LeadRecord reviewed = next(lead, T0).changed().reviewTierAt(T0.plus(Duration.ofDays(3))).build();
                storage().leads().save(change(reviewed, "tier reviewed"));
            }
        }

        List<String> later = new ArrayList<>();
        for (String cursor = first.cursor(); cursor != null; ) {
            TierReviewQueue.DuePage page = storage().tierReviews().dueForTierReview(T0, 2, cursor);
            later.addAll(page.leadIds());
            cursor = page.cursor();
        }
        assertThat(later).isEmpty();
    }

    private List<String> due(java.time.Instant now, int limit) {
        return storage().tierReviews().dueForTierReview(now, limit, null).leadIds();
    }
}
