package io.leadtriage.app.tokens;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys tokens are signed and verified with. The first key signs; every key verifies, so that after a
 * rotation the links already sent (unsubscribe links live for years in inboxes) keep working while new
 * tokens carry the new key. Each key is known by a short id derived from it, which tokens carry so the
 * verifier knows which key to check without trying them all.
 */
public final class SigningKeys {
    /** No key: a function that neither issues nor verifies tokens. Using it fails with the reason. */
    public static final SigningKeys NONE = new SigningKeys(List.of());
    static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    /** One key: its id (in tokens) and the HMAC key. */
    record Key(String id, SecretKeySpec spec) {
        /** HMAC-SHA256 of {@code data} under this key. */
        byte[] mac(byte[] data) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac.doFinal(data);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
            }
        }
    }

    private final List<Key> keys;
    private final Map<String, Key> byId;

    private SigningKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
        Map<String, Key> ids = new LinkedHashMap<>();
        for (Key k : keys) {
            ids.putIfAbsent(k.id(), k);
        }
        this.byId = Map.copyOf(ids);
    }

    /** The signing key, then any number of older keys still accepted; null or blank older keys are skipped. */
    public static SigningKeys of(String signing, String... older) {
        List<String> all = new ArrayList<>();
        all.add(signing);
        for (String key : older) {
            if (key != null && !key.isBlank()) {
                all.add(key);
            }
        }
        return of(all);
    }

    /** The first key signs; the rest only verify. A key repeated (no rotation yet) counts once. */
    public static SigningKeys of(List<String> keys) {
        List<Key> parsed = new ArrayList<>();
        for (String key : keys) {
            if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("a token signing key must be at least " + MIN_KEY_BYTES
                        + " bytes (the token signing secret's \"key\")");
            }
            String id = idOf(key);
            if (parsed.stream().noneMatch(k -> k.id().equals(id))) {
                parsed.add(new Key(id, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM)));
            }
        }
        return new SigningKeys(parsed);
    }

    public boolean canSign() {
        return !keys.isEmpty();
    }

    /** How many keys verify (1 until a rotation, 2 after). */
    public int size() {
        return keys.size();
    }

    Key signing() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("this function has no token signing key: template.yaml gives "
                    + "TOKEN_SIGNING_SECRET_ARN only to the functions that issue or verify tokens");
        }
        return keys.get(0);
    }

    Optional<Key> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Key> all() {
        return keys;
    }

    /**
     * A keyed digest (HMAC-SHA256 under the signing key, 32 hex digits) of a value derived from personal data, for
     * keys that must tell people apart without holding them: a plain hash of an IPv4 address reverses in seconds, of
     * an email address by dictionary; this one does not without the key. A rotation changes every digest.
     *
     * @param purpose keeps the digests of one use apart from every other's
     */
    public String keyedDigest(String purpose, String value) {
        byte[] digest = signing().mac((purpose + "|" + value).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The signing key's id: what tokens issued now carry. */
    public String signingKeyId() {
        return signing().id();
    }

    /**
     * Eight hex digits of a SHA-256 of the key under a label of its own: enough to tell a handful of keys
     * apart, and nothing an attacker can use (the key is 48+ random characters).
     */
    static String idOf(String key) {
        return Secrets.sha256Hex("leadtriage token key id|" + key).substring(0, 8);
    }

    @Override
    public String toString() {
        // Ids only: this may reach a log line.
        return "SigningKeys" + keys.stream().map(Key::id).toList();
    }
}
