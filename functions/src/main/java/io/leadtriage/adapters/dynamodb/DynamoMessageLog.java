package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sent messages in their lead's partition, with what SES reported of each. A message past its TTL, or of an
 * erased lead, is gone: a late delivery or click on it is not noted.
 */
public final class DynamoMessageLog implements MessageLog {
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
    public void recordClick(String leadId, String sendId, SentMessage.Click click) {
        table.updateIf(r -> r.key(TableKeys.messageKey(leadId, sendId))
                .updateExpression("SET #clicks = list_append(if_not_exists(#clicks, :none), :click)")
                .conditionExpression(LeadsTable.ITEM_EXISTS)
                .expressionAttributeNames(Map.of("#clicks", TableKeys.CLICKS))
                .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                        ":click", AttributeValue.fromL(List.of(LeadItems.click(click))))));
    }

    @Override
    public void recordDelivery(String leadId, String sendId, Instant deliveredAt) {
        table.updateIf(r -> r.key(TableKeys.messageKey(leadId, sendId))
                .updateExpression("SET #delivered = if_not_exists(#delivered, :at)")
                .conditionExpression(LeadsTable.ITEM_EXISTS)
                .expressionAttributeNames(Map.of("#delivered", TableKeys.DELIVERED_AT))
                .expressionAttributeValues(Map.of(":at", LeadItems.s(deliveredAt.toString()))));
    }

    @Override
    public boolean recordBounce(String leadId, String sendId, Instant bouncedAt) {
        return noteOnce(leadId, sendId, TableKeys.BOUNCED_AT, bouncedAt);
    }

    @Override
    public boolean recordComplaint(String leadId, String sendId, Instant complainedAt) {
        return noteOnce(leadId, sendId, TableKeys.COMPLAINED_AT, complainedAt);
    }

    /** Sets the time attribute on a message still kept, unless an earlier report set it: true when this one did. */
    private boolean noteOnce(String leadId, String sendId, String attribute, Instant at) {
        return table.updateIf(r -> r.key(TableKeys.messageKey(leadId, sendId))
                .updateExpression("SET #at = :at")
                .conditionExpression(LeadsTable.ITEM_EXISTS + " AND attribute_not_exists(#at)")
                .expressionAttributeNames(Map.of("#at", attribute))
                .expressionAttributeValues(Map.of(":at", LeadItems.s(at.toString())))).isPresent();
    }
}
