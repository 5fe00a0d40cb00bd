package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.AlertLog;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Dispositions on the sales alert's outbox item itself, where the escalation reads them. */
public final class DynamoAlertLog implements AlertLog {
    private final LeadsTable table;

    public DynamoAlertLog(LeadsTable table) {
        this.table = table;
    }

    @Override
    public boolean recordDisposition(String leadId, String alertId, String disposition, Instant at) {
        return table.updateIf(r -> r.key(TableKeys.outboxKey(leadId, alertId))
                .updateExpression("SET #d = :d, #at = :at")
                .conditionExpression(LeadsTable.ITEM_EXISTS + " AND attribute_not_exists(#d)")
                .expressionAttributeNames(Map.of("#d", TableKeys.DISPOSITION, "#at", TableKeys.DISPOSITION_AT))
                .expressionAttributeValues(Map.of(":d", LeadItems.s(disposition), ":at", LeadItems.s(at.toString()))))
                .isPresent();
    }

    @Override
    public Optional<String> dispositionOf(String leadId, String alertId) {
        return table.get(TableKeys.outboxKey(leadId, alertId)).map(item -> item.get(TableKeys.DISPOSITION))
                .map(AttributeValue::s);
    }
}
