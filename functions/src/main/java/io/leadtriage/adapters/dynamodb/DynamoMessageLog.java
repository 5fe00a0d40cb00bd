package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.reports.CountChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sent messages in their lead's partition, with what SES reported of each. A message past its TTL, or of an
 * erased lead, is gone: a late delivery or click on it is not noted. A note that adds to the email figures is one
 * transaction of the message's update and the counter's (a note alone, one UpdateItem).
 */
public final class DynamoMessageLog implements MessageLog {
    /** Tries of a note whose transaction met another one on its counter item before it gives up. */
    static final int TRIES = 5;

    private final LeadsTable table;

    public DynamoMessageLog(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<SentMessage> findMessage(String leadId, String sendId) {
        return table.get(TableKeys.messageKey(leadId, sendId)).map(LeadItems::message);
    }

    @Override
    public List<SentMessage> sentMessages(String leadId) {
        return table.partition(leadId, TableKeys.MESSAGE).stream().map(LeadItems::message)
                .sorted(Comparator.comparing(SentMessage::sentAt)).toList();
    }

    @Override
    public boolean recordClick(String leadId, String sendId, SentMessage.Click click, CountChange counts) {
        String append = "SET #clicks = list_append(if_not_exists(#clicks, :none), :click)";
        Map<String, AttributeValue> values = Map.of(":none", AttributeValue.fromL(List.of()),
                ":click", AttributeValue.fromL(List.of(LeadItems.click(click))));
        if (!click.scanner() && !counts.isEmpty() && note(leadId, sendId, new Note(append + ", #first = :at",
                LeadsTable.ITEM_EXISTS + " AND attribute_not_exists(#first)",
                Map.of("#clicks", TableKeys.CLICKS, "#first", TableKeys.FIRST_CLICK_AT),
                with(values, ":at", LeadItems.s(click.at().toString()))), counts)) {
            return true;
        }
        // Not the first click by a person (or the message is gone, and this write changes nothing either).
        note(leadId, sendId, new Note(append, LeadsTable.ITEM_EXISTS, Map.of("#clicks", TableKeys.CLICKS), values),
                CountChange.none(leadId));
        return false;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> values, String name, AttributeValue value) {
        Map<String, AttributeValue> more = new java.util.HashMap<>(values);
        more.put(name, value);
        return more;
    }

    @Override
    public boolean recordDelivery(String leadId, String sendId, Instant deliveredAt, CountChange counts) {
        return noteOnce(leadId, sendId, TableKeys.DELIVERED_AT, deliveredAt, counts);
    }

    @Override
    public boolean recordBounce(String leadId, String sendId, Instant bouncedAt, CountChange counts) {
        return noteOnce(leadId, sendId, TableKeys.BOUNCED_AT, bouncedAt, counts);
    }

    @Override
    public boolean recordComplaint(String leadId, String sendId, Instant complainedAt, CountChange counts) {
        return noteOnce(leadId, sendId, TableKeys.COMPLAINED_AT, complainedAt, counts);
    }

    /** Sets the time attribute on a message still kept, unless an earlier report set it: true when this one did. */
    private boolean noteOnce(String leadId, String sendId, String attribute, Instant at, CountChange counts) {
        return note(leadId, sendId, new Note("SET #at = :at", LeadsTable.ITEM_EXISTS + " AND attribute_not_exists(#at)",
                Map.of("#at", attribute), Map.of(":at", LeadItems.s(at.toString()))), counts);
    }

    /** An update of a sent message, conditional. */
    private record Note(String update, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    /** @return true when the note's condition held and it was written, with {@code counts} */
    private boolean note(String leadId, String sendId, Note note, CountChange counts) {
        Map<String, AttributeValue> key = TableKeys.messageKey(leadId, sendId);
        if (counts.isEmpty()) {
            return table.updateIf(r -> r.key(key).updateExpression(note.update()).conditionExpression(note.condition())
                    .expressionAttributeNames(note.names()).expressionAttributeValues(note.values())).isPresent();
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeUpdate(key, u -> u.updateExpression(note.update()).conditionExpression(note.condition())
                .expressionAttributeNames(note.names()).expressionAttributeValues(note.values())));
        writes.addAll(CounterItems.writes(table, counts));
        return table.transactIfFirstHolds(writes, leadId, TRIES);
    }
}
