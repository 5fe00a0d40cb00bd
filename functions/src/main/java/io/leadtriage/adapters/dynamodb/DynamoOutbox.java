package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.RoundRobin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox's ports on the leads table: pending items are found through the sparse DueIndex. */
public final class DynamoOutbox implements OutboxQueue, AlertLog, RoundRobin, MessageLog {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoLeadStore leads;

    public DynamoOutbox(DynamoDbClient dynamo, String table, DynamoLeadStore leads) {
        this.dynamo = dynamo;
        this.table = table;
        this.leads = leads;
    }

    @Override
    public List<OutboxItem> due(Instant now, int limit) {
        List<OutboxItem> due = new ArrayList<>();
        for (int shard = 0; shard < LeadItems.DUE_SHARDS; shard++) {
            String dueShard = "DUE#" + shard;
            dynamo.query(r -> r.tableName(table).indexName(LeadItems.DUE_INDEX)
                            .keyConditionExpression("#s = :shard AND #d <= :now")
                            .expressionAttributeNames(Map.of("#s", LeadItems.DUE_SHARD, "#d", LeadItems.DUE_AT))
                            .expressionAttributeValues(Map.of(":shard", LeadItems.s(dueShard),
                                    ":now", LeadItems.n(now.toEpochMilli())))
                            .limit(limit))
                    .items().forEach(item -> due.add(LeadItems.outbox(item)));
        }
        due.sort(Comparator.comparing(OutboxItem::dueAt));
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    @Override
    public Optional<OutboxItem> find(String leadId, String outboxId) {
        return leads.get(LeadItems.outboxKey(leadId, outboxId)).map(LeadItems::outbox);
    }

    @Override
    public Optional<OutboxItem> claim(OutboxItem item, Instant now, Duration lease) {
        try {
            Map<String, AttributeValue> claimed = dynamo.updateItem(r -> r.tableName(table)
                    .key(LeadItems.outboxKey(item.leadId(), item.outboxId()))
                    .updateExpression("SET leaseUntil = :until, attempts = attempts + :one")
                    .conditionExpression("attribute_exists(#s) AND #d <= :now"
                            + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#s", LeadItems.DUE_SHARD, "#d", LeadItems.DUE_AT))
                    .expressionAttributeValues(Map.of(":until", LeadItems.n(now.plus(lease).toEpochMilli()),
                            ":one", LeadItems.n(1), ":now", LeadItems.n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(LeadItems.outbox(claimed));
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    @Override
    public void sent(OutboxItem item, SentMessage message, OutboxItem next, NurtureState nurture, TimelineEntry entry,
                     OutboxItem followUp) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(LeadItems.messageItem(message)));
        if (followUp != null) {
            writes.add(put(LeadItems.outboxItem(followUp)));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":lease", LeadItems.n(item.leaseUntil().toEpochMilli()));
        String update;
        if (next != null) {
            update = "SET sequenceId = :seq, step = :step, #d = :due, attempts = :zero REMOVE leaseUntil, lastError";
            values.put(":seq", LeadItems.s(next.sequenceId()));
            values.put(":step", LeadItems.n(next.step()));
            values.put(":due", LeadItems.n(next.dueAt().toEpochMilli()));
            values.put(":zero", LeadItems.n(0));
        } else {
            update = "SET #state = :sent, sentAt = :at, sendId = :send, expiresAt = :ttl REMOVE #s, leaseUntil, lastError";
            values.put(":sent", LeadItems.s("sent"));
            values.put(":at", LeadItems.s(message.sentAt().toString()));
            values.put(":send", LeadItems.s(message.sendId()));
            values.put(":ttl", LeadItems.n(message.sentAt().plus(LeadItems.MESSAGE_LIFETIME).getEpochSecond()));
        }
        Map<String, String> names = new HashMap<>(Map.of("#s", LeadItems.DUE_SHARD, "#d", LeadItems.DUE_AT, "#state", "state"));
        names.keySet().removeIf(name -> !update.contains(name));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(LeadItems.outboxKey(item.leadId(), item.outboxId()))
                .updateExpression(update)
                .conditionExpression("leaseUntil = :lease")
                .expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(values).build()).build());
        if (item.kind() == OutboxKind.SALES_ALERT) {
            // Speed to alert, for the funnel report: the first alert's hand-over time, kept once.
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(LeadItems.profileKey(item.leadId()))
                    .updateExpression("SET #sales.#first = if_not_exists(#sales.#first, :at), #v = #v + :one")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#sales", LeadItems.SALES, "#first", LeadItems.FIRST_ALERT_SENT,
                            "#v", LeadItems.VERSION))
                    .expressionAttributeValues(Map.of(":at", LeadItems.s(message.sentAt().toString()), ":one", LeadItems.n(1)))
                    .build()).build());
        }
        addNurtureAndTimeline(writes, item.leadId(), nurture, entry);
        transact(writes);
    }

    @Override
    public void retryLater(OutboxItem item, Instant dueAt, String error) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(LeadItems.outboxKey(item.leadId(), item.outboxId()))
                    .updateExpression("SET #d = :due, lastError = :error REMOVE leaseUntil")
                    .conditionExpression("leaseUntil = :lease")
                    .expressionAttributeNames(Map.of("#d", LeadItems.DUE_AT))
                    .expressionAttributeValues(Map.of(":due", LeadItems.n(dueAt.toEpochMilli()),
                            ":error", LeadItems.s(error == null ? "" : error),
                            ":lease", LeadItems.n(item.leaseUntil().toEpochMilli()))));
        } catch (ConditionalCheckFailedException leaseLost) {
            // Another dispatcher took the item over after our lease ran out; it decides now.
        }
    }

    @Override
    public void drop(OutboxItem item, NurtureState nurture, TimelineEntry entry) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(LeadItems.outboxKey(item.leadId(), item.outboxId()))
                .updateExpression("SET #state = :dropped REMOVE #s, leaseUntil")
                .conditionExpression("leaseUntil = :lease")
                .expressionAttributeNames(Map.of("#s", LeadItems.DUE_SHARD, "#state", "state"))
                .expressionAttributeValues(Map.of(":dropped", LeadItems.s("dropped"),
                        ":lease", LeadItems.n(item.leaseUntil().toEpochMilli()))).build()).build());
        boolean leadExists = leads.findById(item.leadId()).isPresent();
        if (leadExists) {
            addNurtureAndTimeline(writes, item.leadId(), nurture, entry);
        }
        transact(writes);
    }

    @Override
    public boolean reserveMarketing(String leadId, Instant now, Duration per) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(LeadItems.profileKey(leadId))
                    .updateExpression("SET #c.#m = :now, #v = #v + :one")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#c.#m) OR #c.#m <= :cutoff)")
                    .expressionAttributeNames(Map.of("#c", LeadItems.CONTACT, "#m", LeadItems.LAST_MARKETING,
                            "#v", LeadItems.VERSION))
                    .expressionAttributeValues(Map.of(":now", LeadItems.n(now.toEpochMilli()), ":one", LeadItems.n(1),
                            ":cutoff", LeadItems.n(now.minus(per).toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException recent) {
            return false;
        }
    }

    @Override
    public void releaseMarketing(String leadId, Instant reservedAt, Instant previous) {
        try {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":reserved", LeadItems.n(reservedAt.toEpochMilli()),
                    ":one", LeadItems.n(1)));
            String set;
            if (previous == null) {
                set = "REMOVE #c.#m SET #v = #v + :one";
            } else {
                set = "SET #c.#m = :previous, #v = #v + :one";
                values.put(":previous", LeadItems.n(previous.toEpochMilli()));
            }
            dynamo.updateItem(r -> r.tableName(table).key(LeadItems.profileKey(leadId))
                    .updateExpression(set)
                    .conditionExpression("#c.#m = :reserved")
                    .expressionAttributeNames(Map.of("#c", LeadItems.CONTACT, "#m", LeadItems.LAST_MARKETING,
                            "#v", LeadItems.VERSION))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changed) {
            // A newer reservation replaced ours: it stands.
        }
    }

    @Override
    public Optional<String> dispositionOf(String leadId, String alertId) {
        return find(leadId, alertId).map(OutboxItem::disposition);
    }

    @Override
    public List<SentMessage> sentMessages(String leadId) {
        return leads.sentMessages(leadId);
    }

    @Override
    public Optional<SentMessage> findMessage(String leadId, String sendId) {
        return leads.get(LeadItems.messageKey(leadId, sendId)).map(LeadItems::message);
    }

    @Override
    public boolean recordDisposition(String leadId, String alertId, String disposition, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(LeadItems.outboxKey(leadId, alertId))
                    .updateExpression("SET disposition = :d, dispositionAt = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(disposition)")
                    .expressionAttributeValues(Map.of(":d", LeadItems.s(disposition), ":at", LeadItems.s(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public long nextTurn(String routeId) {
        Map<String, AttributeValue> counter = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(LeadItems.PK, LeadItems.s("ROUTE#" + routeId), LeadItems.SK, LeadItems.s("ROUND_ROBIN")))
                .updateExpression("ADD turns :one")
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(counter.get("turns").n()) - 1;
    }

    @Override
    public void recordClick(String leadId, String sendId, SentMessage.Click click) {
        dynamo.updateItem(r -> r.tableName(table).key(LeadItems.messageKey(leadId, sendId))
                .updateExpression("SET clicks = list_append(if_not_exists(clicks, :none), :click)")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                        ":click", AttributeValue.fromL(List.of(LeadItems.click(click))))));
    }

    @Override
    public void recordDelivery(String leadId, String sendId, Instant deliveredAt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(LeadItems.messageKey(leadId, sendId))
                    .updateExpression("SET deliveredAt = if_not_exists(deliveredAt, :at)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":at", LeadItems.s(deliveredAt.toString()))));
        } catch (ConditionalCheckFailedException gone) {
            // The message record expired or the lead was erased: nothing to note.
        }
    }

    private void addNurtureAndTimeline(List<TransactWriteItem> writes, String leadId, NurtureState nurture,
                                       TimelineEntry entry) {
        if (nurture != null) {
            Map<String, AttributeValue> state = new HashMap<>();
            state.put("sequenceId", LeadItems.s(nurture.sequenceId()));
            state.put("nextStep", LeadItems.n(nurture.nextStep()));
            state.put("status", LeadItems.s(nurture.status()));
            if (nurture.reason() != null) {
                state.put("reason", LeadItems.s(nurture.reason()));
            }
            // The version moves too, so that a form submission working from an older read retries.
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(LeadItems.profileKey(leadId))
                    .updateExpression("SET nurture = :n, #v = #v + :one")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#v", LeadItems.VERSION))
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromM(state), ":one", LeadItems.n(1)))
                    .build()).build());
        }
        if (entry != null) {
            writes.add(put(LeadItems.timelineItem(leadId, List.of(entry))));
        }
    }

    private void transact(List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException leaseLost) {
            // Our lease ran out and another dispatcher owns the item now (or the lead was erased meanwhile):
            // what we did is already out; the owner records its own outcome.
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }
}
