package io.leadtriage.app.ports;

import java.util.Optional;

/**
 * Where the functions' secrets come from: AWS Secrets Manager when deployed, generated keys locally. A
 * secret holds one value under {@code "key"} (template.yaml generates it so) in each of its versions.
 */
public interface SecretSource {
    /**
     * The value of the secret's version in effect ({@code AWSCURRENT}) or, with {@code previous}, of the one
     * before it ({@code AWSPREVIOUS}, kept after a rotation so that what the old key signed still verifies).
     *
     * @return empty when the secret has no such version (no rotation yet, for the previous one)
     * @throws IllegalStateException when the secret cannot be read: the function must not start without it
     */
    Optional<String> read(String secretId, boolean previous);

    /** No secrets at all: every read finds nothing. */
    SecretSource NONE = (secretId, previous) -> Optional.empty();
}
