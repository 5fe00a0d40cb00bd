package io.leadtriage.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

import java.util.Collection;
import java.util.concurrent.atomic.DoubleAdder;

/** Adds up the read and write capacity units DynamoDB reports, for benchmarks and cost estimates. */
public final class CapacityMeter {
    private final DoubleAdder reads = new DoubleAdder();
    private final DoubleAdder writes = new DoubleAdder();

    void add(ConsumedCapacity capacity) {
        if (capacity != null) {
            reads.add(capacity.readCapacityUnits() == null ? 0 : capacity.readCapacityUnits());
            writes.add(capacity.writeCapacityUnits() == null ? 0 : capacity.writeCapacityUnits());
        }
    }

    void addAll(Collection<ConsumedCapacity> capacities) {
        if (capacities != null) {
            capacities.forEach(this::add);
        }
    }

    public double readUnits() {
        return reads.sum();
    }

    public double writeUnits() {
        return writes.sum();
    }

    public void reset() {
        reads.reset();
        writes.reset();
    }
}
