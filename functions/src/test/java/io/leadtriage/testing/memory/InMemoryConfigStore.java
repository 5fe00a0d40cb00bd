package io.leadtriage.testing.memory;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.tokens.Secrets;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Model versions (a prepared form kept where the DynamoDB item would hold it), never overwritten, and the one in effect, moved only from the version the caller read; each version's
 * rescoring with its holder and lease.
 */
public final class InMemoryConfigStore implements ConfigStore {
    private final MemoryTable table;
    private final TreeMap<Long, ConfigVersion> versions = new TreeMap<>();
    private final Map<Long, Held> rescorings = new HashMap<>();
    private long inEffect;

    /** A rescoring as recorded, with its lease. */
    private record Held(Rescoring rescoring, String holder, Instant leaseUntil) {
    }

    InMemoryConfigStore(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<ConfigVersion> current() {
        synchronized (table) {
            return inEffect == 0 ? Optional.empty() : version(inEffect);
        }
    }

    @Override
    public Optional<ConfigVersion> version(long version) {
        synchronized (table) {
            return Optional.ofNullable(versions.get(version));
        }
    }

    @Override
    public List<ConfigVersion> history(int limit) {
        synchronized (table) {
            return versions.descendingMap().values().stream().limit(limit)
                    .map(v -> new ConfigVersion(v.version(), v.createdAt(), v.sha256(), null)).toList();
        }
    }

    @Override
    public Optional<ConfigVersion> put(String yaml, String prepared, long expectedCurrent, Instant now,
                                       boolean alertNewlyHot, boolean rescore) {
        long next = expectedCurrent + 1;
        synchronized (table) {
            if (inEffect != expectedCurrent || versions.containsKey(next)) {
                return Optional.empty();
            }
            ConfigVersion stored = new ConfigVersion(next, now, Secrets.sha256Hex(yaml), yaml,
                    ConfigStore.preparedThatFits(yaml, prepared));
            versions.put(next, stored);
            rescorings.put(next, new Held(Rescoring.of(next, alertNewlyHot, now, rescore), null, null));
            inEffect = next;
            return Optional.of(stored);
        }
    }

    @Override
    public Optional<Rescoring> rescoring(long version) {
        synchronized (table) {
            return Optional.ofNullable(rescorings.get(version)).map(Held::rescoring);
        }
    }

    @Override
    public Optional<Rescoring> claimRescoring(long version, String holder, Instant now, Instant leaseUntil) {
        synchronized (table) {
            Held held = rescorings.get(version);
            if (held == null || held.rescoring().finished() || held.leaseUntil() != null
                    && !held.leaseUntil().isBefore(MemoryTable.millis(now)) && !holder.equals(held.holder())) {
                return Optional.empty();
            }
            rescorings.put(version, new Held(held.rescoring(), holder, MemoryTable.millis(leaseUntil)));
            return Optional.of(held.rescoring());
        }
    }

    @Override
    public boolean recordRescoring(Rescoring progress, String holder, Instant leaseUntil) {
        synchronized (table) {
            Held held = rescorings.get(progress.version());
            if (held == null || held.rescoring().finished() || !holder.equals(held.holder())) {
                return false;
            }
            Rescoring r = progress;
            rescorings.put(progress.version(), new Held(new Rescoring(r.version(), held.rescoring().alertNewlyHot(),
                    held.rescoring().startedAt(), r.finishedAt(), r.cursor(), r.examined(), r.changed(),
                    r.tierChanges(), r.newlyHot()), holder, MemoryTable.millis(leaseUntil)));
            return true;
        }
    }
}
