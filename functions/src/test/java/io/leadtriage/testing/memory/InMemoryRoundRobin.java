package io.leadtriage.testing.memory;

import io.leadtriage.app.ports.RoundRobin;

import java.util.HashMap;
import java.util.Map;

/** Each route's turns, counted from 0 under the shared lock. */
public final class InMemoryRoundRobin implements RoundRobin {
    private final MemoryTable table;
    private final Map<String, Long> turnsTaken = new HashMap<>();

    InMemoryRoundRobin(MemoryTable table) {
        this.table = table;
    }

    @Override
    public long nextTurn(String routeId) {
        synchronized (table) {
            return turnsTaken.merge(routeId, 1L, Long::sum) - 1;
        }
    }
}
