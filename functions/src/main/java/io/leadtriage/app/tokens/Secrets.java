package io.leadtriage.app.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checks of bearer keys in constant time, and the hash under which identifying values are stored. */
public final class Secrets {
    private Secrets() {
    }

    /**
     * True when {@code authorization} is {@code Bearer <expected>}, compared in constant time; always false
     * when no key is configured, so an unset key refuses everything.
     */
    public static boolean bearerMatches(String authorization, String expected) {
        if (expected == null || expected.isBlank() || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the text, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
