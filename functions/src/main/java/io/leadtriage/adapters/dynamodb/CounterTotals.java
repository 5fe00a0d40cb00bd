package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.reports.CountChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many changes' counts added up by counter item, then written with one update an item: for loading many leads at
 * once into a table (the benchmarks' year of leads), where each change's own updates would be one write per lead and
 * counter item. The updates are the ones a change's transaction makes ({@link CounterItems}), their counts summed, so
 * the items end as the changes one by one would have left them. Safe to add to from several threads.
 */
public final class CounterTotals {
    private final Map<Map<String, AttributeValue>, CounterItems.Delta> byItem = new HashMap<>();

    public synchronized void add(CountChange change) {
        for (CounterItems.Delta delta : CounterItems.deltas(change)) {
            byItem.merge(delta.key(), delta, CounterItems.Delta::plus);
        }
    }

    /** How many counter items the totals update. */
    public synchronized int items() {
        return byItem.size();
    }

    /** Adds the totals to the table's counter items (ADD: to what they hold already), one UpdateItem an item. */
    public void addTo(LeadsTable table) {
        List<CounterItems.Delta> deltas;
        synchronized (this) {
            deltas = new ArrayList<>(byItem.values());
        }
        for (CounterItems.Delta delta : deltas) {
            CounterItems.Addition addition = CounterItems.addition(delta);
            table.update(u -> u.key(delta.key()).updateExpression(addition.expression())
                    .expressionAttributeNames(addition.names()).expressionAttributeValues(addition.values()));
        }
    }
}
