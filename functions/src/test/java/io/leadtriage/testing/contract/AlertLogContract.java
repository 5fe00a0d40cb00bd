package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link AlertLog}: a rep's disposition, recorded once on the alert, where the escalation reads it. */
public interface AlertLogContract extends StorageContract {

    @Test
    default void theFirstDispositionOnAnAlertStands() {
        LeadRecord lead = lead(T0, Tier.HOT, Stage.SQL);
        OutboxItem alert = OutboxItem.salesAlert(lead.id(), 1, "default", List.of("sales@example.com"), false, T0);
        saved(storage(), lead, alert);

        assertThat(storage().alerts().dispositionOf(lead.id(), alert.outboxId())).isEmpty();
        assertThat(storage().alerts().recordDisposition(lead.id(), alert.outboxId(), "accepted", T0.plusSeconds(60))).isTrue();
        assertThat(storage().alerts().recordDisposition(lead.id(), alert.outboxId(), "wrong_fit", T0.plusSeconds(90))).isFalse();

        assertThat(storage().alerts().dispositionOf(lead.id(), alert.outboxId())).contains("accepted");
        assertThat(storage().outbox().find(lead.id(), alert.outboxId()).orElseThrow().disposition()).isEqualTo("accepted");
    }

    @Test
    default void thereIsNoDispositionOnAnAlertThatDoesNotExist() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.HOT, Stage.SQL));

        assertThat(storage().alerts().recordDisposition(lead.id(), OutboxItem.alertId(1), "accepted", T0)).isFalse();
        assertThat(storage().alerts().dispositionOf(lead.id(), OutboxItem.alertId(1))).isEmpty();
        assertThat(storage().outbox().find(lead.id(), OutboxItem.alertId(1))).as("no alert made by a disposition").isEmpty();
    }
}
