package io.leadtriage.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns a YAML node tree into the model's records: each mapping into the record of the place it sits in,
 * by the record's component names, with whole numbers, text, true/false, ISO-8601 durations, enums (by
 * their {@code toString}), lists and keyed sections. Strict where a marketer's slip would otherwise pass
 * silently: unknown keys, a key given twice, a fraction where a whole number goes, and YAML 1.1's bare
 * {@code NO}/{@code on}/{@code yes} that would turn a country code or a word into a boolean.
 *
 * <p>Every problem is collected with its line and its path of keys, and binding goes on past it (the value is
 * left out), so one round of edits fixes them all. A list's item is named by its {@code id} when that is unique in
 * the list ({@code fit[timeline-now].points}; a behaviour rule without one by its {@code signal}, as its id
 * defaults to), else by its index. Where each path is written is kept in {@link #places()}, for the checks that
 * run on the bound records. A binder is for one load.
 *
 * <p>This takes the place of a general data-binding library on purpose: the model is read in every
 * function's cold start, and a binder for a closed set of records loads a few dozen classes instead of
 * several hundred.
 */
final class ModelBinder {
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    /** An id that can name a list's item in a path: no dots, brackets or spaces to confuse the reader. */
    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,63}");

    private final List<ModelProblem> problems = new ArrayList<>();
    private final ModelPlaces places = new ModelPlaces();

    List<ModelProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    ModelPlaces places() {
        return places;
    }

    /**
     * @return the bound record, with what could not be bound left out (see {@link #problems()}); null only when the
     * document itself is not a section of 'key: value' lines, or is empty
     */
    <T extends Record> T bindRoot(Node root, Class<T> type) {
        if (root != null) {
            places.found("", root.getStartMark(), root);
        }
        return type.cast(bind(root, type, ""));
    }

    private Object bind(Node node, Type type, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return text(node, path);
        }
        if (raw == Integer.class || raw == int.class) {
            return wholeNumber(node, path);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return bool(node, path);
        }
        if (raw == Duration.class) {
            return duration(node, path);
        }
        if (raw.isEnum()) {
            return enumValue(node, raw, path);
        }
        if (raw == List.class) {
            return list(node, typeArgument(type, 0), path);
        }
        if (raw == Map.class) {
            return map(node, typeArgument(type, 1), path);
        }
        if (raw.isRecord()) {
            return record(node, raw.asSubclass(Record.class), path);
        }
        throw new IllegalStateException("the model binder has no rule for " + type);
    }

    private String text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            return problem(node, path, "wrong_type", "expected a single text value");
        }
        if (Tag.BOOL.equals(scalar.getTag())) {
            return problem(node, path, "wrong_type", "a bare yes/no/on/off/true/false is read as true or false; put the value in quotes");
        }
        return scalar.getValue();
    }

    private Integer wholeNumber(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                // Decimal, with YAML 1.1's digit separators (1_000) and an optional sign; 0x1F and 0b10 are refused
                return new BigInteger(scalar.getValue().replace("_", "")).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return problem(node, path, "wrong_type", "'" + scalar.getValue() + "' is not a whole number this model can use");
            }
        }
        if (node instanceof ScalarNode scalar && Tag.FLOAT.equals(scalar.getTag())) {
            return problem(node, path, "wrong_type", "'" + scalar.getValue() + "' is not a whole number");
        }
        return problem(node, path, "wrong_type", "expected a whole number");
    }

    private Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return switch (scalar.getValue().toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true", "on" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        return problem(node, path, "wrong_type", "expected true or false");
    }

    private Duration duration(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())) {
            try {
                return IsoDurations.parse(scalar.getValue().strip());
            } catch (IllegalArgumentException e) {
                return problem(node, path, "wrong_type", e.getMessage());
            }
        }
        return problem(node, path, "wrong_type", "expected " + IsoDurations.EXPECTED);
    }

    private Object enumValue(Node node, Class<?> type, String path) {
        if (node instanceof ScalarNode scalar && !Tag.BOOL.equals(scalar.getTag())) {
            for (Object constant : type.getEnumConstants()) {
                if (constant.toString().equals(scalar.getValue())) {
                    return constant;
                }
            }
            return problem(node, path, "not_one_of", "'" + scalar.getValue() + "' is not one of: " + choices(type));
        }
        return problem(node, path, "not_one_of", "expected one of: " + choices(type));
    }

    /** Built only for a message: a model binds dozens of enum values at every cold start. */
    private static String choices(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private List<Object> list(Node node, Type element, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            return problem(node, path, "wrong_type", "expected a list, like [a, b] or lines starting with '- '");
        }
        List<Node> items = sequence.getValue();
        List<Object> values = new ArrayList<>(items.size());
        List<String> bound = new ArrayList<>(items.size());
        List<String> labels = labels(items);
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + labels.get(i) + "]";
            places.found(at, items.get(i).getStartMark(), items.get(i));
            if (isNull(items.get(i))) {
                // A stray '- ' line: the records' lists hold no nulls, and "null" would tell the reader nothing
                problem(items.get(i), at, "empty_item", "an empty item: remove the '-' or give it a value");
                continue;
            }
            Object value = bind(items.get(i), element, at);
            if (value != null) { // what could not be bound is reported, and left out: the records' lists hold no nulls
                values.add(value);
                bound.add(at);
            }
        }
        places.items(path, bound);
        return values;
    }

    /** How each item is named in paths: its id (or signal) when that is unique in the list, else its index. */
    private static List<String> labels(List<Node> items) {
        List<String> ids = new ArrayList<>(items.size());
        for (Node item : items) {
            ids.add(idOf(item));
        }
        List<String> labels = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String id = ids.get(i);
            labels.add(id != null && Collections.frequency(ids, id) == 1 ? id : String.valueOf(i));
        }
        return labels;
    }

    /**
     * A section's {@code id}, else its {@code signal} as a behaviour rule's default id (page_view → page-view; with a
     * page category, careers-page-view).
     */
    private static String idOf(Node item) {
        if (!(item instanceof MappingNode mapping)) {
            return null;
        }
        String signal = null;
        String category = "";
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key && entry.getValueNode() instanceof ScalarNode value
                    && LABEL.matcher(value.getValue()).matches()) {
                if ("id".equals(key.getValue())) {
                    return value.getValue();
                }
                if ("signal".equals(key.getValue())) {
                    signal = value.getValue().replace('_', '-');
                }
                if ("category".equals(key.getValue())) {
                    category = value.getValue() + "-";
                }
            }
        }
        return signal == null ? null : category + signal;
    }

    private Map<String, Object> map(Node node, Type valueType, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return problem(node, path, "wrong_type", "expected a section of 'key: value' lines");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            String key = key(entry, path, seen);
            if (key != null) {
                String at = join(path, key);
                places.found(at, entry.getKeyNode().getStartMark(), entry.getValueNode());
                values.put(key, bind(entry.getValueNode(), valueType, at));
            }
        }
        return values;
    }

    private Record record(Node node, Class<? extends Record> type, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return problem(node, path, "wrong_type", "expected a section of 'key: value' lines");
        }
        RecordShape shape = SHAPES.computeIfAbsent(type, RecordShape::of);
        int problemsBefore = problems.size();
        Object[] arguments = new Object[shape.names.size()];
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            String key = key(entry, path, seen);
            if (key == null) {
                continue;
            }
            int index = shape.names.indexOf(key);
            if (index < 0 && "<<".equals(key)) {
                problem(entry.getKeyNode(), path, "not_supported", "merge keys (<<: *name) are not supported; repeat the keys instead");
                continue;
            }
            if (index < 0) {
                keyProblem(entry.getKeyNode(), null, "unknown_key", "unknown key '" + key + "' " + (path.isEmpty() ? "at the top level"
                        : "in " + path) + "; expected one of: " + shape.sortedNames);
                continue;
            }
            String at = join(path, key);
            places.found(at, entry.getKeyNode().getStartMark(), entry.getValueNode());
            arguments[index] = bind(entry.getValueNode(), shape.types.get(index), at);
        }
        try {
            return shape.constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (problems.size() > problemsBefore) {
                return null; // a half-bound record failing its own checks: a message that would help nobody
            }
            String why = e.getCause() == null ? null : e.getCause().getMessage();
            return problem(node, path, "invalid_value", why == null ? "this section cannot be read as written" : why);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** The entry's key as text, or null after noting why it cannot be one (not plain text, or given twice). */
    private String key(NodeTuple entry, String path, Set<String> seen) {
        if (!(entry.getKeyNode() instanceof ScalarNode scalar)) {
            return keyProblem(entry.getKeyNode(), path, "wrong_type", "a key must be a single word, not a list or a section");
        }
        String key = scalar.getValue();
        if (!seen.add(key)) {
            return keyProblem(entry.getKeyNode(), null, "duplicate_key", "the key '" + key + "' appears twice"
                    + (path.isEmpty() ? "" : " in " + path));
        }
        return key;
    }

    /** A value that cannot be bound: reported, and its place noted as unbound (a later check must not report it again). */
    private <T> T problem(Node node, String path, String code, String message) {
        if (path != null) {
            places.unbound(path);
        }
        return keyProblem(node, path, code, message);
    }

    /** A key that cannot be read, or should not be there: the values beside it are bound all the same. */
    private <T> T keyProblem(Node node, String path, String code, String message) {
        problems.add(ModelProblem.at(node == null ? null : node.getStartMark(), path, code, message));
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("the model binder has no rule for " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException(type + " needs its element type declared");
    }

    /** A record's component names and generic types, in declaration order, and its canonical constructor. */
    private record RecordShape(List<String> names, List<Type> types, String sortedNames,
                               Constructor<? extends Record> constructor) {
        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            List<String> names = new ArrayList<>();
            List<Type> types = new ArrayList<>();
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names.add(components[i].getName());
                types.add(components[i].getGenericType());
                raw[i] = components[i].getType();
            }
            try {
                @SuppressWarnings("unchecked")
                Constructor<? extends Record> constructor = (Constructor<? extends Record>) type.getDeclaredConstructor(raw);
                return new RecordShape(List.copyOf(names), List.copyOf(types),
                        names.stream().sorted().collect(Collectors.joining(", ")), constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }
    }
}
