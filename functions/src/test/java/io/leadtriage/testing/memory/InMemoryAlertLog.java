package io.leadtriage.testing.memory;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AlertLog;

import java.time.Instant;
import java.util.Optional;

/** Dispositions kept on the alert's outbox item, recorded once, as in the table. */
public final class InMemoryAlertLog implements AlertLog {
    private final MemoryTable table;

    InMemoryAlertLog(MemoryTable table) {
        this.table = table;
    }

    @Override
    public boolean recordDisposition(String leadId, String alertId, String disposition, Instant at) {
        synchronized (table) {
            Optional<MemoryTable.StoredOutboxItem> alert = table.outboxItem(leadId, alertId)
                    .filter(stored -> stored.item().disposition() == null);
            alert.ifPresent(stored -> {
                OutboxItem o = stored.item();
                table.putOutbox(new OutboxItem(o.leadId(), o.outboxId(), o.kind(), o.dueAt(), o.attempts(), o.recipients(),
                        o.routeId(), o.rotate(), o.sequenceId(), o.step(), o.createdAt(), o.leaseUntil(), disposition),
                        stored.pending());
            });
            return alert.isPresent();
        }
    }

    @Override
    public Optional<String> dispositionOf(String leadId, String alertId) {
        synchronized (table) {
            return table.outboxItem(leadId, alertId).map(stored -> stored.item().disposition());
        }
    }
}
