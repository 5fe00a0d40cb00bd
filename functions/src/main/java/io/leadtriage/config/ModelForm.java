package io.leadtriage.config;

import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.Band;
import io.leadtriage.domain.model.BehaviourRule;
import io.leadtriage.domain.model.Condition;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.StageRules;
import io.leadtriage.domain.model.TierBands;
import io.leadtriage.json.JsonTree;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a model a marketer edits in a form (the tiers, the fit and behaviour rules' points and reasons, the
 * stage rules' signals), each named by the path the model's problems use ({@code fit[size-core].points}); and a change
 * of those values written into the model's text where each value stands, so that the rest of the text, its comments
 * and layout, stays as it was, and a version's diff shows only what the form changed.
 */
public final class ModelForm {
    /** A plain scalar that reads back as the same text in a block or a flow context: no quoting needed. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.()–+/'-]*[\\p{L}\\p{N})]|[\\p{L}\\p{N}]");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,9}");
    /** Plain words YAML reads as something other than text. */
    private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private ModelForm() {
    }

    /** A tier's band. @param path {@code tiers.hot} */
    public record Tier(String name, String path, Integer min, Integer max) {
    }

    /** A fit or behaviour rule. @param path {@code fit[size-core]}; @param when what makes it fire, in words */
    public record Rule(String id, String path, String when, Integer points, String reason) {
    }

    /**
     * What the form shows.
     *
     * @param stages       {@code salesIntent} and {@code product}: the signals each stage rule names
     * @param bantComplete the conditions of a complete BANT, in words (edited in the text)
     */
    public record View(List<Tier> tiers, List<Rule> fit, List<Rule> behaviour, Map<String, List<String>> stages,
                       List<String> bantComplete, List<String> signals) {
    }

    /** @throws ModelException the text is not a valid model */
    public static View of(String yaml) {
        ModelLoader.Placed placed = ModelLoader.loadPlaced(yaml, "the model sent");
        QualificationModel m = placed.model();
        ModelPlaces places = placed.places();
        TierBands t = m.tiers();
        List<Tier> tiers = List.of(tier("hot", t.hot()), tier("warm", t.warm()), tier("cold", t.cold()));
        List<Rule> fit = new ArrayList<>();
        for (int i = 0; i < m.fit().size(); i++) {
            FitRule r = m.fit().get(i);
            fit.add(new Rule(r.id(), places.item("fit", i), words(r.when()), r.points(), r.reason()));
        }
        List<Rule> behaviour = new ArrayList<>();
        for (int i = 0; i < m.behaviour().rules().size(); i++) {
            BehaviourRule r = m.behaviour().rules().get(i);
            behaviour.add(new Rule(r.id(), places.item("behaviour.rules", i), r.signal().wireName()
                    + (r.category() == null ? "" : " (pages of category " + r.category() + ")"), r.points(), r.reason()));
        }
        StageRules s = m.stages();
        Map<String, List<String>> stages = new LinkedHashMap<>();
        stages.put("salesIntent", s.salesIntent().stream().map(SignalType::wireName).toList());
        stages.put("product", s.product().stream().map(SignalType::wireName).toList());
        return new View(tiers, fit, behaviour, stages, s.bantComplete().stream().map(ModelForm::words).toList(),
                Arrays.stream(SignalType.values()).map(SignalType::wireName).toList());
    }

    private static Tier tier(String name, Band band) {
        return new Tier(name, "tiers." + name, band == null ? null : band.min(), band == null ? null : band.max());
    }

    /** {@code industry in list icpIndustries}, {@code companySize is 11-50 or 51-200}, {@code challenge 20+ characters} */
    static String words(Condition c) {
        if (c == null) {
            return "";
        }
        if (c.inList() != null) {
            return c.field() + " in list " + c.inList();
        }
        if (c.minLength() != null) {
            return c.field() + " at least " + c.minLength() + " characters";
        }
        if (c.range()) {
            return c.field() + (c.atLeast() == null ? "" : " ≥ " + c.atLeast()) + (c.atMost() == null ? "" : " ≤ " + c.atMost());
        }
        return c.field() + " is " + String.join(" or ", c.in());
    }

    /**
     * The text with each of {@code values} written where its path's value stands: a number as a number, text plainly
     * when it reads back the same (else quoted), a list (a stage rule's signals, comma-separated) as {@code [a, b]}.
     * What the new text means is not checked here: load it.
     *
     * @param values by path ({@code fit[size-core].points}, {@code tiers.warm.min}, {@code stages.salesIntent})
     * @throws ModelException {@code not_editable} for a path the text has no single value at (add it in the text), or
     *                        the text itself is not YAML
     */
    public static String edit(String yaml, Map<String, String> values) {
        ModelPlaces places;
        try {
            ModelBinder binder = new ModelBinder();
            binder.bindRoot(ModelLoader.compose(yaml), QualificationModel.class);
            places = binder.places();
        } catch (YAMLException e) {
            throw new ModelException("the model sent", List.of(new ModelProblem(0, 0, null, "yaml_syntax",
                    ModelLoader.describe(e))));
        }
        List<ModelProblem> problems = new ArrayList<>();
        List<Replacement> replacements = new ArrayList<>();
        values.forEach((path, value) -> {
            Node node = places.value(path);
            if (node instanceof ScalarNode scalar && scalar.getStartMark().getLine() == scalar.getEndMark().getLine()) {
                replacements.add(new Replacement(path, node, scalar(value)));
            } else if (node instanceof SequenceNode sequence && sequence.getFlowStyle().name().equals("FLOW")) {
                replacements.add(new Replacement(path, node, list(value)));
            } else {
                problems.add(ModelProblem.at(node == null ? places.mark(path) : node.getStartMark(), path, "not_editable",
                        "the form cannot change this value where the text has it; change it in the YAML"));
            }
        });
        // From the end of the text backwards, so that each replacement leaves the places before it where they were.
        replacements.sort(Comparator.comparingInt(Replacement::start).reversed());
        for (int i = 1; i < replacements.size(); i++) {
            if (replacements.get(i).end() > replacements.get(i - 1).start()) {
                problems.add(new ModelProblem(0, 0, replacements.get(i).path(), "not_editable",
                        "changed together with " + replacements.get(i - 1).path() + ", which it holds or is part of"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException("the model sent", problems.stream().sorted(ModelProblem.IN_FILE_ORDER).toList());
        }
        StringBuilder text = new StringBuilder(yaml);
        for (Replacement r : replacements) {
            text.replace(yaml.offsetByCodePoints(0, r.start()), yaml.offsetByCodePoints(0, r.end()), r.text());
        }
        return text.toString();
    }

    private record Replacement(String path, int start, int end, String text) {
        Replacement(String path, Node node, String text) {
            this(path, node.getStartMark().getIndex(), node.getEndMark().getIndex(), text);
        }
    }

    private static String scalar(String value) {
        String v = value == null ? "" : value.strip();
        if (NUMBER.matcher(v).matches() || PLAIN.matcher(v).matches() && !RESERVED.contains(v.toLowerCase(java.util.Locale.ROOT))
                && !v.matches("[+-]?[\\d._]+")) {
            return v;
        }
        return JsonTree.write(v); // a JSON string is a YAML double-quoted scalar
    }

    private static String list(String value) {
        List<String> items = Arrays.stream((value == null ? "" : value).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(ModelForm::scalar).toList();
        return "[" + String.join(", ", items) + "]";
    }
}
