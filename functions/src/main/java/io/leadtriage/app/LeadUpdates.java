package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.UnverifiedSubmission;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.domain.AlertRouting;
import io.leadtriage.domain.Qualification;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.Reminder;
import io.leadtriage.domain.model.Sequence;
import io.leadtriage.domain.model.SequenceStep;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every change to a lead goes through here: read, change, requalify, decide what the change calls for
 * (a sales alert when the lead turns hot, joining, moving or leaving a nurture sequence, the "finish your
 * request" reminder), and store it all in one conditional write, retried on conflict. So a form, a
 * survey answer or an email click all alert sales and steer nurture the same way.
 */
public final class LeadUpdates {
    static final int MAX_ATTEMPTS = 40;
    /** Keys the client gave (a submission id, an event id) and SES event ids stand for a week. */
    static final java.time.Duration MARKER_LIFETIME = java.time.Duration.ofDays(7);
    /**
     * A submission without an id is known by a hash of its content, and only for a few minutes: the same
     * answers posted twice in a row are one submission (a double click, a retried request); the same
     * answers next week are a new one.
     */
    public static final String CONTENT_HASH_PREFIX = "hash#";
    static final java.time.Duration CONTENT_HASH_LIFETIME = java.time.Duration.ofMinutes(10);
    /** How long a lead halfway through a two-step form waits before its nurture sequence starts. */
    static final java.time.Duration STEP2_GRACE = java.time.Duration.ofDays(1);

    private final LeadUnitOfWork store;
    private final ModelInEffect models;
    private final Clock clock;
    private final AfterCommit afterCommit;

    /** @param afterCommit what follows every stored change (the sales alerts it planned are sent at once) */
    public LeadUpdates(LeadUnitOfWork store, ModelInEffect models, Clock clock, AfterCommit afterCommit) {
        this.store = store;
        this.afterCommit = afterCommit;
        this.models = models;
        this.clock = clock;
    }

    /**
     * The step that follows a stored change, in the same invocation: the sales alerts it planned go out now
     * (within seconds of a hot submission). They are stored already, so a failure here is retried by the
     * scheduled dispatch and never undoes or fails the change.
     */
    @FunctionalInterface
    public interface AfterCommit {
        void committed(Applied applied);
    }

    /** A change to one lead: given what is stored (empty for a lead not yet known), what it becomes. */
    @FunctionalInterface
    public interface Change {
        /** @return the changed lead with the timeline entries the change itself made; empty to change nothing */
        Optional<Draft> apply(Optional<LeadRecord> current, Instant now);
    }

    /**
     * A changed lead before requalification, and the entries that explain the change.
     *
     * @param cause           what the change was, for a sales alert's "why now" should it turn the lead hot; null for
     *                        changes that cannot (an outcome, an unsubscribe) or are none of a form, a survey, a signal
     * @param alertIfHot      a lead this change turns hot alerts sales (false: it is hot, sales takes over from nurture,
     *                        but no alert is planned; a rescoring the marketer did not ask to alert)
     * @param requalifyOnly   the lead itself is unchanged: the change is its requalification, written only if the
     *                        verdict, the next review or what the verdict calls for changes (else nothing is written)
     * @param emails          the email figures the change adds to (a click, a bounce, an unsubscribe), in its write
     */
    public record Draft(LeadRecord lead, List<TimelineEntry> timeline, Cause cause, UnverifiedSubmission unverified,
                        boolean alertIfHot, boolean requalifyOnly, Map<EmailStep, Tally> emails) {
        public Draft {
            emails = Map.copyOf(emails);
        }

        public Draft(LeadRecord lead, List<TimelineEntry> timeline, Cause cause, UnverifiedSubmission unverified,
                     boolean alertIfHot, boolean requalifyOnly) {
            this(lead, timeline, cause, unverified, alertIfHot, requalifyOnly, Map.of());
        }

        public Draft(LeadRecord lead, List<TimelineEntry> timeline, Cause cause, UnverifiedSubmission unverified) {
            this(lead, timeline, cause, unverified, true, false);
        }

        public Draft(LeadRecord lead, List<TimelineEntry> timeline, Cause cause) {
            this(lead, timeline, cause, null);
        }

        public Draft(LeadRecord lead, List<TimelineEntry> timeline) {
            this(lead, timeline, null, null);
        }

        /** The stored lead requalified as it is (a model change), with {@code entry} in its timeline if anything changes. */
        public static Draft requalification(LeadRecord lead, TimelineEntry entry, boolean alertIfHot) {
            return new Draft(lead, List.of(entry), null, null, alertIfHot, true);
        }

        /** This draft, adding one to an email's {@code figure} in its write (nothing when {@code step} is null). */
        public Draft counting(EmailStep step, String figure) {
            return new Draft(lead, timeline, cause, unverified, alertIfHot, requalifyOnly,
                    CountChange.email(lead.id(), step, figure).plusEmails(emails).emails());
        }
    }

    /** What a change was: {@code form:<formId>}, {@code survey:<surveyId>} or {@code signal:<type>}, with the signal's detail. */
    public record Cause(String what, String detail) {
        public static Cause form(String formId) {
            return new Cause(HotTrigger.FORM + formId, "");
        }

        public static Cause survey(String surveyId) {
            return new Cause(HotTrigger.SURVEY + surveyId, "");
        }

        public static Cause signal(io.leadtriage.domain.Signal signal) {
            return new Cause(HotTrigger.SIGNAL + signal.type().wireName(), signal.detail());
        }
    }

    /** What a stored change did. @param before null for a new lead */
    public record Applied(LeadRecord before, LeadRecord after, boolean repeat, boolean changed, List<OutboxItem> outbox) {
        /** The lead is new with this change (or with the earlier one this repeats). */
        public boolean created() {
            return before == null;
        }

        /** This change started a hot episode (a new lead that is hot at once included). */
        public boolean turnedHot() {
            return after != null && after.hotEpisode() > (before == null ? 0 : before.hotEpisode());
        }
    }

    /**
     * @param find     how to find the lead: by id or by email
     * @param onceKey  an idempotency key (a submission id, an event id), or null
     * @throws ContentionException when the lead stayed contended through every retry
     */
    public Applied apply(Lookup find, String onceKey, Change change) {
        if (onceKey != null) {
            Optional<IdempotencyMarker> done = store.findMarker(onceKey).filter(m -> m.standsAt(clock.instant()));
            if (done.isPresent()) {
                return repeatOf(done.get());
            }
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<LeadRecord> current = find.in(store);
            Instant now = clock.instant();
            Optional<Draft> draft = change.apply(current, now);
            if (draft.isEmpty()) {
                return new Applied(current.orElse(null), current.orElse(null), false, false, List.of());
            }
            LeadWrite write = requalified(current.orElse(null), draft.get(), onceKey, now);
            if (draft.get().requalifyOnly() && current.isPresent() && changesNothing(current.get(), write)) {
                return new Applied(current.get(), current.get(), false, false, List.of());
            }
            SaveResult result = store.save(write);
            switch (result) {
                case SAVED:
                    Applied applied = new Applied(current.orElse(null), write.lead(), false, true, write.outboxPuts());
                    count(applied);
                    afterCommit.committed(applied);
                    return applied;
                case DUPLICATE:
                    return store.findMarker(onceKey).map(this::repeatOf)
                            .orElseThrow(() -> new IllegalStateException("idempotency marker vanished"));
                case CONFLICT:
                default:
                    backOff(attempt);
            }
        }
        throw new ContentionException(find.describe(), MAX_ATTEMPTS);
    }

    /** A new lead (by form, tier and stage), or a known one whose tier changed (by the tier it moved to). */
    private static void count(Applied applied) {
        QualificationSummary is = applied.after().qualification();
        if (applied.created()) {
            String form = applied.after().source() == null ? null : applied.after().source().get("formId");
            Metrics.count(Metric.LEADS, "Form", form, "Tier", is.tier().wireName(), "Stage", is.stage().wireName());
        } else if (applied.before().qualification().tier() != is.tier()) {
            Metrics.count(Metric.LEADS_REQUALIFIED, "Tier", is.tier().wireName());
        }
    }

    /**
     * A requalification that changes nothing worth a write: the same verdict (its time aside), the same next review
     * (to the millisecond the table keeps), and nothing planned or withdrawn (every change of nurture, reminder,
     * confirmation or hot episode plans or withdraws an outbox item).
     */
    private static boolean changesNothing(LeadRecord before, LeadWrite write) {
        QualificationSummary was = before.qualification();
        return write.outboxPuts().isEmpty() && write.outboxDeletes().isEmpty() && was != null
                && was.sameVerdictAs(write.lead().qualification())
                && millis(before.reviewTierAt()) == millis(write.lead().reviewTierAt());
    }

    private static long millis(Instant at) {
        return at == null ? Long.MIN_VALUE : at.toEpochMilli();
    }

    /** Requalifies the draft and adds what the new verdict calls for. */
    private LeadWrite requalified(LeadRecord before, Draft draft, String onceKey, Instant now) {
        LeadRecord d = draft.lead();
        ModelInEffect.Version model = models.current();
        Qualifier qualifier = model.qualifier();
        Qualification q = qualifier.qualifyAt(d.lead(), now);
        QualificationSummary was = before == null ? null : before.qualification();
        QualificationSummary is = QualificationSummary.of(q);
        List<TimelineEntry> timeline = new ArrayList<>(draft.timeline());
        if (was == null || was.tier() != is.tier()) {
            timeline.add(new TimelineEntry(now, TimelineEntry.TIER_CHANGED, (was == null ? "new" : was.tier().wireName())
                    + " → " + is.tier().wireName() + " at " + is.score() + " points"
                    + (is.disqualifiedBecause() == null ? "" : " (disqualified: " + is.disqualifiedBecause() + ")")));
        }
        if (was == null || was.stage() != is.stage()) {
            timeline.add(new TimelineEntry(now, TimelineEntry.STAGE_CHANGED, (was == null ? "new" : was.stage().wireName())
                    + " → " + is.stage().wireName()));
        }
        List<OutboxItem> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();

        boolean hotNow = q.alertsSales() && !d.sales().spamSuspect();
        boolean hotBefore = was != null && was.alertsSales();
        int episode = d.hotEpisode();
        SalesState sales = d.sales();
        if (hotNow && !hotBefore && !draft.alertIfHot()) {
            timeline.add(new TimelineEntry(now, TimelineEntry.ALERT_PLANNED, "turned hot: no sales alert (not asked for)"));
        } else if (hotNow && !hotBefore) {
            episode++;
            sales = sales.withFirstHot(now).withHotTrigger(HotTrigger.of(now, draft.cause(), before, d, is));
            AlertRouting routing = model.router().route(d.lead(), q);
            puts.add(OutboxItem.salesAlert(d.id(), episode, routing.routeId(), routing.pool(), routing.rotate(), now));
            for (String webhook : routing.chat()) {
                puts.add(OutboxItem.chatAlert(d.id(), episode, routing.routeId(), webhook, now));
            }
            timeline.add(new TimelineEntry(now, TimelineEntry.ALERT_PLANNED, "sales alert for hot episode " + episode));
        }

        NurtureState nurture = d.nurture();
        ConsentRecord consent = d.consent();
        boolean doubleOptIn = model.model().nurture() != null && model.model().nurture().doubleOptIn() != null;
        boolean consented = consent != null && consent.allowsMarketing(doubleOptIn);
        boolean eligible = consented && d.contact().mayGetMarketing() && !hotNow && !q.disqualified();
        Optional<Sequence> target = eligible ? model.planner().sequenceFor(q) : Optional.empty();
        if (target.isEmpty()) {
            if (nurture != null && nurture.active()) {
                String why = hotNow ? "turned hot: sales takes over" : q.disqualified() ? "disqualified"
                        : !d.contact().mayGetMarketing() ? "no marketing email allowed" : "no sequence matches";
                nurture = nurture.stopped(why);
                deletes.add(OutboxItem.NURTURE_SLOT);
                timeline.add(new TimelineEntry(now, TimelineEntry.NURTURE, "left " + nurture.sequenceId() + ": " + why));
            }
        } else {
            Sequence sequence = target.get();
            boolean sameSequence = nurture != null && sequence.id().equals(nurture.sequenceId());
            if (!sameSequence) {
                // Moving from another sequence (a change of tier or pain point): the emails it sent are not sent again.
                String left = nurture == null ? null : nurture.sequenceId();
                int stepsHad = nurture == null ? 0 : nurture.nextStep();
                int first = model.planner().firstStepNotHad(sequence, left, stepsHad);
                String joined = "joined " + sequence.id() + (first == 0 ? "" : " at step " + (first + 1) + ": "
                        + String.join(", ", sequence.steps().subList(0, first).stream().map(SequenceStep::template).toList())
                        + " already sent");
                if (first == sequence.steps().size()) {
                    nurture = new NurtureState(sequence.id(), first, NurtureState.COMPLETED, null);
                    deletes.add(OutboxItem.NURTURE_SLOT);
                } else {
                    nurture = new NurtureState(sequence.id(), first, NurtureState.ACTIVE, null);
                    Instant due = now.plus(sequence.steps().get(first).after());
                    if (d.awaitingStep2Since() != null && due.isBefore(d.awaitingStep2Since().plus(STEP2_GRACE))) {
                        // Halfway through a two-step form: give step 2 (and its reminder) a day before nurture starts.
                        due = d.awaitingStep2Since().plus(STEP2_GRACE);
                    }
                    puts.add(OutboxItem.nurtureStep(d.id(), sequence.id(), first, due, now));
                }
                timeline.add(new TimelineEntry(now, TimelineEntry.NURTURE, joined));
            } else if (NurtureState.STOPPED.equals(nurture.status()) && nurture.nextStep() < sequence.steps().size()) {
                // Back in the same audience (a hot lead that cooled): carry on where it stopped, not from the top.
                nurture = new NurtureState(sequence.id(), nurture.nextStep(), NurtureState.ACTIVE, null);
                puts.add(OutboxItem.nurtureStep(d.id(), sequence.id(), nurture.nextStep(),
                        now.plus(sequence.steps().get(nurture.nextStep()).after()), now));
                timeline.add(new TimelineEntry(now, TimelineEntry.NURTURE, "resumed " + sequence.id()));
            }
        }

        ContactState contact = d.contact();
        Reminder reminder = qualifier.model().nurture() == null ? null : qualifier.model().nurture().reminder();
        if (reminder != null && d.awaitingStep2Since() != null && consented && !contact.reminderScheduled()
                && contact.mayGetMarketing() && !q.disqualified()) {
            puts.add(OutboxItem.reminder(d.id(), d.awaitingStep2Since().plus(reminder.after()), now));
            contact = new ContactState(contact.unsubscribedAt(), contact.suppressedBecause(), contact.lastMarketingAt(), true);
        }
        if (doubleOptIn && consent != null && consent.confirmedAt() == null && consent.confirmationAskedAt() == null
                && contact.mayGetMarketing() && !q.disqualified()) {
            // Once per consent: the lead confirms from this email, or gets no marketing email at all.
            puts.add(OutboxItem.confirmation(d.id(), now));
            consent = consent.confirmationPlanned(now);
            timeline.add(new TimelineEntry(now, TimelineEntry.CONSENT_GIVEN, "confirmation email planned (double opt-in)"));
        }

        LeadRecord after = d.changed().version((before == null ? 0 : before.version()) + 1)
                .createdAt(before == null ? now : before.createdAt()).updatedAt(now).qualification(is).hotEpisode(episode)
                .nurture(nurture).contact(contact).consent(consent).reviewTierAt(qualifier.nextTierChange(d.lead(), q.tier(), now).orElse(null))
                .sales(sales.withStage(is.stage().wireName())).counted(true).build();
        // The lead events this change calls for, stored with it: published at least once, in order, never lost.
        puts.addAll(io.leadtriage.app.events.LeadEvents.forChange(before, after, model.model(), now));
        IdempotencyMarker marker = onceKey == null ? null : new IdempotencyMarker(onceKey, d.id(), before == null, now,
                now.plus(onceKey.startsWith(CONTENT_HASH_PREFIX) ? CONTENT_HASH_LIFETIME : MARKER_LIFETIME));
        return new LeadWrite(after, before == null ? 0 : before.version(), timeline, marker, puts, deletes, draft.unverified(),
                CountChange.between(before, after).plusEmails(draft.emails()));
    }

    /** The lead an unverified submission's id (in a visitor's token) stands for, while it has not expired. */
    public Optional<String> leadIdOfUnverifiedSubmission(String submissionId) {
        return store.findLeadIdByUnverifiedSubmission(submissionId, clock.instant());
    }

    private Applied repeatOf(IdempotencyMarker marker) {
        LeadRecord lead = store.findById(marker.leadId()).orElseThrow(() -> new UnknownLeadException(marker.leadId()));
        return new Applied(marker.createdLead() ? null : lead, lead, true, false, List.of());
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

    /** How to find the lead a change is for. */
    public interface Lookup {
        Optional<LeadRecord> in(LeadUnitOfWork store);

        String describe();

        static Lookup byId(String leadId) {
            return new Lookup() {
                public Optional<LeadRecord> in(LeadUnitOfWork store) {
                    return store.findById(leadId);
                }

                public String describe() {
                    return leadId;
                }
            };
        }

        /**
         * The lead as {@code read} already (a page of a paged read): the first attempt starts from it, and a write
         * over a stale read fails on the lead's version, so the next attempts read it again by id.
         */
        static Lookup read(LeadRecord read) {
            return new Lookup() {
                private boolean first = true;

                public Optional<LeadRecord> in(LeadUnitOfWork store) {
                    if (first) {
                        first = false;
                        return Optional.of(read);
                    }
                    return store.findById(read.id());
                }

                public String describe() {
                    return read.id();
                }
            };
        }

        static Lookup byEmail(String email) {
            return new Lookup() {
                public Optional<LeadRecord> in(LeadUnitOfWork store) {
                    return store.findLeadIdByEmail(email).flatMap(store::findById);
                }

                public String describe() {
                    return "(by email)";
                }
            };
        }
    }
}
