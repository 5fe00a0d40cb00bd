package io.leadtriage.testing.memory;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The accounts in memory, under the shared lock. */
public final class InMemoryAccountBook implements AccountBook {
    private final MemoryTable table;
    private final Map<String, Map<String, AccountMember>> members = new HashMap<>();
    private final Map<String, Instant> hotSince = new HashMap<>();

    InMemoryAccountBook(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Account put(String domain, AccountMember member) {
        synchronized (table) {
            members.computeIfAbsent(domain, d -> new LinkedHashMap<>()).put(member.leadId(), member);
            return account(domain);
        }
    }

    @Override
    public Optional<Account> find(String domain) {
        synchronized (table) {
            return members.containsKey(domain) ? Optional.of(account(domain)) : Optional.empty();
        }
    }

    @Override
    public void remove(String domain, String leadId) {
        synchronized (table) {
            Map<String, AccountMember> of = members.get(domain);
            if (of != null) {
                of.remove(leadId);
            }
        }
    }

    @Override
    public boolean markHot(String domain, Instant at, OutboxItem alert) {
        synchronized (table) {
            if (!members.containsKey(domain) || hotSince.putIfAbsent(domain, at) != null) {
                return false;
            }
            if (alert != null) {
                table.putOutbox(alert, true);
            }
            return true;
        }
    }

    @Override
    public void clearHot(String domain) {
        synchronized (table) {
            hotSince.remove(domain);
        }
    }

    private Account account(String domain) {
        return new Account(domain, List.copyOf(members.getOrDefault(domain, Map.of()).values()), hotSince.get(domain));
    }
}
