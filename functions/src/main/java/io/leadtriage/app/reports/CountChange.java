package io.leadtriage.app.reports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.FunnelLead;
import io.leadtriage.domain.reports.Tally;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a change to one lead does to the report counters: for each counter it touches, the difference between what the
 * lead counted for after the change and before it. Stored with the change, in its transaction, so the counters never
 * drift from the leads: a lead that moves from warm to hot takes one from warm and adds one to hot; an erased lead takes
 * back everything it had added. A lead stored before the counters existed counts for nothing until it is counted
 * (by its next change or by the backfill; {@link LeadRecord#counted()}).
 *
 * @param leadId      whose change it is (the store spreads counters over shards by it)
 * @param funnel      the funnel counts of the lead's cohort cell
 * @param calibration won and lost by the rule set the outcome was recorded with
 * @param emails      email figures (sent, delivered, clicked, unsubscribed, bounced, complained) by day, kind and
 *                    nurture sequence step: each added to in the write that records the email's event
 */
public record CountChange(String leadId, Map<Cohort, Tally> funnel, Map<RuleSet, Tally> calibration,
                          Map<EmailStep, Tally> emails) {
    public CountChange {
        funnel = nonEmpty(funnel);
        calibration = nonEmpty(calibration);
        emails = nonEmpty(emails);
    }

    public CountChange(String leadId, Map<Cohort, Tally> funnel, Map<RuleSet, Tally> calibration) {
        this(leadId, funnel, calibration, Map.of());
    }

    public static CountChange none(String leadId) {
        return new CountChange(leadId, Map.of(), Map.of());
    }

    /** One to one of an email's figures ({@link EmailStep#SENT}…); none when {@code step} is null. */
    public static CountChange email(String leadId, EmailStep step, String figure) {
        return none(leadId).plusEmail(step, figure);
    }

    /** This change and one to an email's figure ({@code step} null: this change as it is). */
    public CountChange plusEmail(EmailStep step, String figure) {
        if (step == null) {
            return this;
        }
        Map<EmailStep, Tally> more = new HashMap<>(emails);
        more.merge(step, new Tally(Map.of(figure, 1L)), Tally::plus);
        return new CountChange(leadId, funnel, calibration, more);
    }

    /** This change and {@code more} email figures. */
    public CountChange plusEmails(Map<EmailStep, Tally> more) {
        Map<EmailStep, Tally> all = new HashMap<>(emails);
        more.forEach((step, counts) -> all.merge(step, counts, Tally::plus));
        return new CountChange(leadId, funnel, calibration, all);
    }

    /** The change from {@code before} (null: a new lead) to {@code after} (null: erased). */
    public static CountChange between(LeadRecord before, LeadRecord after) {
        CountChange was = before == null || !before.counted() ? none(idOf(before, after)) : of(before);
        CountChange is = after == null ? none(idOf(before, after)) : of(after);
        return new CountChange(idOf(before, after), difference(is.funnel, was.funnel), difference(is.calibration, was.calibration));
    }

    /** Everything the lead counts for. */
    public static CountChange of(LeadRecord lead) {
        Map<RuleSet, Tally> calibration = new HashMap<>();
        String outcome = outcome(lead);
        if (outcome != null) {
            calibration.put(new RuleSet(YearMonth.from(lead.createdAt().atOffset(ZoneOffset.UTC)), lead.sales().rulesAtOutcome()),
                    new Tally(Map.of(outcome, 1L)));
        }
        return new CountChange(lead.id(), Map.of(Cohort.of(lead.createdAt(), lead.source()),
                FunnelCounts.of(funnelLead(lead), lead.sales().disposition())), calibration);
    }

    public boolean isEmpty() {
        return funnel.isEmpty() && calibration.isEmpty() && emails.isEmpty();
    }

    /** How the funnel report sees a stored lead. */
    public static FunnelLead funnelLead(LeadRecord lead) {
        Set<Stage> reached = lead.sales().stagesReached().stream().map(s -> Stage.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        return new FunnelLead(lead.id(), lead.createdAt(), lead.qualification().tier(), lead.qualification().stage(), reached,
                lead.sales().firstHotAt(), lead.sales().firstAlertSentAt(), lead.sales().opportunityAt(),
                lead.sales().wonAt(), lead.sales().lostAt(), lead.qualification().disqualifiedBecause() != null);
    }

    /** "won", "lost" (a deal lost, or a rep's losing disposition), or null while open: as calibration judges a lead. */
    public static String outcome(LeadRecord lead) {
        if (lead.sales().wonAt() != null) {
            return "won";
        }
        // Most leads have no disposition: Set.of(...) refuses to look up a null.
        boolean losing = lead.sales().disposition() != null && RecordDisposition.LOSING.contains(lead.sales().disposition());
        return lead.sales().lostAt() != null || losing ? "lost" : null;
    }

    private static String idOf(LeadRecord before, LeadRecord after) {
        return after != null ? after.id() : before.id();
    }

    private static <K> Map<K, Tally> difference(Map<K, Tally> after, Map<K, Tally> before) {
        Set<K> keys = new HashSet<>(after.keySet());
        keys.addAll(before.keySet());
        Map<K, Tally> changes = new HashMap<>();
        for (K key : keys) {
            changes.put(key, after.getOrDefault(key, Tally.NONE).minus(before.getOrDefault(key, Tally.NONE)));
        }
        return changes;
    }

    private static <K> Map<K, Tally> nonEmpty(Map<K, Tally> tallies) {
        Map<K, Tally> kept = new HashMap<>();
        tallies.forEach((k, t) -> {
            if (!t.isEmpty()) {
                kept.put(k, t);
            }
        });
        return Map.copyOf(kept);
    }
}
