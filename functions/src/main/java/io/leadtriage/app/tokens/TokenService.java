package io.leadtriage.app.tokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed, expiring tokens bound to one lead and one purpose: {@code base64url(payload).base64url(hmac)}
 * with payload {@code v1|purpose|leadId|expiry}. They carry no score and nothing personal; the key comes
 * from the deployment (never from code), and verification is constant-time.
 */
public final class TokenService {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public TokenService(String signingKey, Clock clock) {
        if (signingKey == null || signingKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token signing key must be at least " + MIN_KEY_BYTES
                    + " bytes (TOKEN_SIGNING_KEY)");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    public String issue(TokenPurpose purpose, String leadId, Duration validFor) {
        long expiry = clock.instant().plus(validFor).getEpochSecond();
        byte[] payload = ("v1|" + purpose.code + "|" + leadId + "|" + expiry).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
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
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4 || !"v1".equals(parts[0]) || !purpose.code.equals(parts[1]) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() > expiry) {
            return Optional.empty();
        }
        return Optional.of(parts[2]);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
