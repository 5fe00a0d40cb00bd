package io.leadtriage.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
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
 */
public final class JsonTree {
    /** Jackson's default limits (nesting depth, lengths of names, strings and numbers). */
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
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
