package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.TierReviewQueue;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.change;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TierReviewQueue}: the leads whose review time has come, and only those. */
public interface TierReviewQueueContract extends StorageContract {

    @Test
    default void theLeadsWhoseTierWillHaveChangedByNowAreDue() {
        LeadRecord anHourAgo = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minus(Duration.ofHours(1))));
        LeadRecord now = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0));
        LeadRecord inAnHour = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.WARM, Stage.MQL, T0.plus(Duration.ofHours(1))));
        saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.COLD, Stage.LEAD, null));

        assertThat(storage().tierReviews().dueForTierReview(T0, 10)).containsExactlyInAnyOrder(anHourAgo.id(), now.id());
        assertThat(storage().tierReviews().dueForTierReview(T0.plus(Duration.ofHours(2)), 10))
                .containsExactlyInAnyOrder(anHourAgo.id(), now.id(), inAnHour.id());
        assertThat(storage().tierReviews().dueForTierReview(T0.plus(Duration.ofHours(2)), 2)).hasSize(2);
    }

    @Test
    default void aLeadWhoseTierWillNoLongerFadeIsNoLongerDue() {
        LeadRecord v1 = saved(storage(), lead(T0.minus(Duration.ofDays(9)), Tier.HOT, Stage.SQL, T0.minus(Duration.ofHours(1))));
        LeadRecord reviewed = next(v1, T0);
        LeadRecord v2 = new LeadRecord(reviewed.lead(), reviewed.version(), reviewed.createdAt(), reviewed.updatedAt(),
                reviewed.consent(), reviewed.source(), reviewed.awaitingStep2Since(), reviewed.qualification(),
                reviewed.hotEpisode(), reviewed.nurture(), reviewed.contact(), reviewed.apiBaseUrl(), null, reviewed.sales());

        storage().leads().save(change(v2, "tier reviewed"));

        assertThat(storage().tierReviews().dueForTierReview(T0, 10)).isEmpty();
    }
}
