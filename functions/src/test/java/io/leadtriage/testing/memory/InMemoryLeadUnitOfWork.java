package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.UnverifiedSubmission;

import java.time.Instant;
import java.util.Optional;

/** The lead's write path in memory: the same conditions as the DynamoDB transaction, checked and applied at once. */
public final class InMemoryLeadUnitOfWork implements LeadUnitOfWork {
    private final MemoryTable table;

    InMemoryLeadUnitOfWork(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<LeadRecord> findById(String leadId) {
        return table.lead(leadId);
    }

    @Override
    public Optional<String> findLeadIdByEmail(String email) {
        synchronized (table) {
            return Optional.ofNullable(table.leadIdsByEmail.get(email));
        }
    }

    /** The marker as stored, also past its time: like a table item awaiting its TTL, the caller judges it. */
    @Override
    public Optional<IdempotencyMarker> findMarker(String key) {
        synchronized (table) {
            return Optional.ofNullable(table.markers.get(key));
        }
    }

    @Override
    public Optional<String> findLeadIdByUnverifiedSubmission(String submissionId, Instant now) {
        synchronized (table) {
            return Optional.ofNullable(table.unverifiedSubmissions.get(submissionId))
                    .filter(s -> s.expiresAt().isAfter(now)).map(UnverifiedSubmission::leadId);
        }
    }

    @Override
    public SaveResult save(LeadWrite write) {
        LeadRecord lead = write.lead();
        IdempotencyMarker marker = write.marker();
        synchronized (table) {
            if (marker != null && findMarker(marker.key()).filter(done -> done.standsAt(marker.at())).isPresent()) {
                return SaveResult.DUPLICATE;
            }
            if (!versionHolds(write) || write.outboxPuts().stream().anyMatch(this::secondAlertOfAnEpisode)) {
                return SaveResult.CONFLICT;
            }
            if (write.expectedVersion() == 0) {
                table.leadIdsByEmail.put(lead.lead().email(), lead.id());
            }
            table.profiles.put(lead.id(), MemoryTable.asStored(lead));
            table.count(write.counts());
            table.addTimeline(lead.id(), write.timeline());
            write.outboxDeletes().forEach(outboxId -> table.removeOutbox(lead.id(), outboxId));
            write.outboxPuts().forEach(item -> table.putOutbox(item, true));
            if (write.unverified() != null) {
                table.unverifiedSubmissions.put(write.unverified().id(), write.unverified());
            }
            if (marker != null) {
                // The table keeps a marker's time in epoch seconds (its TTL attribute).
                table.markers.put(marker.key(), new IdempotencyMarker(marker.key(), marker.leadId(), marker.createdLead(),
                        marker.at(), Instant.ofEpochSecond(marker.expiresAt().getEpochSecond())));
            }
            return SaveResult.SAVED;
        }
    }

    private boolean versionHolds(LeadWrite write) {
        LeadRecord stored = table.profiles.get(write.lead().id());
        if (write.expectedVersion() == 0) {
            return stored == null && !table.leadIdsByEmail.containsKey(write.lead().lead().email());
        }
        return stored != null && stored.version() == write.expectedVersion();
    }

    private boolean secondAlertOfAnEpisode(OutboxItem item) {
        return item.kind() == OutboxKind.SALES_ALERT && table.outboxItem(item.leadId(), item.outboxId()).isPresent();
    }
}
