package io.leadtriage.domain;

import io.leadtriage.domain.model.BehaviourRule;
import io.leadtriage.domain.model.Disqualifier;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.StageRules;
import io.leadtriage.domain.model.TierBands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores, tiers and stages a lead with a qualification model, as of the injected clock's instant.
 * Fit and answer points are fixed; behaviour points halve every half-life after the signal.
 * Thread-safe and cheap to call: keyword lists are folded once, here.
 */
public final class Qualifier {
    /**
     * The breakdown line saying why a lead in the hot band is warm (its points are mostly from low-trust sources);
     * named after the model option, so it can never be taken for a rule's id.
     */
    public static final String LOW_TRUST_RULE = "behaviour.lowTrustSources";

    private final QualificationModel model;
    private final Clock clock;
    private final Map<String, List<String>> foldedRoleKeywords;
    private final Map<String, List<String>> foldedPainPointKeywords;
    private final double halfLifeSeconds;

    public Qualifier(QualificationModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        this.foldedRoleKeywords = fold(model.roleFromJobTitle());
        this.foldedPainPointKeywords = fold(model.painPoints());
        Duration halfLife = model.behaviour() == null ? null : model.behaviour().halfLife();
        this.halfLifeSeconds = halfLife == null ? Double.POSITIVE_INFINITY : halfLife.toSeconds();
    }

    public QualificationModel model() {
        return model;
    }

    /** The verdict now, by the injected clock. */
    public Qualification qualify(Lead lead) {
        return qualifyAt(lead, clock.instant());
    }

    public Qualification qualifyAt(Lead lead, Instant now) {
        String role = roleOf(lead.answers());
        LeadFacts facts = new LeadFacts(lead, role, model.lists());

        List<ScoreLine> lines = new ArrayList<>();
        for (FitRule rule : model.fit()) {
            if (facts.test(rule.when()) && rule.points() != 0) {
                lines.add(new ScoreLine(rule.id(), rule.points(), rule.reason()));
            }
        }
        int lowTrustPoints = 0;
        if (model.behaviour() != null) {
            for (BehaviourRule rule : model.behaviour().rules()) {
                Optional<Counted> counted = behaviourLine(rule, lead.signals(), now);
                if (counted.isPresent()) {
                    lines.add(counted.get().line());
                    lowTrustPoints += counted.get().lowTrustPoints();
                }
            }
        }
        Optional<String> disqualified = Optional.empty();
        for (Disqualifier d : model.disqualify()) {
            if (facts.test(d.when())) {
                disqualified = Optional.of(d.reason());
                break;
            }
        }
        Score score = Score.of(lines);
        Set<String> painPoints = painPointsOf(lead.answers().getOrEmpty(Fields.CHALLENGE));
        if (disqualified.isPresent()) {
            return new Qualification(score, Tier.COLD, Stage.LEAD, disqualified, role, painPoints, now);
        }
        Tier tier = tierOf(score.total(), model.tiers());
        if (tier == Tier.HOT && tierOf(score.total() - lowTrustPoints, model.tiers()) == Tier.COLD) {
            tier = Tier.WARM;
            score = Score.of(append(lines, lowTrustNote(lowTrustPoints, score.total())));
        }
        Stage stage = stageOf(tier, lead, facts, model.stages());
        return new Qualification(score, tier, stage, Optional.empty(), role, painPoints, now);
    }

    /**
     * When fading behaviour points will move the lead out of {@code tier}, within a year; empty when they
     * never will (a cold lead, or one whose tier rests on points that do not fade). Scores only fall with
     * time, so the first instant found is exact to the hour.
     */
    public Optional<Instant> nextTierChange(Lead lead, Tier tier, Instant now) {
        if (tier == Tier.COLD || lead.signals().stream().noneMatch(Signal::scores)) {
            return Optional.empty();
        }
        Duration low = Duration.ZERO;
        Duration high = null;
        for (Duration step = Duration.ofDays(1); step.compareTo(Duration.ofDays(512)) <= 0; step = step.multipliedBy(2)) {
            if (qualifyAt(lead, now.plus(step)).tier() != tier) {
                high = step;
                break;
            }
            low = step;
        }
        if (high == null) {
            return Optional.empty();
        }
        while (high.minus(low).compareTo(Duration.ofHours(1)) > 0) {
            Duration mid = low.plus(high.minus(low).dividedBy(2));
            if (qualifyAt(lead, now.plus(mid)).tier() != tier) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return Optional.of(now.plus(high));
    }

    /** The answered role, else the first role whose keywords appear in the job title, else empty. */
    public String roleOf(Answers answers) {
        Optional<String> answered = answers.get(Fields.ROLE);
        if (answered.isPresent()) {
            return answered.get();
        }
        String title = Keywords.fold(answers.getOrEmpty(Fields.JOB_TITLE));
        for (Map.Entry<String, List<String>> role : foldedRoleKeywords.entrySet()) {
            for (String keyword : role.getValue()) {
                if (Keywords.containsFolded(title, keyword)) {
                    return role.getKey();
                }
            }
        }
        return "";
    }

    public Set<String> painPointsOf(String challenge) {
        if (challenge.isBlank()) {
            return Set.of();
        }
        String text = Keywords.fold(challenge);
        Set<String> tags = new LinkedHashSet<>();
        foldedPainPointKeywords.forEach((tag, keywords) -> {
            for (String keyword : keywords) {
                if (Keywords.containsFolded(text, keyword)) {
                    tags.add(tag);
                    return;
                }
            }
        });
        return tags;
    }

    /** A rule's line, and how many of its points came from low-trust sources. */
    private record Counted(ScoreLine line, int lowTrustPoints) {
    }

    private Optional<Counted> behaviourLine(BehaviourRule rule, List<Signal> signals, Instant now) {
        List<Signal> newestFirst = signals.stream()
                .filter(s -> rule.counts(s, model.behaviour()))
                .sorted(Comparator.comparing(Signal::at).reversed())
                .toList();
        List<Signal> counted = new ArrayList<>();
        Set<String> itemsCounted = new HashSet<>();
        for (Signal s : newestFirst) {
            if (rule.maxCounted() != null && counted.size() >= rule.maxCounted()) {
                break;
            }
            if (rule.countsOncePerItem() && itemsCounted.contains(s.detail())) {
                continue;
            }
            Signal lastCounted = counted.isEmpty() ? null : counted.get(counted.size() - 1);
            if (rule.oncePer() != null && lastCounted != null
                    && Duration.between(s.at(), lastCounted.at()).compareTo(rule.oncePer()) < 0) {
                continue;
            }
            counted.add(s);
            itemsCounted.add(s.detail());
        }
        double points = 0;
        double lowTrust = 0;
        for (Signal s : counted) {
            double each = rule.points() * decayFactor(s.at(), now);
            points += each;
            lowTrust += model.behaviour().lowTrust(s.source()) ? each : 0;
        }
        int rounded = (int) Math.round(points);
        if (rounded == 0) {
            return Optional.empty();
        }
        String reason = counted.size() > 1 ? rule.reason() + " (×" + counted.size() + ")" : rule.reason();
        return Optional.of(new Counted(new ScoreLine(rule.id(), rounded, reason), (int) Math.round(lowTrust)));
    }

    /**
     * Why a score in the hot band is warm: most of it comes from sources anyone could fake (page beacons), and what
     * is left would be cold. A line of no points, so the breakdown still adds up to the score.
     */
    private ScoreLine lowTrustNote(int lowTrustPoints, int total) {
        String activity = model.behaviour().lowTrustSources().stream().map(SignalSource::activity)
                .collect(java.util.stream.Collectors.joining(" and "));
        return ScoreLine.note(LOW_TRUST_RULE, "warm, not hot: " + activity + " alone cannot make a lead hot ("
                + lowTrustPoints + " of these " + total + " points)");
    }

    private static List<ScoreLine> append(List<ScoreLine> lines, ScoreLine line) {
        List<ScoreLine> all = new ArrayList<>(lines);
        all.add(line);
        return all;
    }

    /** 1 for a signal now (or stamped a little in the future), ½ after one half-life, ¼ after two. */
    private double decayFactor(Instant at, Instant now) {
        double ageSeconds = Math.max(0, Duration.between(at, now).toSeconds());
        return Math.pow(0.5, ageSeconds / halfLifeSeconds);
    }

    static Tier tierOf(int score, TierBands bands) {
        if (bands.hot().contains(score)) {
            return Tier.HOT;
        }
        if (bands.warm().contains(score)) {
            return Tier.WARM;
        }
        return Tier.COLD;
    }

    private static Stage stageOf(Tier tier, Lead lead, LeadFacts facts, StageRules rules) {
        if (tier == Tier.COLD || rules == null) {
            return Stage.LEAD;
        }
        if (tier == Tier.HOT && (hasAny(lead, rules.salesIntent())
                || (!rules.bantComplete().isEmpty() && facts.testAll(rules.bantComplete())))) {
            return Stage.SQL;
        }
        if (hasAny(lead, rules.product())) {
            return Stage.PQL;
        }
        return Stage.MQL;
    }

    private static boolean hasAny(Lead lead, List<SignalType> types) {
        for (Signal s : lead.signals()) {
            if (s.scores() && types.contains(s.type())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> fold(Map<String, List<String>> keywordLists) {
        Map<String, List<String>> folded = new LinkedHashMap<>();
        keywordLists.forEach((key, words) -> folded.put(key, words.stream().map(Keywords::fold).toList()));
        return folded;
    }
}
