package io.leadtriage.app;

import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.ports.ReportCounters.Backfill;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 */
public final class CountStoredLeads {
    static final int PAGE = 100;
    static final Duration LEASE = Duration.ofMinutes(6);
    /** Reads of one lead that keeps changing under the backfill before it gives up on it (its changes count it). */
    static final int ATTEMPTS = 5;

    private final LeadQueries leads;
    private final ReportCounters counters;
    private final Clock clock;

    public CountStoredLeads(LeadQueries leads, ReportCounters counters, Clock clock) {
        this.leads = leads;
        this.counters = counters;
        this.clock = clock;
    }

    /** Starts a backfill. @return the backfill as recorded, and whether this call started it (false: one is under way) */
    public Started start() {
        boolean started = counters.startBackfill(clock.instant());
        if (started) {
            Log.info("counters backfill started", Map.of());
        }
        return new Started(started, counters.backfill().orElseThrow());
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
            for (LeadRecord lead : page.leads()) {
                countedHere += count(lead) ? 1 : 0;
            }
            examined += page.leads().size();
            counted += countedHere;
            Instant now = clock.instant();
            progress = new Backfill(progress.startedAt(), page.nextCursor() == null ? now : null, page.nextCursor(),
                    progress.examined() + page.leads().size(), progress.counted() + countedHere);
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
            Log.info("counters backfill finished", Map.of("leads", progress.examined(), "counted", progress.counted()));
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
}
