package io.leadtriage.app;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.ports.ReportCounters.Backfill;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The backfill of the report counters: a stack that held leads before the counters existed counts every one of them,
 * once, in the background. Started from the admin API; the scheduled review function goes on with it run after run, as
 * with a model's rescoring (the same shape: a lease of {@link #LEASE}, progress recorded after each page of
 * {@link #PAGE}), until every lead was read. Each lead is counted with a write conditional on its version and on not
 * being counted yet, so a lead changed meanwhile (its change counts it whole) or read twice by a run that stopped
 * mid-page is never counted twice.
 *
 * <p>With each lead it counts the email figures of what happened to the lead's emails before the figures were kept
 * ({@link PastEmailFigures}, from the sent messages still kept, 90 days of them, and the lead's timeline), each
 * message with a write conditional on the message not being marked as backfilled yet, which marks it: a message is
 * counted once, however often it is read. Events from {@link Backfill#emailsBefore()} on were counted as they
 * happened and are left out: that instant is the start of the day before the first day the figures hold, since SES
 * reports an event up to a day late and one so reported after the figures began was counted then, whatever its day.
 * That day may be short (what SES reported of it before the figures began is in no figure), never doubled.
 */
public final class CountStoredLeads {
    static final int PAGE = 100;
    static final Duration LEASE = Duration.ofMinutes(6);
    /** Reads of one lead that keeps changing under the backfill before it gives up on it (its changes count it). */
    static final int ATTEMPTS = 5;
    /**
     * How far back the start of the email figures is looked for: longer than sent messages are kept (90 days), so that
     * a first figure older than that puts the start before every message, as an older one would.
     */
    static final Duration FIGURES_LOOKED_BACK = Duration.ofDays(120);
    /** How late an SES event may reach us: EventBridge retries its delivery for 24 hours (template.yaml's RetryPolicy). */
    static final Duration LATEST_REPORT = Duration.ofDays(1);

    private final LeadQueries leads;
    private final MessageLog messages;
    private final ReportCounters counters;
    private final Clock clock;

    public CountStoredLeads(LeadQueries leads, MessageLog messages, ReportCounters counters, Clock clock) {
        this.leads = leads;
        this.messages = messages;
        this.counters = counters;
        this.clock = clock;
    }

    /** Starts a backfill. @return the backfill as recorded, and whether this call started it (false: one is under way) */
    public Started start() {
        Instant now = clock.instant();
        boolean started = counters.startBackfill(now, emailFiguresKeptSince(now).minus(LATEST_REPORT));
        if (started) {
            Log.info("counters backfill started", Map.of());
        }
        return new Started(started, counters.backfill().orElseThrow());
    }

    /** The start of the first day the email figures hold (of the last {@link #FIGURES_LOOKED_BACK}); today's when none. */
    private Instant emailFiguresKeptSince(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = counters.emailsByDay(LocalDate.ofInstant(now.minus(FIGURES_LOOKED_BACK), ZoneOffset.UTC),
                today.plusDays(1)).keySet().stream().map(EmailStep::day).min(LocalDate::compareTo).orElse(today);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public record Started(boolean started, Backfill progress) {
    }

    public Optional<Backfill> progress() {
        return counters.backfill();
    }

    /** What one run did. */
    public record Run(Backfill progress, int examined, int counted) {
    }

    /**
     * Goes on with an unfinished backfill no other run holds, page after page until it is finished or {@code budget} is
     * spent. @return empty when there was nothing to go on with
     */
    public Optional<Run> continueBackfill(Budget budget) {
        if (!budget.allows(0)) {
            return Optional.empty();
        }
        String holder = UUID.randomUUID().toString();
        Optional<Backfill> claimed = counters.claimBackfill(holder, clock.instant(), clock.instant().plus(LEASE));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Backfill progress = claimed.get();
        int examined = 0;
        int counted = 0;
        boolean held = true;
        while (held && !progress.finished() && budget.allows(examined)) {
            LeadPage page = leads.everyLead(PAGE, progress.cursor(), true);
            int countedHere = 0;
            int emailsHere = 0;
            for (LeadRecord lead : page.leads()) {
                countedHere += count(lead) ? 1 : 0;
                emailsHere += countEmails(lead, progress.emailsBefore());
            }
            examined += page.leads().size();
            counted += countedHere;
            Instant now = clock.instant();
            progress = new Backfill(progress.startedAt(), page.nextCursor() == null ? now : null, page.nextCursor(),
                    progress.examined() + page.leads().size(), progress.counted() + countedHere, progress.emailsBefore(),
                    progress.emails() + emailsHere);
            held = counters.recordBackfill(progress, holder, now.plus(LEASE));
            if (!held) {
                Log.warn("counters backfill taken over by another run; stopping", Map.of());
            }
        }
        if (held && !progress.finished()) {
            // Out of time: the lease is let go, so that the next run goes on at once.
            counters.recordBackfill(progress, holder, clock.instant().minusMillis(1));
        }
        if (progress.finished()) {
            Log.info("counters backfill finished", Map.of("leads", progress.examined(), "counted", progress.counted(),
                    "emails", progress.emails()));
        }
        return Optional.of(new Run(progress, examined, counted));
    }

    /** Counts the lead unless it is counted already; reads it again while it changes under us. */
    private boolean count(LeadRecord read) {
        Optional<LeadRecord> lead = Optional.of(read);
        for (int attempt = 1; attempt <= ATTEMPTS && lead.isPresent() && !lead.get().counted(); attempt++) {
            if (counters.count(lead.get())) {
                return true;
            }
            lead = leads.findById(read.id());
        }
        return false;
    }

    /**
     * Counts what happened to the lead's emails before {@code before} (null: a backfill started before emails were
     * backfilled counts none), each message not counted yet at once with its mark. @return the messages counted
     */
    int countEmails(LeadRecord lead, Instant before) {
        if (before == null) {
            return 0;
        }
        List<SentMessage> kept = messages.sentMessages(lead.id());
        if (kept.stream().allMatch(m -> m.backfilled() || !m.sentAt().isBefore(before))) {
            return 0;
        }
        Map<String, CountChange> figures = PastEmailFigures.of(lead, kept, leads.timeline(lead.id()), before);
        int counted = 0;
        for (SentMessage m : kept) {
            CountChange past = figures.get(m.sendId());
            if (!m.backfilled() && past != null && counters.countMessage(m, past)) {
                counted++;
            }
        }
        return counted;
    }
}
