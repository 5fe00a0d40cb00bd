package io.leadtriage.handlers.http;

import io.leadtriage.app.Refusal;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the three ways a browser posts a form (JSON, urlencoded, multipart) into flat field → value
 * pairs, within {@link BodyLimits}. Strict on purpose: broken percent-encoding, invalid UTF-8, duplicate
 * fields, nested JSON and file uploads are refused with a clear 4xx, never guessed at.
 */
public final class FormBody {
    /** Jackson with tight stream limits: a flat object of short values is all a form ever sends. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4)
                    .maxStringLength(BodyLimits.MAX_FIELD_BYTES)
                    .maxNumberLength(32)
                    .maxNameLength(BodyLimits.MAX_FIELD_NAME_LENGTH)
                    .maxDocumentLength(BodyLimits.MAX_BODY_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private FormBody() {
    }

    public enum MediaType { JSON, URLENCODED, MULTIPART }

    /** The media type a Content-Type header names, or a 415 for anything a form cannot be. */
    public static MediaType mediaTypeOf(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> MediaType.JSON;
            case "application/x-www-form-urlencoded" -> MediaType.URLENCODED;
            case "multipart/form-data" -> MediaType.MULTIPART;
            default -> throw new Refusal(Refusal.UNSUPPORTED_MEDIA_TYPE,
                    "Send the form as application/json, application/x-www-form-urlencoded or multipart/form-data.",
                    Map.of());
        };
    }

    /** The raw body bytes of an API Gateway event, base64-decoded when flagged so, within the size limit. */
    public static byte[] bodyBytes(String body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        if (body.length() > (base64 ? BodyLimits.MAX_BODY_BYTES * 4 / 3 + 4 : BodyLimits.MAX_BODY_BYTES * 4)) {
            throw tooLarge();
        }
        byte[] bytes;
        if (base64) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalidBody("The request body is not valid base64.");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > BodyLimits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    public static Map<String, String> parse(String contentType, byte[] body) {
        return switch (mediaTypeOf(contentType)) {
            case JSON -> json(body);
            case URLENCODED -> urlencoded(body);
            case MULTIPART -> Multipart.parse(contentType, body);
        };
    }

    static Map<String, String> json(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Refusal.invalidBody("The request body must be a JSON object of field names and values.");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                            add(fields, name, p.getText());
                    case VALUE_NULL -> add(fields, name, "");
                    default -> throw Refusal.invalidFields(Map.of(Refusal.safeFieldName(name), "must be a single value"));
                }
            }
            if (p.nextToken() != null) {
                throw Refusal.invalidBody("The request body has data after the JSON object.");
            }
        } catch (StreamConstraintsException e) {
            throw Refusal.invalidBody("The JSON body is nested too deeply or holds a value that is too long.");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                throw Refusal.invalidBody("A field appears twice in the JSON body.");
            }
            throw Refusal.invalidBody("The request body is not valid JSON.");
        }
        return fields;
    }

    static Map<String, String> urlencoded(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = strictUtf8(body);
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            add(fields, name, value);
        }
        return fields;
    }

    /** Adds one field, enforcing the count, the size of each value and uniqueness of names. */
    static void add(Map<String, String> fields, String name, String value) {
        if (name == null || name.isEmpty() || name.length() > BodyLimits.MAX_FIELD_NAME_LENGTH) {
            throw Refusal.invalidBody("A field name is empty or longer than " + BodyLimits.MAX_FIELD_NAME_LENGTH
                    + " characters.");
        }
        if (fields.size() >= BodyLimits.MAX_FIELDS) {
            throw Refusal.tooLarge("A form may send at most " + BodyLimits.MAX_FIELDS + " fields.");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > BodyLimits.MAX_FIELD_BYTES) {
            throw Refusal.invalidFields(Map.of(Refusal.safeFieldName(name), "is too long (at most 2 KB)"));
        }
        if (fields.putIfAbsent(name, value) != null) {
            throw Refusal.invalidFields(Map.of(Refusal.safeFieldName(name), "is given more than once"));
        }
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw Refusal.invalidBody("The form body has broken percent-encoding.");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.invalidBody("The request body is not valid UTF-8.");
        }
    }

    private static Refusal tooLarge() {
        return Refusal.tooLarge("The request body is larger than " + BodyLimits.MAX_BODY_BYTES / 1024 + " KB.");
    }
}
