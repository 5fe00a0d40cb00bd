package io.leadtriage.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a lead listing stopped: the month bucket and the last key read in it. Opaque to clients
 * (base64url); a cursor that does not decode is refused rather than guessed at.
 */
record ListCursor(YearMonth month, Map<String, AttributeValue> lastKey) {
    /** What a listing index's page may end on: the table's keys and the index's. */
    private static final List<String> KEY_ATTRIBUTES = List.of(TableKeys.PK, TableKeys.SK, TableKeys.Listing.LIST_ALL,
            TableKeys.Listing.LIST_TIER, TableKeys.Listing.LIST_STAGE, TableKeys.LIST_SORT);

    String encode() {
        StringBuilder text = new StringBuilder(month.toString());
        if (lastKey != null) {
            for (String name : KEY_ATTRIBUTES) {
                if (lastKey.containsKey(name)) {
                    text.append('\n').append(name).append('=').append(lastKey.get(name).s());
                }
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String cursor) {
        try {
            String[] lines = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
            YearMonth month = YearMonth.parse(lines[0]);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int eq = lines[i].indexOf('=');
                String name = lines[i].substring(0, eq);
                if (!KEY_ATTRIBUTES.contains(name)) {
                    throw new IllegalArgumentException("not a cursor");
                }
                key.put(name, AttributeValue.fromS(lines[i].substring(eq + 1)));
            }
            return new ListCursor(month, key.isEmpty() ? null : key);
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
    }
}
