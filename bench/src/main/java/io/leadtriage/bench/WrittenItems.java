package io.leadtriage.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a write request touches, as the per-operation table's write breakdown names it: each item's kind (its key
 * without ids: {@code LEAD#…/PROFILE}, {@code RATE#…/RATE}) and, for a put, its size. Item kinds only, never values.
 */
final class WrittenItems {
    private WrittenItems() {
    }

    static String describe(SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest r) {
            return r.transactItems().stream().map(WrittenItems::describe).collect(Collectors.joining(", "));
        } else if (request instanceof PutItemRequest r) {
            return put(r.item());
        } else if (request instanceof UpdateItemRequest r) {
            return "update " + kind(r.key());
        } else if (request instanceof DeleteItemRequest r) {
            return "delete " + kind(r.key());
        }
        return request.getClass().getSimpleName();
    }

    private static String describe(TransactWriteItem item) {
        if (item.put() != null) {
            return put(item.put().item());
        } else if (item.update() != null) {
            return "update " + kind(item.update().key());
        } else if (item.delete() != null) {
            return "delete " + kind(item.delete().key());
        }
        return "check " + kind(item.conditionCheck().key());
    }

    private static String put(Map<String, AttributeValue> item) {
        return "put " + kind(item) + " " + ItemSizes.size(item) + " B";
    }

    private static String kind(Map<String, AttributeValue> key) {
        return prefix(key.get("pk")) + "/" + prefix(key.get("sk"));
    }

    private static String prefix(AttributeValue v) {
        if (v == null || v.s() == null) {
            return "?";
        }
        String s = v.s();
        int hash = s.indexOf('#');
        if (hash < 0) {
            return s;
        }
        int dash = s.indexOf('-', hash);
        return s.startsWith("OUTBOX#") && dash > 0 ? s.substring(0, dash) : s.substring(0, hash + 1) + "…";
    }
}
