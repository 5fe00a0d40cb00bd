package io.leadtriage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, read with Jackson's streaming parser, for code that looks up a few fields of a
 * small document: no data binding, and none of its class loading at cold start.
 *
 * <p>An object reads as a {@link LinkedHashMap} in document order (a name given twice keeps its last value, as
 * data binding's tree does), an array as an {@link ArrayList}, a string as a {@link String}, a number
 * as the parser's own choice ({@link Integer}, {@link Long} or {@link java.math.BigInteger} for a whole number,
 * {@link Double} otherwise), true and false as {@link Boolean}, and null as {@code null}.
 *
 * <p>{@link #write} is the way back, with Jackson's streaming generator: a map as an object in its iteration order,
 * a collection as an array, an {@link Integer} or {@link Long} as a whole number, any other number as a double,
 * a boolean as itself, null as null, and anything else as its {@code toString()}.
 */
public final class JsonTree {
    /** Jackson's default limits (nesting depth, lengths of names, strings and numbers). */
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /** The value as JSON text, on one line. */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(value.toString());
        }
    }

    /**
     * The whole text as one value (maps, lists, strings, numbers, booleans, null); null for an empty text.
     *
     * @throws IllegalArgumentException the text is not JSON (the message quotes none of it)
     */
    public static Object parse(String json) {
        try (JsonParser p = parser(json)) {
            return p.nextToken() == null ? null : read(p);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
    }

    /** A parser of the text, before its first token. */
    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /**
     * The value that starts at the parser's current token, read to its end: the parser is left on the value's
     * last token (the closing bracket of an object or array), so the caller can go on after it.
     */
    public static Object read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new JsonParseException(p, "expected a JSON value, found the end of the input");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    object.put(name, read(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
                    array.add(read(p));
                }
                yield array;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "expected a JSON value, found " + token);
        };
    }
}
