package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.RoundRobin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/** A rotating route's turns: one atomic ADD on its counter item per alert, fair under any concurrency. */
public final class DynamoRoundRobin implements RoundRobin {
    private final LeadsTable table;

    public DynamoRoundRobin(LeadsTable table) {
        this.table = table;
    }

    @Override
    public long nextTurn(String routeId) {
        Map<String, AttributeValue> counter = table.update(r -> r
                .key(TableKeys.roundRobinKey(routeId))
                .updateExpression("ADD #turns :one")
                .expressionAttributeNames(Map.of("#turns", TableKeys.TURNS))
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1)))
                .returnValues(ReturnValue.UPDATED_NEW));
        // The counter holds the turns taken, this one included; turns count from 0.
        return Long.parseLong(counter.get(TableKeys.TURNS).n()) - 1;
    }
}
