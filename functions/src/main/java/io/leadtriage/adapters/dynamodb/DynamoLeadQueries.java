package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.SignalEntries;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.LeadQueries;
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
    public LeadPage listLeads(LeadFilter filter, int limit, String cursor, Instant now) {
        TableKeys.Listing listing = TableKeys.Listing.of(filter.tier(), filter.stage());
        // Keys read past what the page needs when the profile decides: the index holds one of tier and stage.
        boolean sifting = filter.readsProfiles() || filter.tier() != null && filter.stage() != null;
        YearMonth newest = TableKeys.monthOf(filter.to() == null || filter.to().isAfter(now) ? now : filter.to().minusMillis(1));
        YearMonth oldest = TableKeys.monthOf(now).minusMonths(LIST_MONTHS_BACK);
        if (filter.from() != null && TableKeys.monthOf(filter.from()).isAfter(oldest)) {
            oldest = TableKeys.monthOf(filter.from());
        }
        ListCursor position = cursor == null ? new ListCursor(newest, null) : ListCursor.decode(cursor);
        StringBuilder condition = new StringBuilder("#p = :p");
        Map<String, String> names = new HashMap<>(Map.of("#p", listing.partitionAttribute()));
        Map<String, AttributeValue> values = new HashMap<>();
        if (filter.from() != null || filter.to() != null) {
            // The sort key starts with the first touch: the period is a key condition, not a filter.
            condition.append(" AND #s BETWEEN :from AND :to");
            names.put("#s", TableKeys.LIST_SORT);
            values.put(":from", LeadItems.s(filter.from() == null ? "0" : TableKeys.sortable(filter.from())));
            values.put(":to", LeadItems.s(filter.to() == null ? "~" : TableKeys.sortable(filter.to().minusMillis(1)) + "#~"));
        }
        List<LeadRecord> page = new ArrayList<>();
        YearMonth month = position.month();
        Map<String, AttributeValue> startKey = position.lastKey();
        int budget = LISTING_READ_BUDGET;
        while (page.size() < limit && !month.isBefore(oldest) && budget > 0) {
            values.put(":p", LeadItems.s(listing.partition(month)));
            QueryResponse response = table.query(QueryRequest.builder().indexName(listing.index())
                    .keyConditionExpression(condition.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(Math.min(LeadsTable.BATCH_GET, sifting ? budget : limit - page.size()))
                    .exclusiveStartKey(startKey)
                    .build());
            budget -= response.count();
            Map<String, LeadRecord> found = new HashMap<>();
            table.getAll(response.items().stream().map(key -> TableKeys.profileKey(TableKeys.leadIdOf(key))).toList(), true)
                    .forEach(item -> {
                        LeadRecord lead = LeadItems.profile(item);
                        found.put(lead.id(), lead);
                    });
            for (Map<String, AttributeValue> key : response.items()) {
                LeadRecord lead = found.get(TableKeys.leadIdOf(key));
                if (lead != null && filter.matches(lead)) {
                    page.add(lead);
                    if (page.size() == limit && key != response.items().get(response.items().size() - 1)) {
                        // Full before the keys read ran out: the next page starts after this lead.
                        return new LeadPage(page, new ListCursor(month, key).encode());
                    }
                }
            }
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                startKey = response.lastEvaluatedKey();
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
