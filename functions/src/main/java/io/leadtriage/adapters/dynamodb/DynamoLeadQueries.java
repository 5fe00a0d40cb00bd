package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.SignalEntries;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin views' and reports' reads: listings through the month-bucketed listing indexes (keys only, so each
 * lead found is then read whole), and a lead's timeline from its partition.
 */
public final class DynamoLeadQueries implements LeadQueries {
    /** How far back listings look; leads older than this stay reachable by id. */
    static final int LIST_MONTHS_BACK = 36;
    /** What a page of the LeadsIndex scan ends on: the table's keys and the index's. */
    private static final List<String> EVERY_LEAD_KEY = List.of(TableKeys.PK, TableKeys.SK, TableKeys.Listing.LIST_ALL,
            TableKeys.LIST_SORT);

    private final LeadsTable table;

    public DynamoLeadQueries(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<LeadRecord> findById(String leadId) {
        return table.lead(leadId);
    }

    @Override
    public LeadPage listLeads(Tier tier, Stage stage, int limit, String cursor, Instant now) {
        TableKeys.Listing listing = TableKeys.Listing.of(tier, stage);
        ListCursor position = cursor == null ? new ListCursor(TableKeys.monthOf(now), null) : ListCursor.decode(cursor);
        YearMonth oldest = TableKeys.monthOf(now).minusMonths(LIST_MONTHS_BACK);
        List<LeadRecord> page = new ArrayList<>();
        YearMonth month = position.month();
        Map<String, AttributeValue> startKey = position.lastKey();
        while (page.size() < limit && !month.isBefore(oldest)) {
            QueryResponse response = table.query(QueryRequest.builder().indexName(listing.index())
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", listing.partitionAttribute()))
                    .expressionAttributeValues(Map.of(":p", LeadItems.s(listing.partition(month))))
                    .scanIndexForward(false)
                    .limit(limit - page.size())
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> key : response.items()) {
                findById(TableKeys.leadIdOf(key))
                        .filter(lead -> stage == null || lead.qualification().stage() == stage)
                        .filter(lead -> tier == null || lead.qualification().tier() == tier)
                        .ifPresent(page::add);
            }
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                startKey = response.lastEvaluatedKey();
                if (page.size() >= limit) {
                    return new LeadPage(page, new ListCursor(month, startKey).encode());
                }
            } else {
                month = month.minusMonths(1);
                startKey = null;
            }
        }
        return new LeadPage(page, month.isBefore(oldest) ? null : new ListCursor(month, startKey).encode());
    }

    /**
     * A page of the keys-only LeadsIndex, scanned (every lead has an entry, whatever its month), then the profiles in
     * one BatchGetItem. The cursor is the index's last key.
     */
    @Override
    public LeadPage everyLead(int limit, String cursor, boolean consistent) {
        ScanResponse keys = table.scan(ScanRequest.builder().indexName(TableKeys.Listing.ALL.index())
                .limit(Math.min(limit, LeadsTable.BATCH_GET))
                .exclusiveStartKey(cursor == null ? null : everyLeadKey(cursor))
                .build());
        List<LeadRecord> leads = table.getAll(keys.items().stream()
                        .map(key -> TableKeys.profileKey(TableKeys.leadIdOf(key))).toList(), consistent).stream()
                .map(LeadItems::profile).toList();
        Map<String, AttributeValue> last = keys.hasLastEvaluatedKey() && !keys.lastEvaluatedKey().isEmpty() ? keys.lastEvaluatedKey() : null;
        return new LeadPage(leads, last == null ? null : KeyCursor.encode(EVERY_LEAD_KEY.stream().map(name -> last.get(name).s()).toList()));
    }

    private static Map<String, AttributeValue> everyLeadKey(String cursor) {
        List<String> parts = KeyCursor.decode(cursor, "every lead", EVERY_LEAD_KEY.size());
        Map<String, AttributeValue> key = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            key.put(EVERY_LEAD_KEY.get(i), LeadItems.s(parts.get(i)));
        }
        return key;
    }

    /**
     * The LeadsIndex month by month, oldest first, each page's profiles in one BatchGetItem (as of a second ago at most:
     * half the read units of a consistent read). The cursor is the month and the index's last key.
     */
    @Override
    public LeadPage leadsCreatedBetween(Instant from, Instant to, int limit, String cursor) {
        List<LeadRecord> page = new ArrayList<>();
        if (!from.isBefore(to)) {
            return new LeadPage(page, null);
        }
        TableKeys.Listing listing = TableKeys.Listing.ALL;
        YearMonth last = TableKeys.monthOf(to.minusMillis(1));
        ListCursor position = cursor == null ? new ListCursor(TableKeys.monthOf(from), null) : ListCursor.decode(cursor);
        YearMonth month = position.month();
        Map<String, AttributeValue> startKey = position.lastKey();
        while (page.size() < limit && !month.isAfter(last)) {
            QueryResponse keys = table.query(QueryRequest.builder().indexName(listing.index())
                    .keyConditionExpression("#p = :p AND #s BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#p", listing.partitionAttribute(), "#s", TableKeys.LIST_SORT))
                    // "~" sorts after every id, so the upper bound takes all leads of the last millisecond before `to`.
                    .expressionAttributeValues(Map.of(":p", LeadItems.s(listing.partition(month)),
                            ":from", LeadItems.s(TableKeys.sortable(from)),
                            ":to", LeadItems.s(TableKeys.sortable(to.minusMillis(1)) + "#~")))
                    .limit(Math.min(limit - page.size(), LeadsTable.BATCH_GET))
                    .exclusiveStartKey(startKey)
                    .build());
            table.getAll(keys.items().stream().map(key -> TableKeys.profileKey(TableKeys.leadIdOf(key))).toList(), false)
                    .forEach(item -> page.add(LeadItems.profile(item)));
            if (keys.hasLastEvaluatedKey() && !keys.lastEvaluatedKey().isEmpty()) {
                startKey = keys.lastEvaluatedKey();
            } else {
                month = month.plusMonths(1);
                startKey = null;
            }
        }
        return new LeadPage(page, month.isAfter(last) ? null : new ListCursor(month, startKey).encode());
    }

    @Override
    public List<TimelineEntry> timeline(String leadId) {
        List<TimelineEntry> entries = new ArrayList<>();
        table.partition(leadId, TableKeys.TIMELINE).forEach(item -> entries.addAll(LeadItems.timelineEntries(item)));
        return SignalEntries.merged(entries, table.lead(leadId));
    }
}
