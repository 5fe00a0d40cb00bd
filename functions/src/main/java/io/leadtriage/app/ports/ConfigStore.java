package io.leadtriage.app.ports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Versions of the qualification model put through the admin API. Until the first one, the model file
 * shipped with the code is in effect (version 0).
 */
public interface ConfigStore {
    /** The version in effect, or empty while the shipped file is. */
    Optional<ConfigVersion> current();

    Optional<ConfigVersion> version(long version);

    /** Newest first, without their text. */
    List<ConfigVersion> history(int limit);

    /**
     * Stores {@code yaml} as the next version and makes it current, if the current version is still
     * {@code expectedCurrent} (0: none stored yet).
     *
     * @return the stored version, or empty when another change came first
     */
    Optional<ConfigVersion> put(String yaml, long expectedCurrent, Instant now);

    /** One stored model. @param yaml null in a history listing */
    record ConfigVersion(long version, Instant createdAt, String sha256, String yaml) {
    }
}
