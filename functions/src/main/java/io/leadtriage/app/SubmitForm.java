package io.leadtriage.app;

import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.QualificationModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The intake use case: one lead per email, answers merged, the form's signal added, consent and
 * attribution recorded; {@link LeadUpdates} then rescores the lead and stores it with what it calls for.
 */
public final class SubmitForm {
    /** Signals of one type kept per lead: scoring counts at most a few recent ones, decayed. */
    static final int SIGNALS_KEPT_PER_TYPE = 20;

    private final QualificationModel model;
    private final LeadUpdates updates;

    public SubmitForm(QualificationModel model, LeadUpdates updates) {
        this.model = model;
        this.updates = updates;
    }

    /**
     * @throws UnknownLeadException when a step-2 token names a lead that does not exist
     * @throws ContentionException  when the lead stayed contended through every retry
     */
    public LeadUpdates.Applied submit(FormSubmission submission, String apiBaseUrl) {
        FormDefinition form = model.forms().get(submission.formId());
        if (form == null) {
            throw new IllegalArgumentException("unknown form " + submission.formId());
        }
        String onceKey = submission.submissionId() == null ? contentKey(submission)
                : "form#" + submission.formId() + "#" + submission.submissionId();
        LeadUpdates.Lookup lookup = submission.step2() ? LeadUpdates.Lookup.byId(submission.continuingLeadId())
                : LeadUpdates.Lookup.byEmail(submission.email());
        return updates.apply(lookup, onceKey, (current, now) -> {
            if (submission.step2() && current.isEmpty()) {
                throw new UnknownLeadException(submission.continuingLeadId());
            }
            return Optional.of(draft(submission, form, current, now, apiBaseUrl));
        });
    }

    private static LeadUpdates.Draft draft(FormSubmission s, FormDefinition form, Optional<LeadRecord> existing,
                                           Instant now, String apiBaseUrl) {
        Lead lead = existing.map(LeadRecord::lead)
                .map(l -> l.withAnswers(s.answers()))
                .orElseGet(() -> new Lead(UUID.randomUUID().toString(), s.email(), s.answers(), List.of()));
        if (form.signal() != null) {
            lead = new Lead(lead.id(), lead.email(), lead.answers(),
                    pruned(lead.signals(), new Signal(form.signal(), now, "form:" + s.formId(), true)));
        }
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
        LeadRecord draft = new LeadRecord(lead, existing.map(LeadRecord::version).orElse(0L),
                existing.map(LeadRecord::createdAt).orElse(now), now, consent, source, awaitingStep2,
                existing.map(LeadRecord::qualification).orElse(null), existing.map(LeadRecord::hotEpisode).orElse(0),
                existing.map(LeadRecord::nurture).orElse(null), existing.map(LeadRecord::contact).orElse(null),
                existing.map(LeadRecord::apiBaseUrl).filter(u -> u != null).orElse(apiBaseUrl),
                existing.map(LeadRecord::reviewTierAt).orElse(null),
                s.spamSuspect() ? existing.map(LeadRecord::sales).orElse(SalesState.NONE).asSpamSuspect()
                        : existing.map(LeadRecord::sales).orElse(null));

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
        return new LeadUpdates.Draft(draft, entries, LeadUpdates.Cause.form(s.formId()));
    }

    /** The same form with the same answers from the same person, for a submission that has no id. */
    static String contentKey(FormSubmission s) {
        StringBuilder content = new StringBuilder(s.formId()).append('\n')
                .append(s.step2() ? "lead:" + s.continuingLeadId() : "email:" + s.email()).append('\n')
                .append(s.consent()).append('\n');
        new TreeMap<>(s.answers().asMap()).forEach((k, v) -> content.append(k).append('=').append(v).append('\n'));
        return LeadUpdates.CONTENT_HASH_PREFIX + Secrets.sha256Hex(content.toString());
    }

    private static Map<String, String> firstTouch(FormSubmission s) {
        Map<String, String> source = new TreeMap<>(s.source());
        source.put("formId", s.formId());
        return source;
    }

    /** The lead's signals plus one, keeping the most recent {@value #SIGNALS_KEPT_PER_TYPE} of each type. */
    public static List<Signal> pruned(List<Signal> signals, Signal added) {
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
}
