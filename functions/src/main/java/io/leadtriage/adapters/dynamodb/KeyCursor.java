package io.leadtriage.adapters.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where a paged read stopped, as an opaque cursor for the caller to hand back: a few texts (a shard, the last key's
 * attributes), base64url. A cursor that does not decode to what its reader expects is refused, never guessed at.
 */
final class KeyCursor {
    private KeyCursor() {
    }

    static String encode(List<String> parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param kind  what the cursor is a cursor of, for the refusal
     * @param sizes the numbers of parts a cursor of this kind has
     * @throws IllegalArgumentException a cursor that does not decode, or with another number of parts
     */
    static List<String> decode(String cursor, String kind, int... sizes) {
        List<String> parts;
        try {
            parts = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of " + kind);
        }
        for (int size : sizes) {
            if (parts.size() == size) {
                return parts;
            }
        }
        throw new IllegalArgumentException("not a cursor of " + kind);
    }
}
