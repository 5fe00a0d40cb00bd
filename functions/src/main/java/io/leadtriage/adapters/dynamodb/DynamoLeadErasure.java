package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.ports.StorageUnavailableException;
import io.leadtriage.app.reports.CountChange;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * Erasure on the leads table: the profile, the email index item (under its key, and from before the index had one)
 * and every item of the lead's partition go; the
 * anonymous erasure count goes up. The lead's idempotency markers hold only its id and expire on their own.
 */
public final class DynamoLeadErasure implements LeadErasure {
    private static final int ATTEMPTS = 10;
    private final LeadsTable table;

    public DynamoLeadErasure(LeadsTable table) {
        this.table = table;
    }

    @Override
    public boolean erase(String leadId, Function<LeadRecord, OutboxItem> erasedEvent) {
        Optional<LeadRecord> lead = table.lead(leadId);
        if (lead.isEmpty()) {
            return false;
        }
        // The announcement first, so that it survives a failure halfway; it waits behind the lead's earlier events
        // until the loop below has removed them, and holds ids only.
        OutboxItem announcement = erasedEvent.apply(lead.get());
        Map<String, AttributeValue> kept = LeadItems.outboxItem(announcement);
        table.transact(List.of(table.writePut(kept)));
        // The profile goes first: from then on the lead's tokens lead nowhere. Its counts go with it, at once.
        deleteProfileUncounted(leadId, lead.get());
        String email = lead.get().lead().email();
        if (table.emailIndex().keyed()) {
            table.delete(table.emailIndex().keyFor(email));
        }
        table.delete(EmailIndex.unkeyedKeyFor(email));
        for (Map<String, AttributeValue> item : table.partition(leadId, "")) {
            if (item.get(TableKeys.SK).equals(kept.get(TableKeys.SK))) {
                continue;
            }
            table.delete(Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, item.get(TableKeys.SK)));
        }
        table.update(r -> r.key(TableKeys.erasuresKey())
                .updateExpression("ADD #erased :one")
                .expressionAttributeNames(Map.of("#erased", TableKeys.ERASED))
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1))));
        return true;
    }

    /**
     * Deletes the profile and takes its counts off the report counters in one transaction, conditional on the version
     * read: a change stored meanwhile (its counts with it) makes it read the lead again, so that what is taken off is
     * what the counters hold.
     */
    private void deleteProfileUncounted(String leadId, LeadRecord read) {
        Optional<LeadRecord> lead = Optional.of(read);
        for (int attempt = 1; lead.isPresent(); attempt++) {
            long version = lead.get().version();
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(table.writeDelete(TableKeys.profileKey(leadId), d -> d.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", TableKeys.VERSION))
                    .expressionAttributeValues(Map.of(":v", LeadItems.n(version)))));
            writes.addAll(CounterItems.writes(table, CountChange.between(lead.get(), null)));
            if (table.transact(writes).isEmpty()) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new StorageUnavailableException("DynamoDB TransactWriteItems",
                        new IllegalStateException("lead changed under its erasure " + ATTEMPTS + " times"));
            }
            lead = table.lead(leadId);
        }
    }
}
