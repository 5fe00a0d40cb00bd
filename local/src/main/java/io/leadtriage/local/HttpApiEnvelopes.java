package io.leadtriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The local server's side of the Lambda wire: the request as the JSON bytes API Gateway sends (payload 2.0:
 * the event class's properties bear its field names; absent ones are left out, as API Gateway leaves them
 * out), and the function's JSON answer back into a response. So a local request goes through the same stream
 * method, envelope reader and answer writer as a deployed one.
 */
final class HttpApiEnvelopes {
    private static final ObjectMapper JSON = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private HttpApiEnvelopes() {
    }

    static byte[] json(APIGatewayV2HTTPEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function's answer as it wrote it; a field the response has no place for is an error, not dropped. */
    static APIGatewayV2HTTPResponse response(byte[] json) {
        try {
            return JSON.readValue(json, APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new IllegalStateException("the function's answer is not an HTTP API response", e);
        }
    }
}
