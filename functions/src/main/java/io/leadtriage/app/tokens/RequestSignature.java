package io.leadtriage.app.tokens;

import io.leadtriage.app.Refusal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A server-to-server request signed as Stripe signs its webhooks: the header {@code t=<unix seconds>,v1=<hex>}, where
 * {@code v1} is the HMAC-SHA256, under a shared key, of {@code <t>.<raw body>}. The timestamp is covered by the MAC,
 * so a captured request replays only within the window; the comparison takes constant time. Several keys are
 * accepted (the current one and, for a while after a rotation, the previous one), as are several {@code v1} values
 * (a sender signing with both during its own rotation).
 */
public final class RequestSignature {
    public static final String HEADER = "X-Leadtriage-Signature";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final List<byte[]> keys;
    private final Duration window;

    /** @param keys the current key first; none refuses every request */
    public RequestSignature(List<String> keys, Duration window) {
        this.keys = keys.stream().filter(k -> k != null && !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.window = window;
    }

    /**
     * @throws Refusal {@code signature_invalid} for a missing, malformed or wrong signature (or no key configured),
     *                 {@code timestamp_outside_window} for a right one whose time is further than the window from now
     */
    public void verify(String header, byte[] body, Instant now) {
        if (header == null || keys.isEmpty()) {
            throw invalid("The " + HEADER + " header is missing.");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (name.equals("t") && value.matches("[0-9]{1,12}")) {
                timestamp = Long.parseLong(value);
            } else if (name.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
                signatures.add(HexFormat.of().parseHex(value));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid("The " + HEADER + " header must read t=<unix seconds>,v1=<hex HMAC-SHA256>.");
        }
        String signedTime = Long.toString(timestamp);
        boolean matches = false;
        for (byte[] key : keys) {
            byte[] expected = mac(key, signedTime, body);
            for (byte[] given : signatures) {
                matches |= MessageDigest.isEqual(expected, given);
            }
        }
        if (!matches) {
            throw invalid("The signature does not match the body and timestamp.");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > window.toSeconds()) {
            throw new Refusal(Refusal.TIMESTAMP_OUTSIDE_WINDOW, "The signature's timestamp is more than "
                    + window.toSeconds() + " seconds from now: sign each request when it is sent.", Map.of());
        }
    }

    /** The header a sender puts on {@code body} at {@code at} (tests, the local run's helper). */
    public static String header(String key, Instant at, byte[] body) {
        return header(List.of(key), at, body);
    }

    /**
     * The header signed with each of {@code keys}: one {@code v1} each, so that during a rotation a receiver that
     * knows either key accepts it (the outgoing webhooks sign with the new key and the previous one).
     */
    public static String header(List<String> keys, Instant at, byte[] body) {
        String t = Long.toString(at.getEpochSecond());
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String key : keys) {
            header.append(",v1=").append(HexFormat.of().formatHex(mac(key.getBytes(StandardCharsets.UTF_8), t, body)));
        }
        return header.toString();
    }

    private static byte[] mac(byte[] key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static Refusal invalid(String message) {
        return new Refusal(Refusal.SIGNATURE_INVALID, message, Map.of());
    }
}
