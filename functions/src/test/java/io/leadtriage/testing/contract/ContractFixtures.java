package io.leadtriage.testing.contract;

import io.leadtriage.app.ContactState;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.wiring.Storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract cases' material: leads, writes, outbox items and messages as plain values, with times in whole
 * milliseconds (the precision the table keeps), and a way to run a call on several threads at once.
 */
public final class ContractFixtures {
    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private ContractFixtures() {
    }

    /** A lead as a first write stores it (version 1), with an address of its own. */
    public static LeadRecord lead(Instant createdAt, Tier tier, Stage stage) {
        return lead(createdAt, tier, stage, null);
    }

    public static LeadRecord lead(Instant createdAt, Tier tier, Stage stage, Instant reviewTierAt) {
        String id = UUID.randomUUID().toString();
        Lead lead = new Lead(id, "lead-" + id.substring(0, 8) + "@northwind-saas.com",
                Answers.of(Map.of("name", "Ada Lovelace", "company", "Northwind")),
                List.of(new Signal(SignalType.PRICING_PAGE_VIEW, createdAt.minusSeconds(60), "/pricing", true, SignalSource.PAGE),
                        new Signal(SignalType.EMAIL_CLICK, createdAt.minusSeconds(30), "welcome", false, SignalSource.EMAIL),
                        new Signal(SignalType.PAGE_VIEW, createdAt.minusSeconds(20), "/docs", true, SignalSource.BACKEND, "docs"),
                        Signal.fromForm(SignalType.DEMO_REQUEST, "demo", createdAt)));
        QualificationSummary verdict = new QualificationSummary(tier == Tier.HOT ? 55 : tier == Tier.WARM ? 30 : 5, tier,
                stage, List.of(new ScoreLine("demo-request", 30, "requested a demo")), null, Set.of("lead-quality"),
                "decision_maker", createdAt);
        return new LeadRecord(lead, 1, createdAt, createdAt, null, Map.of("formId", "demo"), null, verdict,
                tier == Tier.HOT ? 1 : 0, null, ContactState.NEW, "https://api.leadtriage.example", reviewTierAt,
                SalesState.NONE);
    }

    /** The same lead with another (normalised) address. */
    public static LeadRecord withEmail(LeadRecord lead, String email) {
        return lead.withLead(new Lead(lead.id(), email, lead.lead().answers(), lead.lead().signals()));
    }

    /** The next version of a stored lead, changed at {@code at} ({@code changes} may alter it further). */
    public static LeadRecord next(LeadRecord lead, Instant at) {
        return new LeadRecord(lead.lead(), lead.version() + 1, lead.createdAt(), at, lead.consent(), lead.source(),
                lead.awaitingStep2Since(), lead.qualification(), lead.hotEpisode(), lead.nurture(), lead.contact(),
                lead.apiBaseUrl(), lead.reviewTierAt(), lead.sales());
    }

    /** The first write of a lead: it, one timeline entry, and the outbox items given. */
    public static LeadWrite create(LeadRecord lead, OutboxItem... outbox) {
        return new LeadWrite(lead, 0, List.of(entry(lead.createdAt(), "created")), null, List.of(outbox), List.of());
    }

    /** A change of a lead from the version before {@code changed}'s. */
    public static LeadWrite change(LeadRecord changed, String entry, IdempotencyMarker marker, List<OutboxItem> puts,
                                   List<String> deletes) {
        return new LeadWrite(changed, changed.version() - 1, List.of(entry(changed.updatedAt(), entry)), marker, puts, deletes);
    }

    public static LeadWrite change(LeadRecord changed, String entry) {
        return change(changed, entry, null, List.of(), List.of());
    }

    /** Stores the lead's first write, which must succeed. */
    public static LeadRecord saved(Storage storage, LeadRecord lead, OutboxItem... outbox) {
        assertThat(storage.leads().save(create(lead, outbox))).isEqualTo(SaveResult.SAVED);
        return lead;
    }

    public static TimelineEntry entry(Instant at, String detail) {
        return new TimelineEntry(at, TimelineEntry.SIGNAL, detail);
    }

    public static IdempotencyMarker marker(String key, String leadId, Instant at, Instant expiresAt) {
        return new IdempotencyMarker(key, leadId, false, at, expiresAt);
    }

    public static SentMessage message(String leadId, String sendId, Instant sentAt) {
        return SentMessage.sent(leadId, sendId, EmailKind.NURTURE, "welcome", "ses-" + sendId, sentAt, 2);
    }

    /** Runs {@code call} on {@code threads} threads released together; its results, in no order. */
    public static <T> List<T> atOnce(int threads, Callable<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> run : runs) {
                results.add(run.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("a concurrent call failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The {@code lead.erased} item an erasure stores, as EraseLead makes it. */
    public static OutboxItem erasedEvent(LeadRecord lead) {
        return io.leadtriage.app.events.LeadEvents.erased(lead.id(), lead.version(), T0);
    }
}
