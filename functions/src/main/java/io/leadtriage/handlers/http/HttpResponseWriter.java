package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a handler's answer as the JSON API Gateway expects back from an HTTP API function (payload format
 * 2.0), with Jackson's streaming generator: {@code statusCode}, {@code headers}, {@code multiValueHeaders} and
 * {@code cookies} when set, {@code body} when there is one, and {@code isBase64Encoded}. Fields that are not set
 * are left out rather than written as null, as the Lambda runtime's own serializer does.
 */
public final class HttpResponseWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private HttpResponseWriter() {
    }

    /** Writes the answer as UTF-8 and flushes it; the stream is left open. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(output, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    g.writeStringField(header.getKey(), header.getValue());
                }
                g.writeEndObject();
            }
            if (response.getMultiValueHeaders() != null) {
                g.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                    g.writeFieldName(header.getKey());
                    writeStrings(g, header.getValue());
                }
                g.writeEndObject();
            }
            if (response.getCookies() != null) {
                g.writeFieldName("cookies");
                writeStrings(g, response.getCookies());
            }
            if (response.getBody() != null) {
                g.writeStringField("body", response.getBody());
            }
            g.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            g.writeEndObject();
        }
    }

    private static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
