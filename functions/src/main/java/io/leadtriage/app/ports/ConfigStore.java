package io.leadtriage.app.ports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Versions of the qualification model put through the admin API, and the rescoring of the stored leads each one
 * starts. Until the first version, the model file shipped with the code is in effect (version 0).
 */
public interface ConfigStore {
    /**
     * The most a version's text and prepared form weigh together (UTF-8 bytes) with the form stored: a DynamoDB item
     * is at most 400 KB, and a version's other attributes and names take a few hundred bytes. Over it the form is left
     * out and the text is read, as for a version stored before versions had one.
     */
    int MAX_TEXT_WITH_PREPARED_BYTES = 380 * 1024;

    /** The version in effect, or empty while the shipped file is. */
    Optional<ConfigVersion> current();

    /**
     * The number of the version in effect, 0 while the shipped file is: what a container checks once a minute, read
     * without the version's text and prepared form (tens of KB), which it reads only when the number changed.
     */
    default long currentNumber() {
        return current().map(ConfigVersion::version).orElse(0L);
    }

    Optional<ConfigVersion> version(long version);

    /** Newest first, without their text. */
    List<ConfigVersion> history(int limit);

    /**
     * Stores {@code yaml} as the next version and makes it current, if the current version is still
     * {@code expectedCurrent} (0: none stored yet); in the same write, the version's rescoring, not started. No
     * prepared form is stored with it.
     *
     * @param alertNewlyHot whether the rescoring alerts sales about the leads it turns hot
     * @return the stored version, or empty when another change came first
     */
    default Optional<ConfigVersion> put(String yaml, long expectedCurrent, Instant now, boolean alertNewlyHot) {
        return put(yaml, null, expectedCurrent, now, alertNewlyHot, true);
    }

    /**
     * As above, with {@code prepared} (the model's {@link io.leadtriage.config.PreparedModel prepared form}, or null)
     * stored beside the text, so that a container taking the version reads no YAML; left out where the two are larger
     * than {@link #MAX_TEXT_WITH_PREPARED_BYTES} ({@link #preparedThatFits}). With {@code rescore} false (a version
     * whose changes no lead's verdict reads) its rescoring is stored finished, having read no lead.
     */
    Optional<ConfigVersion> put(String yaml, String prepared, long expectedCurrent, Instant now, boolean alertNewlyHot,
                                boolean rescore);

    /** The prepared form a store keeps beside {@code yaml}: none when there is none, or the two are too large together. */
    static String preparedThatFits(String yaml, String prepared) {
        return prepared == null || yaml.getBytes(StandardCharsets.UTF_8).length
                + prepared.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_WITH_PREPARED_BYTES ? null : prepared;
    }

    /** The rescoring a version started, as last recorded; empty for version 0 or one with none. */
    Optional<Rescoring> rescoring(long version);

    /**
     * Takes the version's rescoring for {@code holder} until {@code leaseUntil}, unless it is finished or another
     * holder's lease stands at {@code now}: one pass at a time goes on with it.
     *
     * @return the rescoring as recorded, held by {@code holder}; empty when it is not to be taken
     */
    Optional<Rescoring> claimRescoring(long version, String holder, Instant now, Instant leaseUntil);

    /**
     * Records a held rescoring's progress (its cursor, counts, and {@code finishedAt} once finished) and extends the
     * lease to {@code leaseUntil}, if {@code holder} still holds it.
     *
     * @return false when another holder took it meanwhile (nothing recorded: the caller stops)
     */
    boolean recordRescoring(Rescoring progress, String holder, Instant leaseUntil);

    /**
     * One stored model.
     *
     * @param yaml     null in a history listing
     * @param prepared the prepared form stored with it: null in a history listing, for a version stored before
     *                 versions had one, or one left out as too large
     */
    record ConfigVersion(long version, Instant createdAt, String sha256, String yaml, String prepared) {
        /** A version with no prepared form. */
        public ConfigVersion(long version, Instant createdAt, String sha256, String yaml) {
            this(version, createdAt, sha256, yaml, null);
        }
    }

    /**
     * The stored leads requalified with one model version, in the background, a page at a time.
     *
     * @param alertNewlyHot whether leads it turns hot alert sales (the marketer asked for it with the PUT)
     * @param startedAt     when the version was put
     * @param finishedAt    null until every lead was read
     * @param cursor        where the next page starts (the leads' store's cursor); null before the first page and
     *                      once finished
     * @param examined      leads read
     * @param changed       leads whose verdict (score, tier, stage, next review) changed and was written
     * @param tierChanges   leads whose tier changed
     * @param newlyHot      leads that turned hot
     */
    record Rescoring(long version, boolean alertNewlyHot, Instant startedAt, Instant finishedAt, String cursor,
                     long examined, long changed, long tierChanges, long newlyHot) {
        public static Rescoring started(long version, boolean alertNewlyHot, Instant at) {
            return new Rescoring(version, alertNewlyHot, at, null, null, 0, 0, 0, 0);
        }

        /** The rescoring of a version that no lead's verdict depends on: finished as it starts, no lead read. */
        public static Rescoring notNeeded(long version, boolean alertNewlyHot, Instant at) {
            return new Rescoring(version, alertNewlyHot, at, at, null, 0, 0, 0, 0);
        }

        /** The version's rescoring as stored with it. */
        public static Rescoring of(long version, boolean alertNewlyHot, Instant at, boolean rescore) {
            return rescore ? started(version, alertNewlyHot, at) : notNeeded(version, alertNewlyHot, at);
        }

        public boolean finished() {
            return finishedAt != null;
        }
    }
}
