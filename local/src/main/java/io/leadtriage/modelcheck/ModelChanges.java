package io.leadtriage.modelcheck;

import io.leadtriage.domain.model.Band;
import io.leadtriage.domain.model.BehaviourRule;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.TierBands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What an edit changed in a model, one line per change, named the way the model's problems name places: points of
 * a rule ({@code fit[timeline-now].points: 20 → 25}), the sources a behaviour rule accepts
 * ({@code behaviour.rules[demo-request].sources: [form, backend] → [form]}), the low-trust sources, the tiers, a
 * template's subject; other sections by name only.
 */
final class ModelChanges {
    private ModelChanges() {
    }

    static List<String> between(QualificationModel before, QualificationModel after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.tiers(), after.tiers())) {
            changes.add("tiers: " + tiers(before.tiers()) + " → " + tiers(after.tiers()));
        }
        rules(changes, "fit", byId(before.fit(), FitRule::id), byId(after.fit(), FitRule::id), FitRule::points,
                (was, is) -> null);
        if (!Objects.equals(before.behaviour().halfLife(), after.behaviour().halfLife())) {
            changes.add("behaviour.halfLife: " + before.behaviour().halfLife() + " → " + after.behaviour().halfLife());
        }
        if (!before.behaviour().lowTrustSources().equals(after.behaviour().lowTrustSources())) {
            changes.add("behaviour.lowTrustSources: " + before.behaviour().lowTrustSources() + " → "
                    + after.behaviour().lowTrustSources());
        }
        rules(changes, "behaviour.rules", sourcesSpelledOut(before.behaviour().rules()),
                sourcesSpelledOut(after.behaviour().rules()), BehaviourRule::points,
                (was, is) -> was.sources().equals(is.sources()) ? null : "sources: " + was.sources() + " → " + is.sources());
        section(changes, "lists", before.lists(), after.lists());
        section(changes, "disqualify", before.disqualify(), after.disqualify());
        section(changes, "stages", before.stages(), after.stages());
        section(changes, "roleFromJobTitle", before.roleFromJobTitle(), after.roleFromJobTitle());
        section(changes, "painPoints", before.painPoints(), after.painPoints());
        section(changes, "alerts", before.alerts(), after.alerts());
        section(changes, "forms", before.forms(), after.forms());
        section(changes, "surveys", before.surveys(), after.surveys());
        section(changes, "nurture", before.nurture(), after.nurture());
        templates(changes, before.templates(), after.templates());
        return changes;
    }

    /**
     * Rules by id: new and removed ones, changed points, and any other change ({@code changed} names one it can, such as
     * a rule's sources; else "changed (not its points)" for a condition, a reason or a cap).
     */
    private static <R> void rules(List<String> changes, String section, Map<String, R> before, Map<String, R> after,
                                  Function<R, Integer> points, BiFunction<R, R, String> changed) {
        for (String id : union(before, after)) {
            R was = before.get(id);
            R is = after.get(id);
            String at = section + "[" + id + "]";
            if (was == null) {
                changes.add(at + ": new, " + signed(points.apply(is)) + " points");
            } else if (is == null) {
                changes.add(at + ": removed");
            } else if (!Objects.equals(points.apply(was), points.apply(is))) {
                changes.add(at + ".points: " + points.apply(was) + " → " + points.apply(is));
            } else if (!was.equals(is)) {
                String which = changed.apply(was, is);
                changes.add(which == null ? at + ": changed (not its points)" : at + "." + which);
            }
        }
    }

    private static void templates(List<String> changes, Map<String, EmailTemplate> before, Map<String, EmailTemplate> after) {
        for (String id : union(before, after)) {
            EmailTemplate was = before.get(id);
            EmailTemplate is = after.get(id);
            String at = "templates." + id;
            if (was == null || is == null) {
                changes.add(at + (was == null ? ": new" : ": removed"));
                continue;
            }
            if (!Objects.equals(was.subject(), is.subject())) {
                changes.add(at + ".subject: \"" + was.subject() + "\" → \"" + is.subject() + "\"");
            }
            if (!Objects.equals(was.html(), is.html())) {
                changes.add(at + ".html: changed");
            }
            if (!Objects.equals(was.text(), is.text())) {
                changes.add(at + ".text: changed");
            }
        }
    }

    private static void section(List<String> changes, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(name + ": changed");
        }
    }

    /** {@code hot ≥ 50, warm 20–49, cold ≤ 19} */
    private static String tiers(TierBands t) {
        return "hot ≥ " + t.hot().min() + ", warm " + range(t.warm()) + ", cold ≤ " + t.cold().max();
    }

    private static String range(Band band) {
        return band.min() + "–" + band.max();
    }

    private static String signed(Integer points) {
        return points != null && points > 0 ? "+" + points : String.valueOf(points);
    }

    private static <R> Map<String, R> byId(List<R> rules, Function<R, String> id) {
        Map<String, R> byId = new LinkedHashMap<>();
        rules.forEach(rule -> byId.put(id.apply(rule), rule));
        return byId;
    }

    /** Behaviour rules by id, each with the sources it accepts written out: a default spelled out is no change. */
    private static Map<String, BehaviourRule> sourcesSpelledOut(List<BehaviourRule> rules) {
        return byId(rules.stream().map(ModelChanges::withSourcesSpelledOut).toList(), BehaviourRule::id);
    }

    private static BehaviourRule withSourcesSpelledOut(BehaviourRule r) {
        return new BehaviourRule(r.id(), r.signal(), r.points(), r.maxCounted(), r.oncePer(), r.oncePerItem(),
                List.copyOf(r.acceptedSources()), r.reason(), r.category());
    }

    /** The keys of after in its order, then those only before had. */
    private static Set<String> union(Map<String, ?> before, Map<String, ?> after) {
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        return keys;
    }
}
