package io.leadtriage.app.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed, expiring tokens bound to one lead and one purpose: {@code base64url(payload).base64url(hmac)}
 * with payload {@code v2|keyId|purpose|leadId|expiry}. They carry no score and nothing personal; the keys
 * come from the deployment (never from code), and verification is constant-time. The key id lets the
 * signing key rotate without breaking links already sent ({@link SigningKeys}); tokens issued before key
 * ids existed ({@code v1|purpose|leadId|expiry}) are checked against every key.
 */
public final class TokenService {
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKeys keys;
    private final Clock clock;

    public TokenService(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** One key, no rotation: tests and tools. */
    public TokenService(String signingKey, Clock clock) {
        this(SigningKeys.of(signingKey), clock);
    }

    /** False for a function that has no signing key (it neither issues nor verifies tokens). */
    public boolean available() {
        return keys.canSign();
    }

    /** A token for the lead, valid for its purpose's {@link TokenPurpose#validity()}. */
    public String issue(TokenPurpose purpose, String leadId) {
        return issue(purpose, leadId, purpose.validity());
    }

    /**
     * {@code url} with {@code token} as its {@code token} query parameter, before any fragment: the link a page
     * reads its token from (step 2, the "finish your request" email).
     */
    public static String withToken(String url, String token) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        return base + (base.contains("?") ? "&" : "?") + "token=" + token + tail;
    }

    public String issue(TokenPurpose purpose, String leadId, Duration validFor) {
        SigningKeys.Key key = keys.signing();
        long expiry = clock.instant().plus(validFor).getEpochSecond();
        byte[] payload = ("v2|" + key.id() + "|" + purpose.code + "|" + leadId + "|" + expiry).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(key.mac(payload));
    }

    /**
     * An id shaped as a random (version 4) UUID, derived from {@code value} under the signing key: the same value
     * gives the same id, and without the key nobody can tell it from a lead's id or recover the value.
     *
     * @param purpose keeps the ids of one use apart from every other's
     */
    public String opaqueId(String purpose, String value) {
        byte[] b = java.util.HexFormat.of().parseHex(keys.keyedDigest(purpose, value));
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    /** The lead id, if the token is intact, unexpired and for this purpose; empty otherwise. */
    public Optional<String> verify(TokenPurpose purpose, String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        String[] claims;
        if (parts.length == 5 && "v2".equals(parts[0])) {
            // The key id only picks the key; nothing of the payload is trusted before the signature checks.
            Optional<SigningKeys.Key> key = keys.byId(parts[1]);
            if (key.isEmpty() || !MessageDigest.isEqual(key.get().mac(payload), signature)) {
                return Optional.empty();
            }
            claims = new String[]{parts[2], parts[3], parts[4]};
        } else if (parts.length == 4 && "v1".equals(parts[0])) {
            if (keys.all().stream().noneMatch(k -> MessageDigest.isEqual(k.mac(payload), signature))) {
                return Optional.empty();
            }
            claims = new String[]{parts[1], parts[2], parts[3]};
        } else {
            return Optional.empty();
        }
        if (!purpose.code.equals(claims[0]) || claims[1].isEmpty()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(claims[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() > expiry) {
            return Optional.empty();
        }
        return Optional.of(claims[1]);
    }
}
