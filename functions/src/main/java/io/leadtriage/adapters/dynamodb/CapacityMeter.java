package io.leadtriage.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

import java.util.Collection;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Adds up the read and write capacity units DynamoDB reports, for benchmarks and cost estimates. */
public final class CapacityMeter {
    private final DoubleAdder reads = new DoubleAdder();
    private final DoubleAdder writes = new DoubleAdder();
    private final LongAdder readRequests = new LongAdder();

    /** With ReturnConsumedCapacity TOTAL, DynamoDB reports only CapacityUnits: the operation says which kind. */
    void addRead(ConsumedCapacity capacity) {
        readRequests.increment();
        reads.add(units(capacity));
    }

    void addWrites(Collection<ConsumedCapacity> capacities) {
        if (capacities != null) {
            capacities.forEach(c -> writes.add(units(c)));
        }
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    public double readUnits() {
        return reads.sum();
    }

    public double writeUnits() {
        return writes.sum();
    }

    /** Single-item reads made (GetItem). */
    public long readRequests() {
        return readRequests.sum();
    }

    public void reset() {
        readRequests.reset();
        reads.reset();
        writes.reset();
    }
}
