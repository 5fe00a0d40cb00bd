package io.leadtriage.config;

import io.leadtriage.domain.model.EmailTemplate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits of the model's text that keep the rest of it as written (comments, order, quoting): a template's subject, html
 * and text replaced where they stand, each written as a literal block ({@code |}) when it can be, else double-quoted.
 */
public final class ModelText {
    static final List<String> TEMPLATE_PARTS = List.of("subject", "html", "text");

    private ModelText() {
    }

    /**
     * {@code yaml} with {@code templates.{name}} holding {@code edited}.
     *
     * @return empty when the text has no such template, or one whose subject, html and text are not all written out
     *         as plain values (an alias, a missing part): such a model is edited as YAML
     */
    public static Optional<String> withTemplate(String yaml, String name, EmailTemplate edited) {
        MappingNode template;
        try {
            template = mapping(ModelLoader.compose(yaml), "templates").flatMap(templates -> mapping(templates, name)).orElse(null);
        } catch (YAMLException e) {
            return Optional.empty();
        }
        if (template == null) {
            return Optional.empty();
        }
        Map<String, String> values = Map.of("subject", nonNull(edited.subject()), "html", nonNull(edited.html()),
                "text", nonNull(edited.text()));
        List<Replacement> replacements = new ArrayList<>();
        for (String part : TEMPLATE_PARTS) {
            Optional<NodeTuple> entry = entry(template, part);
            if (entry.isEmpty() || !(entry.get().getValueNode() instanceof ScalarNode scalar)) {
                return Optional.empty();
            }
            boolean block = scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED;
            boolean flow = template.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
            replacements.add(new Replacement(scalar.getStartMark().getIndex(), scalar.getEndMark().getIndex(), block,
                    flow ? -1 : entry.get().getKeyNode().getStartMark().getColumn() + 2, values.get(part)));
        }
        int[] codePoints = yaml.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        int at = 0;
        replacements.sort(java.util.Comparator.comparingInt(Replacement::start));
        for (Replacement r : replacements) {
            out.append(new String(codePoints, at, r.start() - at));
            String original = new String(codePoints, r.start(), r.end() - r.start());
            // A block scalar runs to the line after it (its blank lines too): the replacement ends where it did.
            String trailing = r.block() ? original.substring(original.stripTrailing().length()).replaceAll("[^\n]", "") : "";
            out.append(scalar(r.value(), r.indent(), r.block() && trailing.isEmpty())).append(trailing);
            at = r.end();
        }
        out.append(new String(codePoints, at, codePoints.length - at));
        return Optional.of(out.toString());
    }

    private record Replacement(int start, int end, boolean block, int indent, String value) {
    }

    /** A literal block when {@code indent} allows one and the value reads back the same from it; else double-quoted. */
    static String scalar(String value, int indent, boolean mustEndLine) {
        if (indent > 0 && !mustEndLine && literalFits(value)) {
            boolean endsWithNewline = value.endsWith("\n");
            String body = endsWithNewline ? value.substring(0, value.length() - 1) : value;
            StringBuilder block = new StringBuilder(endsWithNewline ? "|" : "|-");
            String pad = " ".repeat(indent);
            for (String line : body.split("\n", -1)) {
                block.append('\n');
                if (!line.isEmpty()) {
                    block.append(pad).append(line);
                }
            }
            return block.toString();
        }
        return quoted(value);
    }

    private static boolean literalFits(String value) {
        if (!value.contains("\n") || value.startsWith(" ") || value.startsWith("\n") || value.endsWith("\n\n")) {
            return false;
        }
        for (String line : value.split("\n", -1)) {
            if (!line.isEmpty() && line.isBlank()) {
                return false;
            }
        }
        return value.codePoints().allMatch(c -> c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && c != 0xfeff);
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String value) {
        StringBuilder q = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0xfeff) {
                        q.append(String.format("\\u%04x", c));
                    } else {
                        q.appendCodePoint(c);
                    }
                }
            }
        });
        return q.append('"').toString();
    }

    private static Optional<NodeTuple> entry(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        return mapping.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .findFirst();
    }

    private static Optional<MappingNode> mapping(Node node, String key) {
        return entry(node, key).map(NodeTuple::getValueNode).filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
