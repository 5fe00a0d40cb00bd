package io.leadtriage.app;

import io.leadtriage.app.ports.LeadStore;
import io.leadtriage.app.ports.LeadStore.SaveResult;
import io.leadtriage.app.ports.SubmissionMarker;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Qualification;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.FormDefinition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intake use case: one lead per email, answers merged, the form's signal added, the lead rescored,
 * and all of it (with timeline entries and the submission marker) stored in one conditional write.
 * A concurrent change to the same lead makes the write fail; it is then re-read and retried, so no
 * answer or signal of any submission is lost.
 */
public final class SubmitForm {
    /** Signals of one type kept per lead: scoring counts at most a few recent ones, decayed. */
    static final int SIGNALS_KEPT_PER_TYPE = 20;
    static final int MAX_ATTEMPTS = 40;

    private final LeadStore store;
    private final Qualifier qualifier;
    private final Clock clock;

    public SubmitForm(LeadStore store, Qualifier qualifier, Clock clock) {
        this.store = store;
        this.qualifier = qualifier;
        this.clock = clock;
    }

    /**
     * @throws UnknownLeadException when a step-2 token names a lead that does not exist
     * @throws ContentionException  when the lead stayed contended through every retry
     */
    public SubmissionOutcome submit(FormSubmission submission) {
        FormDefinition form = qualifier.model().forms().get(submission.formId());
        if (form == null) {
            throw new IllegalArgumentException("unknown form " + submission.formId());
        }
        String markerKey = submission.submissionId() == null ? null
                : submission.formId() + "#" + submission.submissionId();
        if (markerKey != null) {
            Optional<SubmissionOutcome> repeat = store.findSubmission(markerKey).map(this::repeatOf);
            if (repeat.isPresent()) {
                return repeat.get();
            }
        }
        String leadId = submission.continuingLeadId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<LeadRecord> existing = submission.step2()
                    ? store.findById(submission.continuingLeadId())
                    : store.findLeadIdByEmail(submission.email()).flatMap(store::findById);
            if (submission.step2() && existing.isEmpty()) {
                throw new UnknownLeadException(submission.continuingLeadId());
            }
            Instant now = clock.instant();
            LeadRecord updated = apply(submission, form, existing, now);
            leadId = updated.id();
            List<TimelineEntry> timeline = timelineOf(submission, form, existing, updated, now);
            SubmissionMarker marker = markerKey == null ? null
                    : new SubmissionMarker(markerKey, updated.id(), existing.isEmpty(), now);
            SaveResult result = store.save(updated, existing.map(LeadRecord::version).orElse(0L), timeline, marker);
            switch (result) {
                case SAVED:
                    return new SubmissionOutcome(updated.id(), existing.isEmpty(), false, updated.qualification(),
                            existing.map(LeadRecord::qualification).orElse(null));
                case DUPLICATE_SUBMISSION:
                    return store.findSubmission(markerKey).map(this::repeatOf)
                            .orElseThrow(() -> new IllegalStateException("submission marker vanished"));
                case CONFLICT:
                default:
                    backOff(attempt);
            }
        }
        throw new ContentionException(leadId == null ? "(new)" : leadId, MAX_ATTEMPTS);
    }

    private LeadRecord apply(FormSubmission s, FormDefinition form, Optional<LeadRecord> existing, Instant now) {
        Lead lead = existing.map(LeadRecord::lead)
                .map(l -> l.withAnswers(s.answers()))
                .orElseGet(() -> new Lead(UUID.randomUUID().toString(), s.email(), s.answers(), List.of()));
        if (form.signal() != null) {
            lead = new Lead(lead.id(), lead.email(), lead.answers(),
                    pruned(lead.signals(), new Signal(form.signal(), now, "form:" + s.formId(), true)));
        }
        Qualification qualification = qualifier.qualifyAt(lead, now);

        ConsentRecord consent = existing.map(LeadRecord::consent).orElse(null);
        if (s.consent()) {
            consent = new ConsentRecord(now, s.formId(), s.source().get("pageUrl"), form.consent().version());
        }
        Map<String, String> source = existing.map(LeadRecord::source).filter(m -> !m.isEmpty())
                .orElseGet(() -> firstTouch(s));
        Instant awaitingStep2 = existing.map(LeadRecord::awaitingStep2Since).orElse(null);
        if (form.twoStep()) {
            awaitingStep2 = s.step2() ? null : (awaitingStep2 == null ? now : awaitingStep2);
        }
        Instant createdAt = existing.map(LeadRecord::createdAt).orElse(now);
        long version = existing.map(LeadRecord::version).orElse(0L) + 1;
        return new LeadRecord(lead, version, createdAt, now, consent, source, awaitingStep2,
                QualificationSummary.of(qualification));
    }

    private static Map<String, String> firstTouch(FormSubmission s) {
        Map<String, String> source = new java.util.TreeMap<>(s.source());
        source.put("formId", s.formId());
        return source;
    }

    private static List<TimelineEntry> timelineOf(FormSubmission s, FormDefinition form, Optional<LeadRecord> before,
                                                  LeadRecord after, Instant now) {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED,
                s.formId() + (form.twoStep() ? (s.step2() ? " step 2" : " step 1") : "")));
        if (form.signal() != null) {
            entries.add(new TimelineEntry(now, TimelineEntry.SIGNAL, form.signal().wireName() + " (form " + s.formId() + ")"));
        }
        if (s.consent()) {
            entries.add(new TimelineEntry(now, TimelineEntry.CONSENT_GIVEN, "consent text " + form.consent().version()
                    + " on form " + s.formId()));
        }
        QualificationSummary was = before.map(LeadRecord::qualification).orElse(null);
        QualificationSummary is = after.qualification();
        if (was == null || was.tier() != is.tier()) {
            entries.add(new TimelineEntry(now, TimelineEntry.TIER_CHANGED, (was == null ? "new" : was.tier().wireName())
                    + " → " + is.tier().wireName() + " at " + is.score() + " points"
                    + (is.disqualifiedBecause() == null ? "" : " (disqualified: " + is.disqualifiedBecause() + ")")));
        }
        if (was == null || was.stage() != is.stage()) {
            entries.add(new TimelineEntry(now, TimelineEntry.STAGE_CHANGED, (was == null ? "new" : was.stage().wireName())
                    + " → " + is.stage().wireName()));
        }
        return entries;
    }

    /** The lead's signals plus one, keeping the most recent {@value #SIGNALS_KEPT_PER_TYPE} of each type. */
    static List<Signal> pruned(List<Signal> signals, Signal added) {
        Map<SignalType, List<Signal>> byType = new EnumMap<>(SignalType.class);
        List<Signal> all = new ArrayList<>(signals);
        all.add(added);
        for (Signal s : all) {
            byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s);
        }
        List<Signal> kept = new ArrayList<>();
        byType.values().forEach(list -> {
            list.sort(Comparator.comparing(Signal::at).reversed());
            kept.addAll(list.subList(0, Math.min(list.size(), SIGNALS_KEPT_PER_TYPE)));
        });
        kept.sort(Comparator.comparing(Signal::at));
        return kept;
    }

    private SubmissionOutcome repeatOf(SubmissionMarker marker) {
        LeadRecord lead = store.findById(marker.leadId()).orElseThrow(() -> new UnknownLeadException(marker.leadId()));
        return new SubmissionOutcome(lead.id(), marker.createdLead(), true, lead.qualification(), lead.qualification());
    }

    /** Full-jitter exponential backoff, capped: contending writers spread out instead of colliding again. */
    private static void backOff(int attempt) {
        long cap = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a contended write", e);
        }
    }
}
