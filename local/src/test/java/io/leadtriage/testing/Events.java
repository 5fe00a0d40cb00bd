package io.leadtriage.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The real API Gateway envelopes of events/, the same files `sam local invoke -e` takes. */
public final class Events {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Events() {
    }

    public static Path dir() {
        String configured = System.getProperty("leadtriage.events");
        return configured != null ? Path.of(configured) : Path.of("../events");
    }

    public static APIGatewayV2HTTPEvent load(String name) {
        try {
            return MAPPER.readValue(Files.readString(dir().resolve(name)), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope's JSON body as a map, to vary one field. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonBody(APIGatewayV2HTTPEvent event) {
        try {
            return new HashMap<>(MAPPER.readValue(decodedBody(event), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2HTTPEvent withJsonBody(APIGatewayV2HTTPEvent event, Map<String, ?> body) {
        try {
            return withBody(event, MAPPER.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same envelope with another body (sent as plain text, not base64) and content type. */
    public static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body, String contentType) {
        APIGatewayV2HTTPEvent copy = copy(event);
        copy.setBody(body);
        copy.setIsBase64Encoded(false);
        copy.getHeaders().put("content-type", contentType);
        copy.getHeaders().put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return copy;
    }

    public static APIGatewayV2HTTPEvent withRawBody(APIGatewayV2HTTPEvent event, byte[] body, String contentType) {
        APIGatewayV2HTTPEvent copy = copy(event);
        copy.setBody(Base64.getEncoder().encodeToString(body));
        copy.setIsBase64Encoded(true);
        copy.getHeaders().put("content-type", contentType);
        return copy;
    }

    public static APIGatewayV2HTTPEvent forForm(APIGatewayV2HTTPEvent event, String formId) {
        APIGatewayV2HTTPEvent copy = copy(event);
        copy.setPathParameters(new HashMap<>(Map.of("formId", formId)));
        copy.setRawPath("/v1/forms/" + formId);
        return copy;
    }

    public static String decodedBody(APIGatewayV2HTTPEvent event) {
        return event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
    }

    private static APIGatewayV2HTTPEvent copy(APIGatewayV2HTTPEvent event) {
        try {
            APIGatewayV2HTTPEvent copy = MAPPER.readValue(MAPPER.writeValueAsString(event), APIGatewayV2HTTPEvent.class);
            copy.setHeaders(new HashMap<>(event.getHeaders()));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
