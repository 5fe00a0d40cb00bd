package io.leadtriage.app;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.ConfigStore.Rescoring;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * After a model change, the stored leads are requalified with the new version in the background: every stored lead, a
 * page at a time, through the one lead-change path (so a lead that turns hot leaves nurture, one that cools joins it),
 * by the scheduled review function, run after run, until every lead was read. A run takes the rescoring under a lease
 * (two runs at once do not both go on with it) and records its progress after each page, so the next run goes on
 * from there and the admin API shows how far it is. A lead whose verdict the new model leaves as it is gets no write.
 * Leads it turns hot alert sales only if the marketer asked for it with the change (then only those: a lead hot
 * already is not alerted again).
 */
public final class RescoreLeads {
    /** Leads read at a time. */
    static final int PAGE = 100;
    /** Outlasts a run of the review function (300 s) so that no other run takes a rescoring that one still goes on with. */
    static final Duration LEASE = Duration.ofMinutes(6);

    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final LeadQueries leads;
    private final ConfigStore rescorings;
    private final Clock clock;

    public RescoreLeads(ModelInEffect models, LeadUpdates updates, LeadQueries leads, ConfigStore rescorings, Clock clock) {
        this.models = models;
        this.updates = updates;
        this.rescorings = rescorings;
        this.leads = leads;
        this.clock = clock;
    }

    /** What one run did. @param progress the rescoring as this run left it */
    public record Run(Rescoring progress, int examined, int changed) {
    }

    /**
     * Goes on with the rescoring of the model version in effect, if it has one unfinished that no other run holds,
     * page after page until it is finished or {@code budget} is spent.
     *
     * @return empty when there was nothing to go on with
     */
    public Optional<Run> continueRescoring(Budget budget) {
        ModelInEffect.Version model = models.refreshNow();
        if (model.number() == 0 || !budget.allows(0)) {
            return Optional.empty();
        }
        String holder = UUID.randomUUID().toString();
        Optional<Rescoring> claimed = rescorings.claimRescoring(model.number(), holder, clock.instant(), clock.instant().plus(LEASE));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Rescoring progress = claimed.get();
        int examined = 0;
        int changed = 0;
        boolean held = true;
        while (held && !progress.finished() && budget.allows(examined)) {
            LeadPage page = leads.everyLead(PAGE, progress.cursor(), true);
            long tiers = 0;
            long newlyHot = 0;
            int changedHere = 0;
            for (LeadRecord lead : page.leads()) {
                LeadUpdates.Applied applied = rescore(lead, progress);
                if (applied.changed()) {
                    changedHere++;
                    tiers += applied.before().qualification().tier() != applied.after().qualification().tier() ? 1 : 0;
                    newlyHot += !applied.before().qualification().alertsSales() && applied.after().qualification().alertsSales() ? 1 : 0;
                }
            }
            examined += page.leads().size();
            changed += changedHere;
            Instant now = clock.instant();
            progress = new Rescoring(progress.version(), progress.alertNewlyHot(), progress.startedAt(),
                    page.nextCursor() == null ? now : null, page.nextCursor(), progress.examined() + page.leads().size(),
                    progress.changed() + changedHere, progress.tierChanges() + tiers, progress.newlyHot() + newlyHot);
            held = rescorings.recordRescoring(progress, holder, now.plus(LEASE));
            if (!held) {
                Log.warn("rescoring taken over by another run; stopping", Map.of("version", progress.version()));
            }
        }
        if (held && !progress.finished()) {
            // Out of time: the lease is let go, so that the next run goes on at once.
            rescorings.recordRescoring(progress, holder, clock.instant().minusMillis(1));
        }
        if (progress.finished()) {
            Log.info("rescoring finished", Map.of("version", progress.version(), "leads", progress.examined(),
                    "changed", progress.changed(), "newlyHot", progress.newlyHot()));
        }
        return Optional.of(new Run(progress, examined, changed));
    }

    private LeadUpdates.Applied rescore(LeadRecord read, Rescoring rescoring) {
        String why = "rescored with model version " + rescoring.version();
        try {
            return updates.apply(LeadUpdates.Lookup.read(read), null, (current, now) -> current.map(lead ->
                    LeadUpdates.Draft.requalification(lead, new TimelineEntry(now, TimelineEntry.RESCORED, why),
                            rescoring.alertNewlyHot())));
        } catch (ContentionException e) {
            // A lead that busy is being requalified with the new model by its own changes.
            Log.warn("rescoring of a contended lead skipped", Map.of("leadId", read.id()));
            return new LeadUpdates.Applied(read, read, false, false, java.util.List.of());
        }
    }
}
