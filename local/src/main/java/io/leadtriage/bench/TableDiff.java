package io.leadtriage.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The items of a table that changed since the last call, with their sizes by DynamoDB's sizing rules. */
final class TableDiff {
    private final DynamoDbClient client;
    private final String table;
    private Map<String, Map<String, AttributeValue>> last = new HashMap<>();

    TableDiff(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        last = snapshot();
    }

    List<Integer> changedItemSizes() {
        Map<String, Map<String, AttributeValue>> now = snapshot();
        List<Integer> sizes = new ArrayList<>();
        now.forEach((key, item) -> {
            if (!item.equals(last.get(key))) {
                sizes.add(size(item));
            }
        });
        last = now;
        return sizes;
    }

    private Map<String, Map<String, AttributeValue>> snapshot() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), item));
        return items;
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
        return 0;
    }
}
