package io.leadtriage.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.leadtriage.app.email.EmailTemplates;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a qualification model from YAML and checks it whole. Every mistake becomes a sentence that
 * names its place (line, and the path of keys) instead of a stack trace: the reader is a marketer.
 */
public final class ModelLoader {
    /** The model shipped with the code (functions/model/leadtriage-model.yaml), on the classpath. */
    public static final String DEFAULT_RESOURCE = "leadtriage-model.yaml";

    private static final ObjectMapper YAML = createMapper();

    private ModelLoader() {
    }

    public static QualificationModel loadDefault() {
        return load(defaultText(), DEFAULT_RESOURCE);
    }

    /** The text of the model shipped with the code, comments and all. */
    public static String defaultText() {
        try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param source what to call the text in messages: a file name, or "the PUT body"
     * @throws ModelException listing every problem found
     */
    public static QualificationModel load(String yaml, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw new ModelException(source, List.of("the file is empty"));
        }
        QualificationModel parsed;
        try {
            parsed = YAML.readValue(yaml, QualificationModel.class);
        } catch (JsonProcessingException e) {
            throw new ModelException(source, List.of(describe(e)));
        }
        if (parsed == null) {
            throw new ModelException(source, List.of("the file is empty"));
        }
        ModelValidator validator = new ModelValidator();
        QualificationModel model = validator.validate(parsed);
        List<String> problems = new java.util.ArrayList<>(validator.problems());
        // Templates are checked as Mustache too: a broken one is found when the file loads, not at send time.
        problems.addAll(EmailTemplates.problems(model));
        if (!problems.isEmpty()) {
            throw new ModelException(source, problems);
        }
        return model;
    }

    private static ObjectMapper createMapper() {
        YAMLMapper mapper = YAMLMapper.builder(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // YAML 1.1 reads an unquoted NO (Norway) or on as a boolean; refuse to turn that into text silently.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new IsoDurationDeserializer());
        mapper.registerModule(durations);
        return mapper;
    }

    static String describe(JsonProcessingException e) {
        String where = where(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            String path = pathOf(u, true);
            return where + "unknown key '" + u.getPropertyName() + "'" + (path.isEmpty() ? "" : " in " + path)
                    + "; expected one of: " + known(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException f && f.getValue() instanceof Boolean) {
            return where + pathOf(f, false) + ": a bare yes/no/on/off/true/false is read as true or false;"
                    + " put the value in quotes";
        }
        if (e instanceof InvalidFormatException f) {
            return where + pathOf(f, false) + ": '" + f.getValue() + "' is not " + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return where + pathOf(m, false) + ": expected " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException cause) {
            return where + pathOf(m, false) + ": " + cause.getMessage();
        }
        String message = Objects.requireNonNullElse(e.getOriginalMessage(), "unreadable");
        if (message.startsWith("Duplicate field")) {
            return where + "the key " + message.substring("Duplicate field ".length()) + " appears twice";
        }
        return where + message.lines().findFirst().orElse(message);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static String pathOf(JsonMappingException e, boolean dropLast) {
        List<JsonMappingException.Reference> refs = e.getPath();
        int end = dropLast && !refs.isEmpty() ? refs.size() - 1 : refs.size();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < end; i++) {
            JsonMappingException.Reference ref = refs.get(i);
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT15M, P3D or P1W";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list, like [a, b] or lines starting with '- '";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a section of 'key: value' lines";
        }
        return "a " + type.getSimpleName();
    }
}
