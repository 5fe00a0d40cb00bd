package io.leadtriage.bench;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Item sizes by DynamoDB's sizing rules, for the storage line of the cost model. */
final class ItemSizes {
    /** DynamoDB bills this much per item on top of its attributes (indexing overhead). */
    static final int STORAGE_OVERHEAD_BYTES = 100;

    private ItemSizes() {
    }

    /** Attribute names plus values: strings in UTF-8 bytes, numbers about a byte per two digits, containers 3 + 1 per element. */
    static int size(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return size;
    }

    private static int size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().replaceAll("[^0-9]", "").length() / 2 + 1;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            int size = 3;
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                size += 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
            }
            return size;
        }
        if (v.hasL()) {
            int size = 3;
            for (AttributeValue element : v.l()) {
                size += 1 + size(element);
            }
            return size;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        return 0;
    }
}
