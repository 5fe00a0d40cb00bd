package io.leadtriage.domain.reports;

import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The funnel for one period, as a cohort: the leads whose <b>first touch</b> falls in {@code [from, to)}
 * (from inclusive, to exclusive), with everything that has happened to them since, up to the moment the
 * report is made. A lead therefore belongs to exactly one period, and adjacent periods never count a lead
 * twice; a recent period's conversion figures keep growing as its leads mature.
 *
 * <p>Every figure is computed over that cohort:
 * <ul>
 *   <li>{@code byTier}, {@code byStage}: the leads' <i>current</i> tier and stage (every key present).
 *       Disqualified leads are counted (as cold, at stage lead) and also reported in
 *       {@code disqualifiedLeads}.</li>
 *   <li>{@code reachedByStage}: leads that were <i>ever</i> at each stage; {@code qualifiedLeads}: leads
 *       that ever reached MQL, PQL or SQL.</li>
 *   <li>{@code mqlToSqlRate} = leads that ever reached SQL ÷ {@code qualifiedLeads}. The denominator is
 *       "MQL or better" rather than "was ever an MQL" because stages are not a strict ladder: a lead that
 *       requests a demo on its first submission is an SQL without ever being an MQL, and a PQL is
 *       marketing-qualified too. Between 0 and 1; null when no lead qualified.</li>
 *   <li>{@code leadToOpportunityRatio} = {@code opportunities} ÷ {@code totalLeads}, where a lead is an
 *       opportunity if sales recorded it as one or recorded it as won; null for an empty period.</li>
 *   <li>{@code salesCycle}: first touch → won, for the cohort's won leads.</li>
 *   <li>{@code speedToAlert}: lead turned hot → sales alert handed to SES, for the cohort's alerted
 *       leads.</li>
 * </ul>
 */
public record FunnelReport(Instant from, Instant to, int totalLeads, int disqualifiedLeads,
                           Map<Tier, Integer> byTier, Map<Stage, Integer> byStage,
                           Map<Stage, Integer> reachedByStage, int qualifiedLeads, Double mqlToSqlRate,
                           int opportunities, Double leadToOpportunityRatio,
                           SalesCycle salesCycle, SpeedToAlert speedToAlert) {

    private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    /**
     * First touch → won, in days (fractional, to the millisecond).
     *
     * @param medianDays the middle value; for an even count, the mean of the two middle values; null if
     *                   no lead was won
     * @param meanDays   null if no lead was won
     */
    public record SalesCycle(int wonLeads, Double medianDays, Double meanDays) {
    }

    /**
     * Lead turned hot → sales alert handed to SES, as nearest-rank percentiles: p50 is the alert at rank
     * ⌈0.50 × n⌉ and p95 the one at rank ⌈0.95 × n⌉ of the n delays sorted ascending, so each is a delay
     * some alert really had. Both null if no alert was sent.
     */
    public record SpeedToAlert(int alertedLeads, Duration p50, Duration p95) {
    }

    public FunnelReport {
        byTier = Collections.unmodifiableMap(new EnumMap<>(byTier));
        byStage = Collections.unmodifiableMap(new EnumMap<>(byStage));
        reachedByStage = Collections.unmodifiableMap(new EnumMap<>(reachedByStage));
    }

    /** The report on the leads whose first touch is in {@code [from, to)}; other leads are ignored. */
    public static FunnelReport of(List<FunnelLead> leads, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        List<FunnelLead> cohort = leads.stream()
                .filter(l -> !l.firstTouchAt().isBefore(from) && l.firstTouchAt().isBefore(to))
                .toList();

        Map<Tier, Integer> byTier = zeroes(Tier.class);
        Map<Stage, Integer> byStage = zeroes(Stage.class);
        Map<Stage, Integer> reached = zeroes(Stage.class);
        int disqualified = 0;
        int qualified = 0;
        int opportunities = 0;
        for (FunnelLead lead : cohort) {
            byTier.merge(lead.tier(), 1, Integer::sum);
            byStage.merge(lead.stage(), 1, Integer::sum);
            lead.stagesReached().forEach(s -> reached.merge(s, 1, Integer::sum));
            disqualified += lead.disqualified() ? 1 : 0;
            qualified += lead.qualified() ? 1 : 0;
            opportunities += lead.becameOpportunity() ? 1 : 0;
        }
        return new FunnelReport(from, to, cohort.size(), disqualified, byTier, byStage, reached, qualified,
                ratio(reached.get(Stage.SQL), qualified), opportunities, ratio(opportunities, cohort.size()),
                salesCycle(cohort), speedToAlert(cohort));
    }

    private static SalesCycle salesCycle(List<FunnelLead> cohort) {
        double[] days = cohort.stream().filter(FunnelLead::won)
                .mapToDouble(l -> nonNegative(Duration.between(l.firstTouchAt(), l.wonAt())).toMillis()
                        / MILLIS_PER_DAY)
                .sorted().toArray();
        if (days.length == 0) {
            return new SalesCycle(0, null, null);
        }
        return new SalesCycle(days.length, Quantiles.median(days), Arrays.stream(days).average().orElseThrow());
    }

    private static SpeedToAlert speedToAlert(List<FunnelLead> cohort) {
        List<Duration> delays = new ArrayList<>();
        for (FunnelLead lead : cohort) {
            if (lead.hotAt() != null && lead.alertSentAt() != null) {
                delays.add(nonNegative(Duration.between(lead.hotAt(), lead.alertSentAt())));
            }
        }
        if (delays.isEmpty()) {
            return new SpeedToAlert(0, null, null);
        }
        Collections.sort(delays);
        return new SpeedToAlert(delays.size(), Quantiles.nearestRank(delays, 50), Quantiles.nearestRank(delays, 95));
    }

    /**
     * The two instants of a span may be stamped by different functions; a few milliseconds of clock skew
     * must not produce a negative delay that drags the statistics below zero.
     */
    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Double ratio(int numerator, int denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static <E extends Enum<E>> Map<E, Integer> zeroes(Class<E> type) {
        Map<E, Integer> counts = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            counts.put(e, 0);
        }
        return counts;
    }
}
