package io.leadtriage.config;

import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.json.JsonTree;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shipped model in a prepared form: the records a checked load of the YAML gave, as JSON, with the SHA-256 of the
 * YAML they were read from. The build writes it beside the YAML ({@code packaging/PrepareModel}, at {@code package})
 * once the YAML has passed every check, so a function's cold start reads it with jackson-core's streaming parser
 * (loaded for the HTTP envelopes anyway) instead of composing, binding and checking the YAML again: no SnakeYAML,
 * no checks and no templates compiled at init.
 *
 * <p>It stands for that YAML alone: {@link #read} gives nothing for another text (an edited file, a stale prepared
 * file), nor for a form this code cannot read whole, and the caller then reads the YAML. A record is an object of its
 * components by name (a null one left out), a list an array, a keyed section an object in the file's order, a
 * duration its ISO-8601 text, an enum constant its name.
 */
public final class PreparedModel {
    /** Raised when the layout below changes, so that a form written by another layout is not read. */
    static final int FORMAT = 1;

    private PreparedModel() {
    }

    /** The prepared form of a model checked from {@code yaml}: the caller has loaded it with {@link ModelLoader#load}. */
    public static String write(QualificationModel model, String yaml) {
        Map<String, Object> prepared = new LinkedHashMap<>();
        prepared.put("format", FORMAT);
        prepared.put("yamlSha256", sha256(yaml));
        prepared.put("model", tree(model));
        return JsonTree.write(prepared);
    }

    /**
     * The model of a prepared form, if it was written from exactly {@code yaml} by this layout.
     *
     * @throws IllegalArgumentException the form is for this text but cannot be read whole (what, not where)
     */
    public static Optional<QualificationModel> read(String prepared, String yaml) {
        if (!(JsonTree.parse(prepared) instanceof Map<?, ?> form)) {
            throw new IllegalArgumentException("the prepared model is not a JSON object");
        }
        if (!Integer.valueOf(FORMAT).equals(form.get("format")) || !sha256(yaml).equals(form.get("yamlSha256"))) {
            return Optional.empty();
        }
        return Optional.of((QualificationModel) value(form.get("model"), QualificationModel.class, "model"));
    }

    /** The SHA-256 of the text's UTF-8 bytes, in hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The value as maps, lists, strings, numbers and booleans, as {@link JsonTree#write} writes them. */
    private static Object tree(Object value) {
        if (value instanceof Record record) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object part = component(record, component);
                if (part != null) {
                    object.put(component.getName(), tree(part));
                }
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, part) -> object.put((String) key, tree(part)));
            return object;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PreparedModel::tree).toList();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean
                || value instanceof Duration) {
            return value; // a duration as its toString(), which Duration.parse reads back
        }
        throw new IllegalStateException("the prepared model has no form for " + value.getClass().getName());
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** The JSON value as {@code type}, as {@link #tree} wrote it; {@code at} says where, for a message. */
    private static Object value(Object json, Type type, String at) {
        if (json == null) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == Integer.class || raw == Boolean.class) {
            return expect(json, raw, at);
        }
        if (raw == Duration.class) {
            try {
                return Duration.parse(expect(json, String.class, at));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + ": expected a Duration");
            }
        }
        if (raw.isEnum()) {
            return constant(raw, expect(json, String.class, at), at);
        }
        if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            for (Object item : expect(json, List.class, at)) {
                list.add(value(item, element, at + "[]"));
            }
            return list;
        }
        if (raw == Map.class) {
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> map = new LinkedHashMap<>();
            expect(json, Map.class, at).forEach((key, part) -> map.put((String) key, value(part, valueType, at + "." + key)));
            return map;
        }
        if (raw.isRecord()) {
            return record(expect(json, Map.class, at), raw, at);
        }
        throw new IllegalStateException("the prepared model has no form for " + type);
    }

    private static Object record(Map<?, ?> object, Class<?> type, String at) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] raw = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        int found = 0;
        for (int i = 0; i < components.length; i++) {
            raw[i] = components[i].getType();
            String name = components[i].getName();
            if (object.containsKey(name)) {
                arguments[i] = value(object.get(name), components[i].getGenericType(), at + "." + name);
                found++;
            }
        }
        if (found != object.size()) {
            // A component renamed or removed since the form was written: what it held would be lost in silence.
            throw new IllegalArgumentException(at + " has a part " + type.getSimpleName() + " does not have");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(raw);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(at + " is refused by " + type.getSimpleName());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object constant(Class<?> enumType, String name, String at) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(at + ": expected a " + enumType.getSimpleName() + " constant");
    }

    private static <T> T expect(Object json, Class<T> type, String at) {
        if (!type.isInstance(json)) {
            throw new IllegalArgumentException(at + ": expected " + type.getSimpleName());
        }
        return type.cast(json);
    }
}
