package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.app.tokens.SigningKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Where the email index keeps a lead's id: under an HMAC of the normalised address with the index key, a secret of its
 * own (EMAIL_INDEX_SECRET_ARN), so that no key in the table is an address, nor one that hashing a list of guessed
 * addresses finds without the secret. The key is never rotated: another key would orphan every entry. Entries written
 * before the index had a key (a plain SHA-256 of the address) are still found, and moved under the HMAC when found.
 */
public final class EmailIndex {
    /** For functions that never look a lead up by email: any such lookup fails, saying what is missing. */
    public static final EmailIndex NONE = new EmailIndex(null);
    private static final String PURPOSE = "email index";

    private final SigningKeys key;

    private EmailIndex(SigningKeys key) {
        this.key = key;
    }

    public static EmailIndex keyedWith(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the email index key must be at least 32 characters");
        }
        return new EmailIndex(SigningKeys.of(secret));
    }

    boolean keyed() {
        return key != null;
    }

    /** The entry's key for this (normalised) address. */
    Map<String, AttributeValue> keyFor(String email) {
        if (key == null) {
            throw new IllegalStateException("this function has no email index key: EMAIL_INDEX_SECRET_ARN is unset"
                    + " (template.yaml gives it to the functions that look leads up by email)");
        }
        return TableKeys.emailKey(key.keyedDigest(PURPOSE, email));
    }

    /** Where an entry written before the index had a key sits. */
    static Map<String, AttributeValue> unkeyedKeyFor(String email) {
        return TableKeys.emailKey(Secrets.sha256Hex(email));
    }
}
