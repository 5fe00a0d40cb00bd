package io.leadtriage.testing.memory;

import io.leadtriage.app.ContactState;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.OutboxQueue.DeadLetter;
import io.leadtriage.app.ports.OutboxQueue.DeadLetterPage;
import io.leadtriage.testing.memory.MemoryTable.StoredOutboxItem;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The outbox in memory, with the DynamoDB adapter's conditions: a claim needs the item pending, due and not leased;
 * what became of a send is recorded only by the holder of the lease, all of it or nothing.
 */
public final class InMemoryOutboxQueue implements OutboxQueue {
    private final MemoryTable table;

    InMemoryOutboxQueue(MemoryTable table) {
        this.table = table;
    }

    @Override
    public List<OutboxItem> due(Instant now, int limit) {
        return dueOf(false, now, limit);
    }

    /** Emails and lead events sit in different shards of the table's due index: a query finds one or the other. */
    private List<OutboxItem> dueOf(boolean events, Instant now, int limit) {
        synchronized (table) {
            return table.outbox.values().stream().flatMap(items -> items.values().stream())
                    .filter(stored -> (stored.item().kind() == OutboxKind.LEAD_EVENT) == events)
                    .filter(stored -> stored.pending() && !stored.item().dueAt().isAfter(MemoryTable.millis(now)))
                    .map(StoredOutboxItem::item)
                    .sorted(Comparator.comparing(OutboxItem::dueAt))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public List<OutboxItem> dueEvents(Instant now, int limit) {
        return dueOf(true, now, limit);
    }

    @Override
    public List<OutboxItem> pendingEvents(String leadId) {
        synchronized (table) {
            return table.outbox.getOrDefault(leadId, java.util.Map.of()).values().stream()
                    .filter(stored -> stored.pending() && stored.item().kind() == OutboxKind.LEAD_EVENT)
                    .map(StoredOutboxItem::item)
                    .sorted(Comparator.comparing(OutboxItem::outboxId))
                    .toList();
        }
    }

    @Override
    public void published(OutboxItem item, Instant at) {
        synchronized (table) {
            if (holdsLease(item)) {
                OutboxItem stored = find(item.leadId(), item.outboxId()).orElseThrow();
                table.putOutbox(MemoryTable.withLease(stored, null, stored.attempts()), false);
            }
        }
    }

    @Override
    public Optional<OutboxItem> find(String leadId, String outboxId) {
        synchronized (table) {
            return table.outboxItem(leadId, outboxId).map(StoredOutboxItem::item);
        }
    }

    @Override
    public Optional<OutboxItem> claim(OutboxItem item, Instant now, Duration lease) {
        Instant at = MemoryTable.millis(now);
        synchronized (table) {
            Optional<OutboxItem> free = table.outboxItem(item.leadId(), item.outboxId())
                    .filter(stored -> stored.pending() && !stored.item().dueAt().isAfter(at))
                    .map(StoredOutboxItem::item)
                    .filter(stored -> stored.leaseUntil() == null || stored.leaseUntil().isBefore(at));
            free.ifPresent(stored -> table.putOutbox(MemoryTable.withLease(stored, now.plus(lease), stored.attempts() + 1), true));
            return free.isEmpty() ? Optional.empty() : find(item.leadId(), item.outboxId());
        }
    }

    @Override
    public void sent(OutboxItem item, SentMessage message, OutboxItem next, NurtureState nurture, TimelineEntry entry,
                     OutboxItem followUp, CountChange counts) {
        synchronized (table) {
            boolean profileNeeded = item.kind() == OutboxKind.SALES_ALERT || nurture != null;
            if (!holdsLease(item) || profileNeeded && !table.profiles.containsKey(item.leadId())) {
                // Our lease ran out and another dispatcher owns the item now (or the lead was erased meanwhile).
                return;
            }
            table.messages.computeIfAbsent(message.leadId(), id -> new LinkedHashMap<>())
                    .put(message.sendId(), message);
            if (followUp != null) {
                table.putOutbox(followUp, true);
            }
            OutboxItem stored = find(item.leadId(), item.outboxId()).orElseThrow();
            if (next != null) {
                table.putOutbox(new OutboxItem(stored.leadId(), stored.outboxId(), stored.kind(), next.dueAt(), 0,
                        stored.recipients(), stored.routeId(), stored.rotate(), next.sequenceId(), next.step(),
                        stored.createdAt(), null, stored.disposition()), true);
            } else {
                table.putOutbox(MemoryTable.withLease(stored, null, stored.attempts()), false);
            }
            if (item.kind() == OutboxKind.SALES_ALERT) {
                table.touchProfile(item.leadId(), lead -> lead.sales().firstAlertSentAt() != null ? lead
                        : lead.withSales(firstAlertSent(lead, message.sentAt())));
            }
            recordNurtureAndTimeline(item.leadId(), nurture, entry);
            table.count(counts);
        }
    }

    @Override
    public void retryLater(OutboxItem item, Instant dueAt, String error) {
        synchronized (table) {
            if (holdsLease(item)) {
                OutboxItem stored = find(item.leadId(), item.outboxId()).orElseThrow();
                table.putOutbox(MemoryTable.withDueAt(MemoryTable.withLease(stored, null, stored.attempts()), dueAt), true);
            }
        }
    }

    @Override
    public void drop(OutboxItem item, NurtureState nurture, TimelineEntry entry) {
        synchronized (table) {
            if (holdsLease(item)) {
                OutboxItem stored = find(item.leadId(), item.outboxId()).orElseThrow();
                table.putOutbox(MemoryTable.withLease(stored, null, stored.attempts()), false);
                if (table.profiles.containsKey(item.leadId())) {
                    recordNurtureAndTimeline(item.leadId(), nurture, entry);
                }
            }
        }
    }

    @Override
    public void fanOut(OutboxItem event, List<OutboxItem> deliveries) {
        synchronized (table) {
            // Otherwise the event is gone (erased) or another publisher holds it; that one stores the deliveries.
            if (holdsLease(event)) {
                deliveries.forEach(delivery -> table.putOutbox(delivery, true));
            }
        }
    }

    @Override
    public void deadLetter(OutboxItem item, String error, TimelineEntry entry) {
        synchronized (table) {
            if (holdsLease(item)) {
                OutboxItem stored = MemoryTable.withLease(find(item.leadId(), item.outboxId()).orElseThrow(), null, item.attempts());
                table.putOutbox(stored, false);
                table.deadLetters.computeIfAbsent(item.leadId(), id -> new LinkedHashMap<>())
                        .put(item.outboxId(), new DeadLetter(stored, MemoryTable.millis(entry.at()), error));
                if (table.profiles.containsKey(item.leadId())) {
                    recordNurtureAndTimeline(item.leadId(), null, entry);
                }
            }
        }
    }

    /**
     * The cursor is the last dead letter's place in the index's order (when, then lead and item), as the table's is
     * its key: a page starts after it even when it was replayed meanwhile.
     */
    @Override
    public DeadLetterPage deadLetters(String subscriber, String cursor, int limit) {
        String after = cursor == null ? "" : cursor;
        if (cursor != null && !cursor.matches("[0-9]{13} .+")) {
            throw new IllegalArgumentException("not a cursor of dead letters");
        }
        synchronized (table) {
            List<DeadLetter> all = table.deadLetters.values().stream().flatMap(byId -> byId.values().stream())
                    .filter(d -> subscriber == null || subscriber.equals(d.item().subscriber()))
                    .filter(d -> place(d).compareTo(after) > 0)
                    .sorted(Comparator.comparing(InMemoryOutboxQueue::place))
                    .toList();
            List<DeadLetter> page = all.subList(0, Math.min(all.size(), limit));
            return new DeadLetterPage(page, all.size() > limit ? place(page.get(page.size() - 1)) : null);
        }
    }

    private static String place(DeadLetter d) {
        return String.format("%013d %s %s", d.deadAt().toEpochMilli(), d.item().leadId(), d.item().outboxId());
    }

    @Override
    public boolean replay(String leadId, String outboxId, Instant now) {
        synchronized (table) {
            Map<String, DeadLetter> byId = table.deadLetters.get(leadId);
            DeadLetter dead = byId == null ? null : byId.remove(outboxId);
            if (dead == null) {
                return false;
            }
            table.putOutbox(MemoryTable.withDueAt(MemoryTable.withLease(dead.item(), null, 0), now), true);
            return true;
        }
    }

    @Override
    public boolean reserveMarketing(String leadId, Instant now, Duration per) {
        synchronized (table) {
            LeadRecord lead = table.profiles.get(leadId);
            Instant last = lead == null ? null : lead.contact().lastMarketingAt();
            if (lead == null || last != null && last.toEpochMilli() > now.minus(per).toEpochMilli()) {
                return false;
            }
            table.touchProfile(leadId, withLastMarketing(now));
            return true;
        }
    }

    @Override
    public void releaseMarketing(String leadId, Instant reservedAt, Instant previous) {
        synchronized (table) {
            LeadRecord lead = table.profiles.get(leadId);
            // Otherwise a newer reservation replaced ours, and it stands.
            if (lead != null && MemoryTable.sameMillisecond(lead.contact().lastMarketingAt(), reservedAt)) {
                table.touchProfile(leadId, withLastMarketing(previous));
            }
        }
    }

    private boolean holdsLease(OutboxItem item) {
        return table.outboxItem(item.leadId(), item.outboxId())
                .filter(stored -> MemoryTable.sameMillisecond(stored.item().leaseUntil(), item.leaseUntil())).isPresent();
    }

    private void recordNurtureAndTimeline(String leadId, NurtureState nurture, TimelineEntry entry) {
        if (nurture != null) {
            table.touchProfile(leadId, lead -> new LeadRecord(lead.lead(), lead.version(), lead.createdAt(),
                    lead.updatedAt(), lead.consent(), lead.source(), lead.awaitingStep2Since(), lead.qualification(),
                    lead.hotEpisode(), nurture, lead.contact(), lead.apiBaseUrl(), lead.reviewTierAt(), lead.sales()));
        }
        if (entry != null) {
            table.addTimeline(leadId, List.of(entry));
        }
    }

    private static SalesState firstAlertSent(LeadRecord lead, Instant at) {
        SalesState s = lead.sales();
        return new SalesState(s.firstHotAt(), at, s.opportunityAt(), s.wonAt(), s.lostAt(),
                s.disposition(), s.dispositionAt(), s.stagesReached(), s.rulesAtOutcome(), s.spamSuspect(), s.hotTrigger());
    }

    private static UnaryOperator<LeadRecord> withLastMarketing(Instant at) {
        return lead -> {
            ContactState c = lead.contact();
            return lead.withContact(new ContactState(c.unsubscribedAt(), c.suppressedBecause(), at, c.reminderScheduled()));
        };
    }
}
