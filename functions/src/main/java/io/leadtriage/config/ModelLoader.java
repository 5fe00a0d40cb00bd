package io.leadtriage.config;

import io.leadtriage.app.email.EmailTemplates;
import io.leadtriage.domain.model.QualificationModel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a qualification model from YAML and checks it whole. Every mistake becomes a sentence that
 * names its place (line, and the path of keys) instead of a stack trace: the reader is a marketer.
 */
public final class ModelLoader {
    /** The model shipped with the code (functions/model/leadtriage-model.yaml), on the classpath. */
    public static final String DEFAULT_RESOURCE = "leadtriage-model.yaml";
    /** Anchors and aliases work (&name, *name); this many aliases of lists or sections at most. */
    static final int MAX_ALIASES = 20;
    /** Mustache's line within a template part, replaced by the file's line in a model's problem. */
    private static final Pattern MUSTACHE_LINE = Pattern.compile(" @ line \\d+$");
    private static final ModelProblem EMPTY = new ModelProblem(0, 0, null, "empty", "the file is empty");

    private ModelLoader() {
    }

    /** The shipped model read from its YAML and checked, whether or not the build prepared it ({@link ShippedModel}). */
    public static QualificationModel loadDefault() {
        return load(defaultText(), DEFAULT_RESOURCE);
    }

    /** The text of the model shipped with the code, comments and all. */
    public static String defaultText() {
        return ShippedModel.text();
    }

    /**
     * @param source what to call the text in messages: a file name, or "the PUT body"
     * @throws ModelException listing every problem found
     */
    public static QualificationModel load(String yaml, String source) {
        return loadPlaced(yaml, source).model();
    }

    /** A model with where each of its parts is written. */
    record Placed(QualificationModel model, ModelPlaces places) {
    }

    /** {@link #load}, with the places of the text's parts. */
    static Placed loadPlaced(String yaml, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw new ModelException(source, List.of(EMPTY));
        }
        Node root;
        try {
            root = compose(yaml);
        } catch (YAMLException e) {
            throw new ModelException(source, List.of(new ModelProblem(0, 0, null, "yaml_syntax", describe(e))));
        }
        if (root == null) {
            throw new ModelException(source, List.of(EMPTY));
        }
        ModelBinder binder = new ModelBinder();
        QualificationModel parsed = binder.bindRoot(root, QualificationModel.class);
        List<ModelProblem> problems = new ArrayList<>(binder.problems());
        if (parsed == null) {
            // No problem found and still nothing bound: the document is only a null (---, ~, null)
            throw new ModelException(source, problems.isEmpty() ? List.of(EMPTY) : inFileOrder(problems));
        }
        // Checked even when the binder found mistakes: every mistake of the file is reported at once.
        ModelPlaces places = binder.places();
        ModelValidator validator = new ModelValidator(places);
        QualificationModel model = validator.validate(parsed);
        problems.addAll(validator.problems());
        // Templates are checked as Mustache too: a broken one is found when the file loads, not at send time.
        for (EmailTemplates.Problem p : EmailTemplates.placedProblems(model)) {
            if (!places.explained(p.at())) {
                int line = places.fileLine(p.at(), p.line());
                problems.add(new ModelProblem(line, 0, p.at(), "invalid_template",
                        line == 0 ? p.message() : MUSTACHE_LINE.matcher(p.message()).replaceFirst("")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelException(source, inFileOrder(problems));
        }
        return new Placed(model, places);
    }

    private static List<ModelProblem> inFileOrder(List<ModelProblem> problems) {
        return problems.stream().sorted(ModelProblem.IN_FILE_ORDER).toList();
    }

    /**
     * The YAML as a node tree with line marks: only SnakeYAML's reader, scanner, parser and composer, none
     * of its object construction (the binder does that, knowing the records), so little is loaded at cold start.
     */
    static Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES); // a model needs few aliases; many is a "billion laughs" body
        options.setNestingDepthLimit(30);
        return new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    }

    static String describe(YAMLException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Number of aliases for non-scalar nodes exceeds")) {
            return "more than " + MAX_ALIASES + " aliases (*name) of lists or sections: write the values out instead";
        }
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            String problem = Objects.requireNonNullElse(marked.getProblem(), "unreadable YAML");
            String context = marked.getContext();
            return where + (context == null ? problem : context + ": " + problem);
        }
        return Objects.requireNonNullElse(e.getMessage(), "unreadable YAML").lines().findFirst().orElse("unreadable YAML");
    }
}
