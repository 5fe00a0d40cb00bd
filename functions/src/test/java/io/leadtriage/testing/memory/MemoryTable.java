package io.leadtriage.testing.memory;

import io.leadtriage.app.ContactState;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.reports.Tally;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the in-memory ports hold between them, as the leads table holds it: one lead's profile, timeline, outbox
 * items and sent messages, the email index, idempotency markers and counters. Every port locks this one object
 * for each call, so a call is atomic, as a DynamoDB write (or transaction) is. Times the table keeps in epoch
 * milliseconds or seconds are kept at that precision here too, so that both stores answer alike.
 */
final class MemoryTable {
    final Map<String, LeadRecord> profiles = new HashMap<>();
    final Map<String, String> leadIdsByEmail = new HashMap<>();
    final Map<String, IdempotencyMarker> markers = new HashMap<>();
    final Map<String, io.leadtriage.app.ports.UnverifiedSubmission> unverifiedSubmissions = new HashMap<>();
    /** Each lead's timeline, one list of entries per write, as the table keeps one item per write. */
    final Map<String, List<List<TimelineEntry>>> timelines = new HashMap<>();
    final Map<String, Map<String, StoredOutboxItem>> outbox = new HashMap<>();
    final Map<String, Map<String, SentMessage>> messages = new HashMap<>();
    /** Webhook deliveries given up on, by lead and outbox id: the table keeps them in the lead's partition too. */
    final Map<String, Map<String, io.leadtriage.app.ports.OutboxQueue.DeadLetter>> deadLetters = new HashMap<>();
    /** The report counters, as the table's counter items hold them (its shards added up). */
    final Map<LocalDate, Tally> funnelDays = new HashMap<>();
    final Map<Cohort, Tally> funnelCells = new HashMap<>();
    final Map<RuleSet, Tally> calibration = new HashMap<>();
    final Map<EmailStep, Tally> emails = new HashMap<>();
    ReportCounters.Backfill backfill;
    String backfillHolder;
    Instant backfillLease;

    /**
     * An outbox item with what the dispatcher's index needs: {@code pending} while it waits to be sent (the
     * table's sparse due index holds exactly these).
     */
    record StoredOutboxItem(OutboxItem item, boolean pending) {
    }

    /** Adds a change to the counters (the caller holds the lock, as in one transaction with the change). */
    void count(CountChange change) {
        change.funnel().forEach((cohort, counts) -> {
            funnelDays.merge(cohort.day(), counts, Tally::plus);
            funnelCells.merge(new Cohort(cohort.day().withDayOfMonth(1), cohort.form(), cohort.source(), cohort.campaign()),
                    counts, Tally::plus);
        });
        change.calibration().forEach((rules, counts) -> calibration.merge(rules, counts, Tally::plus));
        change.emails().forEach((step, counts) -> emails.merge(step, counts, Tally::plus));
    }

    Optional<LeadRecord> lead(String leadId) {
        synchronized (this) {
            return Optional.ofNullable(profiles.get(leadId));
        }
    }

    Optional<StoredOutboxItem> outboxItem(String leadId, String outboxId) {
        return Optional.ofNullable(outbox.getOrDefault(leadId, Map.of()).get(outboxId));
    }

    void putOutbox(OutboxItem item, boolean pending) {
        outbox.computeIfAbsent(item.leadId(), id -> new LinkedHashMap<>())
                .put(item.outboxId(), new StoredOutboxItem(withDueAt(item, millis(item.dueAt())), pending));
    }

    void removeOutbox(String leadId, String outboxId) {
        Optional.ofNullable(outbox.get(leadId)).ifPresent(items -> items.remove(outboxId));
    }

    void addTimeline(String leadId, List<TimelineEntry> entries) {
        if (!entries.isEmpty()) {
            timelines.computeIfAbsent(leadId, id -> new ArrayList<>()).add(List.copyOf(entries));
        }
    }

    /** Oldest first: writes ordered by their first entry's millisecond, as the table's sort key orders them. */
    List<TimelineEntry> timeline(String leadId) {
        List<List<TimelineEntry>> writes = new ArrayList<>(timelines.getOrDefault(leadId, List.of()));
        writes.sort(Comparator.comparing(write -> millis(write.get(0).at())));
        return writes.stream().flatMap(List::stream).toList();
    }

    /** The lead as the table gives it back: the times it keeps in epoch milliseconds cut to milliseconds. */
    static LeadRecord asStored(LeadRecord lead) {
        ContactState c = lead.contact();
        return new LeadRecord(lead.lead(), lead.version(), lead.createdAt(), lead.updatedAt(), lead.consent(), lead.source(),
                lead.awaitingStep2Since(), lead.qualification(), lead.hotEpisode(), lead.nurture(),
                new ContactState(c.unsubscribedAt(), c.suppressedBecause(), millis(c.lastMarketingAt()), c.reminderScheduled()),
                lead.apiBaseUrl(), millis(lead.reviewTierAt()), lead.sales(), lead.counted());
    }

    /** A profile changed outside the lead's unit of work (a send, a reservation): its version moves all the same. */
    void touchProfile(String leadId, java.util.function.UnaryOperator<LeadRecord> change) {
        LeadRecord changed = change.apply(profiles.get(leadId));
        profiles.put(leadId, asStored(new LeadRecord(changed.lead(), changed.version() + 1, changed.createdAt(),
                changed.updatedAt(), changed.consent(), changed.source(), changed.awaitingStep2Since(),
                changed.qualification(), changed.hotEpisode(), changed.nurture(), changed.contact(), changed.apiBaseUrl(),
                changed.reviewTierAt(), changed.sales(), changed.counted())));
    }

    static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    static boolean sameMillisecond(Instant a, Instant b) {
        return a != null && b != null && a.toEpochMilli() == b.toEpochMilli();
    }

    static OutboxItem withDueAt(OutboxItem o, Instant dueAt) {
        return new OutboxItem(o.leadId(), o.outboxId(), o.kind(), dueAt, o.attempts(), o.recipients(), o.routeId(), o.rotate(),
                o.sequenceId(), o.step(), o.createdAt(), millis(o.leaseUntil()), o.disposition(), o.event());
    }

    static OutboxItem withLease(OutboxItem o, Instant leaseUntil, int attempts) {
        return new OutboxItem(o.leadId(), o.outboxId(), o.kind(), o.dueAt(), attempts, o.recipients(), o.routeId(), o.rotate(),
                o.sequenceId(), o.step(), o.createdAt(), millis(leaseUntil), o.disposition(), o.event());
    }
}
