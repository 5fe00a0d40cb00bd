package io.leadtriage.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each part of a model file is, by its path of keys, as {@link ModelBinder} found it: so that a problem the
 * validator or the template check finds in the bound records names the line it comes from, and names a list's item
 * the way the binder did ({@code fit[timeline-now]}, not {@code fit[11]}). It also knows which places could not be
 * bound at all, so that a later check does not report the same mistake a second time as a missing value.
 */
final class ModelPlaces {
    /** For a model that was not read from a file: no lines, items by their index. */
    static final ModelPlaces NONE = new ModelPlaces();

    private final Map<String, Mark> marks = new HashMap<>();
    private final Map<String, Node> values = new HashMap<>();
    private final Map<String, List<String>> items = new HashMap<>();
    private final Set<String> unbound = new HashSet<>();

    void found(String path, Mark mark, Node value) {
        marks.putIfAbsent(path, mark);
        values.putIfAbsent(path, value);
    }

    void items(String listPath, List<String> itemPaths) {
        items.put(listPath, List.copyOf(itemPaths));
    }

    void unbound(String path) {
        unbound.add(path);
    }

    /** The path of a bound list's item: {@code fit[timeline-now]} for a rule with a unique id, else {@code fit[11]}. */
    String item(String listPath, int index) {
        List<String> paths = items.get(listPath);
        return paths != null && index < paths.size() ? paths.get(index) : listPath + "[" + index + "]";
    }

    /** The value written at the path itself; null when the file has none there. */
    Node value(String path) {
        return values.get(path);
    }

    /** Where the path is written, or the nearest section around it that is; null when nothing is known. */
    Mark mark(String path) {
        for (String at = path; at != null; at = parent(at)) {
            Mark mark = marks.get(at);
            if (mark != null) {
                return mark;
            }
        }
        return null;
    }

    /**
     * The line a template part's own line falls on in the file: a block scalar ({@code html: |}) starts on the
     * line after its key. @param lineInPart 1 for the part's first line; 0 when unknown (the part's key line)
     */
    int fileLine(String path, int lineInPart) {
        Mark mark = mark(path);
        if (mark == null) {
            return 0;
        }
        int keyLine = mark.getLine() + 1;
        if (lineInPart < 1) {
            return keyLine;
        }
        boolean block = values.get(path) instanceof ScalarNode scalar
                && (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || scalar.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED);
        return keyLine + lineInPart - (block ? 0 : 1);
    }

    /**
     * A mistake the binder already reported explains any problem found here later: the place itself, a part of it,
     * or a section holding it could not be bound (a missing or empty value there is that mistake's consequence).
     */
    boolean explained(String path) {
        for (String failed : unbound) {
            if (within(path, failed) || within(failed, path)) {
                return true;
            }
        }
        return false;
    }

    /** The sections that could not be bound, for references into them ({@code inList}, a step's template). */
    boolean anyUnbound(String... sections) {
        for (String section : sections) {
            if (unbound.contains(section)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(String path, String section) {
        return path.equals(section) || (path.startsWith(section)
                && (path.charAt(section.length()) == '.' || path.charAt(section.length()) == '['));
    }

    /** {@code fit[3].points} → {@code fit[3]} → {@code fit} → {@code ""} (the top level) → null. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
