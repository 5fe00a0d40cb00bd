package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.ports.OutboxQueue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadtriage.adapters.dynamodb.TableKeys.ATTEMPTS;
import static io.leadtriage.adapters.dynamodb.TableKeys.CONTACT;
import static io.leadtriage.adapters.dynamodb.TableKeys.DUE_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.DUE_SHARD;
import static io.leadtriage.adapters.dynamodb.TableKeys.LAST_ERROR;
import static io.leadtriage.adapters.dynamodb.TableKeys.LAST_MARKETING;
import static io.leadtriage.adapters.dynamodb.TableKeys.LEASE_UNTIL;
import static io.leadtriage.adapters.dynamodb.TableKeys.VERSION;

/**
 * The outbox on the leads table: pending items are found through the sparse DueIndex (only they carry its
 * keys), claimed with a conditional lease, and what became of each send is written in one transaction
 * conditional on that lease. The marketing reservation is a conditional update of the profile.
 */
public final class DynamoOutboxQueue implements OutboxQueue {
    private final LeadsTable table;

    public DynamoOutboxQueue(LeadsTable table) {
        this.table = table;
    }

    @Override
    public List<OutboxItem> due(Instant now, int limit) {
        return dueIn(TableKeys::dueShard, now, limit);
    }

    private List<OutboxItem> dueIn(java.util.function.IntFunction<String> shardKey, Instant now, int limit) {
        List<OutboxItem> due = new ArrayList<>();
        for (int shard = 0; shard < TableKeys.SHARDS; shard++) {
            table.query(QueryRequest.builder().indexName(TableKeys.DUE_INDEX)
                            .keyConditionExpression("#s = :shard AND #d <= :now")
                            .expressionAttributeNames(Map.of("#s", DUE_SHARD, "#d", DUE_AT))
                            .expressionAttributeValues(Map.of(":shard", LeadItems.s(shardKey.apply(shard)),
                                    ":now", LeadItems.n(now.toEpochMilli())))
                            .limit(limit)
                            .build())
                    .items().forEach(item -> due.add(LeadItems.outbox(item)));
        }
        due.sort(Comparator.comparing(OutboxItem::dueAt));
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    @Override
    public List<OutboxItem> dueEvents(Instant now, int limit) {
        return dueIn(TableKeys::eventShard, now, limit);
    }

    @Override
    public List<OutboxItem> pendingEvents(String leadId) {
        // Published events stay in the partition until the TTL; those still pending carry the due index's shard.
        return table.partition(leadId, TableKeys.eventItemsPrefix()).stream()
                .filter(item -> item.containsKey(DUE_SHARD))
                .map(LeadItems::outbox)
                .toList();
    }

    @Override
    public void published(OutboxItem item, Instant at) {
        // A failed condition: our lease ran out and another dispatcher owns the item (or the lead was erased meanwhile).
        table.updateIf(r -> r.key(TableKeys.outboxKey(item.leadId(), item.outboxId()))
                .updateExpression("SET #state = :sent, #sentAt = :at, #ttl = :ttl REMOVE #s, #lease, #error")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(Map.of("#state", TableKeys.STATE, "#sentAt", TableKeys.SENT_AT, "#ttl", TableKeys.TTL,
                        "#s", DUE_SHARD, "#lease", LEASE_UNTIL, "#error", LAST_ERROR))
                .expressionAttributeValues(Map.of(":sent", LeadItems.s(TableKeys.SENT), ":at", LeadItems.s(at.toString()),
                        ":ttl", LeadItems.n(LeadItems.expiresAfterSend(at)),
                        ":lease", LeadItems.n(item.leaseUntil().toEpochMilli()))));
    }

    @Override
    public Optional<OutboxItem> find(String leadId, String outboxId) {
        return table.get(TableKeys.outboxKey(leadId, outboxId)).map(LeadItems::outbox);
    }

    @Override
    public Optional<OutboxItem> claim(OutboxItem item, Instant now, Duration lease) {
        return table.updateIf(r -> r.key(TableKeys.outboxKey(item.leadId(), item.outboxId()))
                        .updateExpression("SET #lease = :until, #attempts = #attempts + :one")
                        .conditionExpression("attribute_exists(#s) AND #d <= :now"
                                + " AND (attribute_not_exists(#lease) OR #lease < :now)")
                        .expressionAttributeNames(Map.of("#s", DUE_SHARD, "#d", DUE_AT, "#lease", LEASE_UNTIL,
                                "#attempts", ATTEMPTS))
                        .expressionAttributeValues(Map.of(":until", LeadItems.n(now.plus(lease).toEpochMilli()),
                                ":one", LeadItems.n(1), ":now", LeadItems.n(now.toEpochMilli())))
                        .returnValues(ReturnValue.ALL_NEW))
                .map(LeadItems::outbox);
    }

    @Override
    public void sent(OutboxItem item, SentMessage message, OutboxItem next, NurtureState nurture, TimelineEntry entry,
                     OutboxItem followUp, CountChange counts) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writePut(LeadItems.messageItem(message)));
        if (followUp != null) {
            writes.add(table.writePut(LeadItems.outboxItem(followUp)));
        }
        Map<String, String> names = new HashMap<>(Map.of("#lease", LEASE_UNTIL, "#error", LAST_ERROR));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":lease", LeadItems.n(item.leaseUntil().toEpochMilli())));
        String update;
        if (next != null) {
            // The nurture slot moves on to the next step and stays in the due index.
            update = "SET #seq = :seq, #step = :step, #d = :due, #attempts = :zero REMOVE #lease, #error";
            names.putAll(Map.of("#seq", TableKeys.SEQUENCE_ID, "#step", TableKeys.STEP, "#d", DUE_AT, "#attempts", ATTEMPTS));
            values.putAll(Map.of(":seq", LeadItems.s(next.sequenceId()), ":step", LeadItems.n(next.step()),
                    ":due", LeadItems.n(next.dueAt().toEpochMilli()), ":zero", LeadItems.n(0)));
        } else {
            update = "SET #state = :sent, #sentAt = :at, #sendId = :send, #ttl = :ttl REMOVE #s, #lease, #error";
            names.putAll(Map.of("#state", TableKeys.STATE, "#sentAt", TableKeys.SENT_AT, "#sendId", TableKeys.SEND_ID,
                    "#ttl", TableKeys.TTL, "#s", DUE_SHARD));
            values.putAll(Map.of(":sent", LeadItems.s(TableKeys.SENT), ":at", LeadItems.s(message.sentAt().toString()),
                    ":send", LeadItems.s(message.sendId()), ":ttl", LeadItems.n(LeadItems.expiresAfterSend(message.sentAt()))));
        }
        writes.add(table.writeUpdate(TableKeys.outboxKey(item.leadId(), item.outboxId()), u -> u
                .updateExpression(update)
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)));
        if (item.kind() == OutboxKind.SALES_ALERT) {
            // Speed to alert, for the funnel report: the first alert's hand-over time, kept once.
            writes.add(table.writeUpdate(TableKeys.profileKey(item.leadId()), u -> u
                    .updateExpression("SET #sales.#first = if_not_exists(#sales.#first, :at), #v = #v + :one")
                    .conditionExpression(LeadsTable.ITEM_EXISTS)
                    .expressionAttributeNames(Map.of("#sales", TableKeys.SALES, "#first", TableKeys.FIRST_ALERT_SENT,
                            "#v", VERSION))
                    .expressionAttributeValues(Map.of(":at", LeadItems.s(message.sentAt().toString()), ":one", LeadItems.n(1)))));
        }
        addNurtureAndTimeline(writes, item.leadId(), nurture, entry);
        writes.addAll(CounterItems.writes(table, counts));
        // A cancellation means our lease ran out and another dispatcher owns the item now (or the lead was erased
        // meanwhile): what we did is already out; the owner records its own outcome.
        table.transact(writes);
    }

    @Override
    public void retryLater(OutboxItem item, Instant dueAt, String error) {
        // A failed condition: another dispatcher took the item over after our lease ran out; it decides now.
        table.updateIf(r -> r.key(TableKeys.outboxKey(item.leadId(), item.outboxId()))
                .updateExpression("SET #d = :due, #error = :error REMOVE #lease")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(Map.of("#d", DUE_AT, "#error", LAST_ERROR, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":due", LeadItems.n(dueAt.toEpochMilli()),
                        ":error", LeadItems.s(error == null ? "" : error),
                        ":lease", LeadItems.n(item.leaseUntil().toEpochMilli()))));
    }

    @Override
    public void drop(OutboxItem item, NurtureState nurture, TimelineEntry entry) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeUpdate(TableKeys.outboxKey(item.leadId(), item.outboxId()), u -> u
                .updateExpression("SET #state = :dropped REMOVE #s, #lease")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(Map.of("#s", DUE_SHARD, "#state", TableKeys.STATE, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":dropped", LeadItems.s(TableKeys.DROPPED),
                        ":lease", LeadItems.n(item.leaseUntil().toEpochMilli())))));
        if (table.lead(item.leadId()).isPresent()) {
            addNurtureAndTimeline(writes, item.leadId(), nurture, entry);
        }
        // Cancelled: the lease was lost, as for a send.
        table.transact(writes);
    }

    @Override
    public void fanOut(OutboxItem event, List<OutboxItem> deliveries) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeCheck(TableKeys.outboxKey(event.leadId(), event.outboxId()), c -> c
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(Map.of("#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":lease", LeadItems.n(event.leaseUntil().toEpochMilli())))));
        deliveries.forEach(delivery -> writes.add(table.writePut(LeadItems.outboxItem(delivery))));
        // Cancelled: the event is gone (erased) or another publisher holds it; that one stores the deliveries.
        table.transact(writes);
    }

    @Override
    public void deadLetter(OutboxItem item, String error, TimelineEntry entry) {
        Instant now = entry.at();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeUpdate(TableKeys.outboxKey(item.leadId(), item.outboxId()), u -> u
                .updateExpression("SET #state = :dead, #s = :dead_letters, #d = :now, #error = :error, #ttl = :ttl REMOVE #lease")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(Map.of("#state", TableKeys.STATE, "#s", DUE_SHARD, "#d", DUE_AT,
                        "#error", LAST_ERROR, "#ttl", TableKeys.TTL, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":dead", LeadItems.s(TableKeys.DEAD),
                        ":dead_letters", LeadItems.s(TableKeys.DEAD_LETTERS), ":now", LeadItems.n(now.toEpochMilli()),
                        ":error", LeadItems.s(error), ":ttl", LeadItems.n(now.plus(DEAD_LETTER_KEPT).getEpochSecond()),
                        ":lease", LeadItems.n(item.leaseUntil().toEpochMilli())))));
        if (table.lead(item.leadId()).isPresent()) {
            addNurtureAndTimeline(writes, item.leadId(), null, entry);
        }
        // Cancelled: the lease was lost, as for a send.
        table.transact(writes);
    }

    /** The DueIndex's key of an item in it: where a page of dead letters stopped. */
    private static final List<String> DEAD_LETTER_KEY = List.of(TableKeys.PK, TableKeys.SK, DUE_AT);

    @Override
    public DeadLetterPage deadLetters(String subscriber, String cursor, int limit) {
        Map<String, AttributeValue> startKey = cursor == null ? null : deadLetterKey(cursor);
        List<DeadLetter> page = new ArrayList<>();
        Map<String, AttributeValue> last = null;
        boolean more = true;
        while (page.size() < limit && more) {
            Map<String, String> names = new HashMap<>(Map.of("#s", DUE_SHARD));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":dead_letters", LeadItems.s(TableKeys.DEAD_LETTERS)));
            QueryRequest.Builder query = QueryRequest.builder().indexName(TableKeys.DUE_INDEX)
                    .keyConditionExpression("#s = :dead_letters")
                    .limit(limit - page.size())
                    .exclusiveStartKey(startKey);
            if (subscriber != null) {
                query.filterExpression("#r[0] = :subscriber");
                names.put("#r", "recipients");
                values.put(":subscriber", LeadItems.s(subscriber));
            }
            QueryResponse response = table.query(query.expressionAttributeNames(names).expressionAttributeValues(values).build());
            for (Map<String, AttributeValue> item : response.items()) {
                page.add(new DeadLetter(LeadItems.outbox(item), Instant.ofEpochMilli(Long.parseLong(item.get(DUE_AT).n())),
                        item.containsKey(LAST_ERROR) ? item.get(LAST_ERROR).s() : ""));
                last = item;
            }
            more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            startKey = more ? response.lastEvaluatedKey() : null;
        }
        // The loop ends on the last page, or with a full page: the next starts after its last dead letter.
        if (!more || last == null) {
            return new DeadLetterPage(page, null);
        }
        return new DeadLetterPage(page, KeyCursor.encode(List.of(last.get(TableKeys.PK).s(), last.get(TableKeys.SK).s(),
                last.get(DUE_AT).n())));
    }

    private static Map<String, AttributeValue> deadLetterKey(String cursor) {
        List<String> parts = KeyCursor.decode(cursor, "dead letters", DEAD_LETTER_KEY.size());
        if (!parts.get(2).matches("[0-9]{1,15}")) {
            throw new IllegalArgumentException("not a cursor of dead letters");
        }
        return Map.of(TableKeys.PK, LeadItems.s(parts.get(0)), TableKeys.SK, LeadItems.s(parts.get(1)),
                DUE_AT, LeadItems.n(Long.parseLong(parts.get(2))), DUE_SHARD, LeadItems.s(TableKeys.DEAD_LETTERS));
    }

    @Override
    public boolean replay(String leadId, String outboxId, Instant now) {
        return table.updateIf(r -> r.key(TableKeys.outboxKey(leadId, outboxId))
                .updateExpression("SET #state = :pending, #s = :shard, #d = :now, #attempts = :zero REMOVE #error, #ttl")
                .conditionExpression("#state = :dead")
                .expressionAttributeNames(Map.of("#state", TableKeys.STATE, "#s", DUE_SHARD, "#d", DUE_AT,
                        "#attempts", ATTEMPTS, "#error", LAST_ERROR, "#ttl", TableKeys.TTL))
                .expressionAttributeValues(Map.of(":pending", LeadItems.s(TableKeys.PENDING), ":dead", LeadItems.s(TableKeys.DEAD),
                        ":shard", LeadItems.s(TableKeys.dueShard(leadId)), ":now", LeadItems.n(now.toEpochMilli()),
                        ":zero", LeadItems.n(0)))).isPresent();
    }

    @Override
    public boolean reserveMarketing(String leadId, Instant now, Duration per) {
        return table.updateIf(r -> r.key(TableKeys.profileKey(leadId))
                .updateExpression("SET #c.#m = :now, #v = #v + :one")
                .conditionExpression(LeadsTable.ITEM_EXISTS + " AND (attribute_not_exists(#c.#m) OR #c.#m <= :cutoff)")
                .expressionAttributeNames(Map.of("#c", CONTACT, "#m", LAST_MARKETING, "#v", VERSION))
                .expressionAttributeValues(Map.of(":now", LeadItems.n(now.toEpochMilli()), ":one", LeadItems.n(1),
                        ":cutoff", LeadItems.n(now.minus(per).toEpochMilli())))).isPresent();
    }

    @Override
    public void releaseMarketing(String leadId, Instant reservedAt, Instant previous) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":reserved", LeadItems.n(reservedAt.toEpochMilli()),
                ":one", LeadItems.n(1)));
        String set;
        if (previous == null) {
            set = "REMOVE #c.#m SET #v = #v + :one";
        } else {
            set = "SET #c.#m = :previous, #v = #v + :one";
            values.put(":previous", LeadItems.n(previous.toEpochMilli()));
        }
        // A failed condition: a newer reservation replaced ours, and it stands.
        table.updateIf(r -> r.key(TableKeys.profileKey(leadId))
                .updateExpression(set)
                .conditionExpression("#c.#m = :reserved")
                .expressionAttributeNames(Map.of("#c", CONTACT, "#m", LAST_MARKETING, "#v", VERSION))
                .expressionAttributeValues(values));
    }

    private void addNurtureAndTimeline(List<TransactWriteItem> writes, String leadId, NurtureState nurture,
                                       TimelineEntry entry) {
        if (nurture != null) {
            // The version moves too, so that a form submission working from an older read retries.
            writes.add(table.writeUpdate(TableKeys.profileKey(leadId), u -> u
                    .updateExpression("SET #n = :n, #v = #v + :one")
                    .conditionExpression(LeadsTable.ITEM_EXISTS)
                    .expressionAttributeNames(Map.of("#n", TableKeys.NURTURE, "#v", VERSION))
                    .expressionAttributeValues(Map.of(":n", LeadItems.nurture(nurture), ":one", LeadItems.n(1)))));
        }
        if (entry != null) {
            writes.add(table.writePut(LeadItems.timelineItem(leadId, List.of(entry))));
        }
    }
}
