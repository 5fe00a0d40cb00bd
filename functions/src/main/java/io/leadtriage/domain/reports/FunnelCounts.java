package io.leadtriage.domain.reports;

import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel as counters: what one lead adds to its cohort's counts ({@link #of}), and the {@link FunnelReport} those
 * counts make ({@link #report}). Every figure of the report is a sum over leads, so counts kept per day of first touch
 * (and per form, source and campaign) add up to the funnel of any run of days, without reading a lead.
 *
 * <p>Two figures are distributions, kept as histograms: speed to alert (seconds, {@link #ALERT_SECONDS}) and the sales
 * cycle (days, {@link #CYCLE_DAYS}). Their percentiles are read as the upper bound of the bucket holding the
 * nearest-rank value (a delay of 3 s reads as "at most 5 s"; the open last bucket as its lower bound); their means,
 * kept as sums of milliseconds, are exact. Counts from a scan of the leads and from the counters give the same report.
 */
public final class FunnelCounts {
    /** Upper bounds (inclusive) of the speed-to-alert buckets, seconds; a last bucket holds the rest. */
    public static final long[] ALERT_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 14400, 86400};
    /** Upper bounds (inclusive) of the sales-cycle buckets, days; a last bucket holds the rest. */
    public static final long[] CYCLE_DAYS = {1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 730};

    static final String LEADS = "n";
    static final String DISQUALIFIED = "dq";
    static final String QUALIFIED = "q";
    static final String OPPORTUNITIES = "opp";
    static final String WON = "won";
    static final String LOST = "lost";
    static final String CYCLE_MILLIS = "cyc.ms";
    static final String ALERTED = "alert.n";
    static final String ALERT_MILLIS = "alert.ms";
    static final String DISPOSITION = "disp.";

    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private FunnelCounts() {
    }

    /**
     * What one lead adds to the counters of its cohort.
     *
     * @param disposition the rep's last disposition of its alert, or null
     */
    public static Tally of(FunnelLead lead, String disposition) {
        Tally.Builder t = new Tally.Builder().add(LEADS, 1)
                .add("t." + lead.tier().wireName(), 1)
                .add("s." + lead.stage().wireName(), 1);
        lead.stagesReached().forEach(s -> t.add("r." + s.wireName(), 1));
        t.add(DISQUALIFIED, lead.disqualified() ? 1 : 0);
        t.add(QUALIFIED, lead.qualified() ? 1 : 0);
        t.add(OPPORTUNITIES, lead.becameOpportunity() ? 1 : 0);
        t.add(LOST, lead.lostAt() != null ? 1 : 0);
        if (lead.won()) {
            long cycle = nonNegativeMillis(lead.firstTouchAt(), lead.wonAt());
            t.add(WON, 1).add(CYCLE_MILLIS, cycle).add(bucket("cyc.", CYCLE_DAYS, cycle, MILLIS_PER_DAY), 1);
        }
        if (lead.hotAt() != null && lead.alertSentAt() != null) {
            long delay = nonNegativeMillis(lead.hotAt(), lead.alertSentAt());
            t.add(ALERTED, 1).add(ALERT_MILLIS, delay).add(bucket("alert.", ALERT_SECONDS, delay, 1000), 1);
        }
        if (disposition != null) {
            t.add(DISPOSITION + disposition, 1);
        }
        return t.build();
    }

    /** The funnel the counts of a cohort make, for the period they were read for. */
    public static FunnelReport report(Tally counts, Instant from, Instant to) {
        Map<Tier, Integer> byTier = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            byTier.put(tier, count(counts, "t." + tier.wireName()));
        }
        Map<Stage, Integer> byStage = new EnumMap<>(Stage.class);
        Map<Stage, Integer> reached = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, count(counts, "s." + stage.wireName()));
            reached.put(stage, count(counts, "r." + stage.wireName()));
        }
        int leads = count(counts, LEADS);
        int qualified = count(counts, QUALIFIED);
        int opportunities = count(counts, OPPORTUNITIES);
        int won = count(counts, WON);
        int alerted = count(counts, ALERTED);
        FunnelReport.SalesCycle cycle = won == 0 ? new FunnelReport.SalesCycle(0, null, null)
                : new FunnelReport.SalesCycle(won, (double) percentile(counts, "cyc.", CYCLE_DAYS, won, 50),
                (double) counts.get(CYCLE_MILLIS) / won / MILLIS_PER_DAY);
        FunnelReport.SpeedToAlert speed = alerted == 0 ? new FunnelReport.SpeedToAlert(0, null, null)
                : new FunnelReport.SpeedToAlert(alerted, Duration.ofSeconds(percentile(counts, "alert.", ALERT_SECONDS, alerted, 50)),
                Duration.ofSeconds(percentile(counts, "alert.", ALERT_SECONDS, alerted, 95)));
        return new FunnelReport(from, to, leads, count(counts, DISQUALIFIED), byTier, byStage, reached, qualified,
                ratio(reached.get(Stage.SQL), qualified), opportunities, ratio(opportunities, leads), cycle, speed);
    }

    /** The reps' verdicts on the cohort's alerts (the last of each lead), by name. */
    public static Map<String, Long> dispositions(Tally counts) {
        Map<String, Long> named = new TreeMap<>();
        counts.counts().forEach((name, n) -> {
            if (name.startsWith(DISPOSITION)) {
                named.put(name.substring(DISPOSITION.length()), n);
            }
        });
        return named;
    }

    /** The counts of the speed-to-alert histogram, by upper bound in seconds ("more" for the last bucket). */
    public static Map<String, Long> speedToAlertHistogram(Tally counts) {
        Map<String, Long> buckets = new java.util.LinkedHashMap<>();
        for (long bound : ALERT_SECONDS) {
            buckets.put("le" + bound, counts.get("alert.le" + bound));
        }
        buckets.put("more", counts.get("alert.more"));
        return buckets;
    }

    private static String bucket(String prefix, long[] bounds, long millis, long unitMillis) {
        for (long bound : bounds) {
            if (millis <= bound * unitMillis) {
                return prefix + "le" + bound;
            }
        }
        return prefix + "more";
    }

    /** The bucket holding the value at nearest rank ⌈p/100 × n⌉: its upper bound, or for the last bucket its lower one. */
    private static long percentile(Tally counts, String prefix, long[] bounds, int n, int p) {
        long rank = (long) Math.ceil(p / 100.0 * n);
        long seen = 0;
        for (long bound : bounds) {
            seen += counts.get(prefix + "le" + bound);
            if (seen >= rank) {
                return bound;
            }
        }
        return bounds[bounds.length - 1];
    }

    private static long nonNegativeMillis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static int count(Tally counts, String name) {
        return Math.toIntExact(counts.get(name));
    }

    private static Double ratio(int numerator, int denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
