package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.reports.CountChange;
import io.leadtriage.domain.reports.Tally;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report counters' items and the writes that add a {@link CountChange} to them, as part of the transaction of the
 * change that causes it. A lead's funnel counts go to two items of its month and shard ({@code COUNTS#{yyyy-MM}#{shard}}):
 * its day ({@code DAY#{dd}}) and its form, source and campaign ({@code CELL#{form}#{source}#{campaign}}); each count an
 * attribute added to with {@code ADD}, so that two changes never overwrite each other's counts. The shard (the lead id's
 * hash modulo four, as the due index's) keeps a burst of leads from one campaign off a single item: transactions on one
 * item conflict, on four they rarely do. Calibration's counts ({@code CALIBRATION} / {@code {yyyy-MM}#{digest of the
 * rules}}) change only with an outcome, and are not sharded.
 */
final class CounterItems {
    private CounterItems() {
    }

    /**
     * What {@code change} adds to one counter item: its key, the counts to ADD, and the labels to SET (what a reader
     * needs beside the counts). Deltas of one item add up ({@link #plus}), so many changes can be written as one update.
     */
    record Delta(Map<String, AttributeValue> key, Map<String, Long> counts, Map<String, AttributeValue> labels) {
        Delta(Map<String, AttributeValue> key, Tally counts, Map<String, AttributeValue> labels) {
            this(key, counts.counts(), labels);
        }

        /**
         * Both deltas as one. A count they add up to zero is kept: the item gets the attribute, at 0, as the two
         * updates one after the other would leave it.
         */
        Delta plus(Delta other) {
            Map<String, Long> sum = new java.util.TreeMap<>(counts);
            other.counts.forEach((name, n) -> sum.merge(name, n, Long::sum));
            return new Delta(key, sum, labels);
        }
    }

    /** The writes that add {@code change} to the counters (none for an empty change). */
    static List<TransactWriteItem> writes(LeadsTable table, CountChange change) {
        return deltas(change).stream().map(delta -> table.writeUpdate(delta.key(), u -> {
            Addition addition = addition(delta);
            u.updateExpression(addition.expression()).expressionAttributeNames(addition.names())
                    .expressionAttributeValues(addition.values());
        })).toList();
    }

    /** The counter items {@code change} adds to, and what it adds to each. */
    static List<Delta> deltas(CountChange change) {
        List<Delta> deltas = new ArrayList<>();
        int shard = TableKeys.shardOf(change.leadId());
        change.funnel().forEach((cohort, counts) -> {
            deltas.add(new Delta(TableKeys.countsDayKey(cohort.day(), shard), counts, Map.of()));
            deltas.add(new Delta(TableKeys.countsCellKey(cohort, shard), counts, Map.of()));
        });
        change.emails().forEach((step, counts) -> deltas.add(new Delta(TableKeys.emailCountsKey(step, shard), counts, Map.of())));
        change.calibration().forEach((rules, counts) -> deltas.add(new Delta(TableKeys.calibrationKey(rules), counts,
                Map.of(TableKeys.RULES, AttributeValue.fromL(rules.rules().stream().map(LeadItems::s).toList())))));
        return deltas;
    }

    /** An update expression that ADDs each count of a delta and SETs its labels, with its names and values. */
    record Addition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    static Addition addition(Delta delta) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> count : delta.counts().entrySet()) {
            names.put("#c" + i, count.getKey());
            values.put(":c" + i, LeadItems.n(count.getValue()));
            adds.add("#c" + i + " :c" + i);
            i++;
        }
        StringBuilder expression = new StringBuilder("ADD ").append(String.join(", ", adds));
        if (!delta.labels().isEmpty()) {
            List<String> sets = new ArrayList<>();
            for (Map.Entry<String, AttributeValue> label : delta.labels().entrySet()) {
                names.put("#l" + sets.size(), label.getKey());
                values.put(":l" + sets.size(), label.getValue());
                sets.add("#l" + sets.size() + " = :l" + sets.size());
            }
            expression.append(" SET ").append(String.join(", ", sets));
        }
        return new Addition(expression.toString(), names, values);
    }

    /** The counts of a counter item: every number attribute but the keys'. */
    static Tally counts(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                counts.put(name, Long.parseLong(value.n()));
            }
        });
        return new Tally(counts);
    }
}
