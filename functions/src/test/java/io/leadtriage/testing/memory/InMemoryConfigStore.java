package io.leadtriage.testing.memory;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.tokens.Secrets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Model versions, never overwritten, and the one in effect, moved only from the version the caller read. */
public final class InMemoryConfigStore implements ConfigStore {
    private final MemoryTable table;
    private final TreeMap<Long, ConfigVersion> versions = new TreeMap<>();
    private long inEffect;

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
    public Optional<ConfigVersion> put(String yaml, long expectedCurrent, Instant now) {
        long next = expectedCurrent + 1;
        synchronized (table) {
            if (inEffect != expectedCurrent || versions.containsKey(next)) {
                return Optional.empty();
            }
            ConfigVersion stored = new ConfigVersion(next, now, Secrets.sha256Hex(yaml), yaml);
            versions.put(next, stored);
            inEffect = next;
            return Optional.of(stored);
        }
    }
}
