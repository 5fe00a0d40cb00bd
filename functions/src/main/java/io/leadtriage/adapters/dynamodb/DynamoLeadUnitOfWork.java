package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.SignalEntries;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.StorageUnavailableException;
import io.leadtriage.ops.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lead's one write path on the leads table: the whole change is one TransactWriteItems, conditional on the
 * profile's version (on the lead and its email not existing yet, for a new lead) and on its idempotency marker.
 */
public final class DynamoLeadUnitOfWork implements LeadUnitOfWork {
    /**
     * Why a write of the transaction may fail that reading again and retrying fixes: a condition (someone else
     * wrote first), another transaction on the same items, throttling. Any other reason is not a conflict.
     */
    private static final Set<String> RETRYABLE = Set.of("None", "ConditionalCheckFailed", "TransactionConflict",
            "ThrottlingError", "ProvisionedThroughputExceeded");
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final LeadsTable table;

    public DynamoLeadUnitOfWork(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<LeadRecord> findById(String leadId) {
        return table.lead(leadId);
    }

    @Override
    public Optional<String> findLeadIdByEmail(String email) {
        Map<String, AttributeValue> key = table.emailIndex().keyFor(email);
        Optional<String> found = table.get(key).map(item -> item.get(TableKeys.LEAD_ID).s());
        if (found.isPresent()) {
            return found;
        }
        Map<String, AttributeValue> unkeyed = EmailIndex.unkeyedKeyFor(email);
        Optional<String> before = table.get(unkeyed).map(item -> item.get(TableKeys.LEAD_ID).s());
        before.ifPresent(leadId -> moveUnderKey(unkeyed, key, leadId));
        return before;
    }

    /**
     * An entry from before the index had a key, moved under the HMAC: both at once, and only if nobody moved it first.
     * A move that fails leaves the entry where it was, still found; the next lookup tries again.
     */
    private void moveUnderKey(Map<String, AttributeValue> unkeyed, Map<String, AttributeValue> key, String leadId) {
        try {
            table.transact(List.of(table.writeNew(LeadItems.emailIndexItem(key, leadId)), table.writeDelete(unkeyed)));
        } catch (RuntimeException e) {
            Log.warn("email index entry not moved under its key; it is still found", Map.of("leadId", leadId,
                    "reason", String.valueOf(e.getMessage())));
        }
    }

    @Override
    public Optional<IdempotencyMarker> findMarker(String key) {
        return table.get(TableKeys.markerKey(key)).map(LeadItems::marker);
    }

    @Override
    public Optional<String> findLeadIdByUnverifiedSubmission(String submissionId, java.time.Instant now) {
        // An item past its time may still be there until TTL removes it: it no longer counts.
        return table.get(TableKeys.unverifiedSubmissionKey(submissionId))
                .filter(item -> Long.parseLong(item.get(TableKeys.TTL).n()) > now.getEpochSecond())
                .map(item -> item.get(TableKeys.LEAD_ID).s());
    }

    /**
     * A lead change as the one transaction {@link #save} writes, before it is written: the lead's own writes (email
     * index, profile, timeline, outbox, unverified submission), the counters' updates, and the idempotency marker's
     * conditional put, in that order.
     *
     * @param marker null when the change has no idempotency key
     */
    public record ChangeWrites(List<TransactWriteItem> lead, List<TransactWriteItem> counters, TransactWriteItem marker) {
        List<TransactWriteItem> all() {
            List<TransactWriteItem> all = new ArrayList<>(lead);
            all.addAll(counters);
            if (marker != null) {
                all.add(marker);
            }
            return all;
        }

        /** Where the marker's put is in {@link #all()}; -1 for none. */
        int markerIndex() {
            return marker == null ? -1 : lead.size() + counters.size();
        }
    }

    /**
     * The writes {@code write} makes, rendered as {@link #save} sends them; also what a bulk load of new leads (the
     * benchmarks' year) writes in batches, so that its items are the ones the lead path stores.
     */
    public ChangeWrites writesOf(LeadWrite write) {
        LeadRecord lead = write.lead();
        List<TransactWriteItem> writes = new ArrayList<>();
        if (write.expectedVersion() == 0) {
            writes.add(table.writeNew(LeadItems.emailIndexItem(table.emailIndex().keyFor(lead.lead().email()), lead.id())));
            writes.add(table.writeNew(LeadItems.profileItem(lead)));
        } else {
            writes.add(table.writePut(LeadItems.profileItem(lead), put -> put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", TableKeys.VERSION))
                    .expressionAttributeValues(Map.of(":expected", LeadItems.n(write.expectedVersion())))));
        }
        // A lone signal's entry may travel in the profile's signals (SignalEntries): one item fewer to write.
        List<TimelineEntry> timeline = SignalEntries.toStore(lead, write.timeline());
        if (!timeline.isEmpty()) {
            writes.add(table.writePut(LeadItems.timelineItem(lead.id(), timeline)));
        }
        for (OutboxItem item : write.outboxPuts()) {
            // One alert per hot episode, even if two changes raced to the same episode.
            writes.add(item.kind() == OutboxKind.SALES_ALERT ? table.writeNew(LeadItems.outboxItem(item))
                    : table.writePut(LeadItems.outboxItem(item)));
        }
        for (String outboxId : write.outboxDeletes()) {
            if (write.outboxPuts().stream().noneMatch(o -> o.outboxId().equals(outboxId))) {
                writes.add(table.writeDelete(TableKeys.outboxKey(lead.id(), outboxId)));
            }
        }
        if (write.unverified() != null) {
            writes.add(table.writePut(LeadItems.unverifiedSubmissionItem(write.unverified())));
        }
        // The report counters, in the same transaction: they never count a change that was not stored, nor miss one.
        List<TransactWriteItem> counters = CounterItems.writes(table, write.counts());
        TransactWriteItem marker = null;
        if (write.marker() != null) {
            // A marker past its time may still be there until TTL removes it: it no longer counts.
            marker = table.writePut(LeadItems.markerItem(write.marker()), put -> put
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#ttl", TableKeys.TTL))
                    .expressionAttributeValues(Map.of(":now", LeadItems.n(write.marker().at().getEpochSecond()))));
        }
        return new ChangeWrites(writes, counters, marker);
    }

    @Override
    public SaveResult save(LeadWrite write) {
        ChangeWrites change = writesOf(write);
        List<TransactWriteItem> writes = change.all();
        int markerIndex = change.markerIndex();
        Optional<TransactionCanceledException> cancelled = table.transact(writes);
        if (cancelled.isEmpty()) {
            return SaveResult.SAVED;
        }
        List<CancellationReason> reasons = cancelled.get().cancellationReasons();
        if (markerIndex >= 0 && reasons.size() > markerIndex && CONDITION_FAILED.equals(reasons.get(markerIndex).code())) {
            return SaveResult.DUPLICATE;
        }
        if (reasons.stream().map(CancellationReason::code).anyMatch(code -> code != null && !RETRYABLE.contains(code))) {
            throw new StorageUnavailableException("DynamoDB TransactWriteItems", cancelled.get());
        }
        return SaveResult.CONFLICT;
    }
}
