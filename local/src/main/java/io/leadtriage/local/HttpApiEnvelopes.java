package io.leadtriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local server's side of the Lambda wire: the request as the JSON bytes API Gateway sends (payload 2.0,
 * with its field names, which the event class's getters do not all give a data binder: {@code isBase64Encoded}),
 * and the function's JSON answer back into a response. So a local request goes through the same stream method,
 * envelope reader and answer writer as a deployed one.
 */
final class HttpApiEnvelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiEnvelopes() {
    }

    /** Only the fields the local server sets; absent ones are left out, as API Gateway leaves them out. */
    static byte[] json(APIGatewayV2HTTPEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", event.getVersion());
        root.put("routeKey", event.getRouteKey());
        root.put("rawPath", event.getRawPath());
        root.put("rawQueryString", event.getRawQueryString());
        if (event.getCookies() != null) {
            event.getCookies().forEach(root.putArray("cookies")::add);
        }
        putMap(root, "headers", event.getHeaders());
        putMap(root, "queryStringParameters", event.getQueryStringParameters());
        putMap(root, "pathParameters", event.getPathParameters());
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null) {
            ObjectNode c = root.putObject("requestContext");
            c.put("accountId", context.getAccountId());
            c.put("apiId", context.getApiId());
            c.put("domainName", context.getDomainName());
            c.put("requestId", context.getRequestId());
            c.put("routeKey", context.getRouteKey());
            c.put("stage", context.getStage());
            c.put("time", context.getTime());
            c.put("timeEpoch", context.getTimeEpoch());
            if (context.getHttp() != null) {
                ObjectNode http = c.putObject("http");
                http.put("method", context.getHttp().getMethod());
                http.put("path", context.getHttp().getPath());
                http.put("protocol", context.getHttp().getProtocol());
                http.put("sourceIp", context.getHttp().getSourceIp());
                http.put("userAgent", context.getHttp().getUserAgent());
            }
        }
        if (event.getBody() != null) {
            root.put("body", event.getBody());
        }
        root.put("isBase64Encoded", event.getIsBase64Encoded());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function's answer as it wrote it: statusCode, headers, multiValueHeaders, cookies, body, isBase64Encoded. */
    static APIGatewayV2HTTPResponse response(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the function's answer is not JSON", e);
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(root.path("statusCode").asInt());
        if (root.hasNonNull("headers")) {
            Map<String, String> headers = new LinkedHashMap<>();
            root.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            response.setHeaders(headers);
        }
        if (root.hasNonNull("multiValueHeaders")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            root.get("multiValueHeaders").fields().forEachRemaining(h -> headers.put(h.getKey(), texts(h.getValue())));
            response.setMultiValueHeaders(headers);
        }
        if (root.hasNonNull("cookies")) {
            response.setCookies(texts(root.get("cookies")));
        }
        if (root.hasNonNull("body")) {
            response.setBody(root.get("body").asText());
        }
        response.setIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false));
        return response;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void putMap(ObjectNode root, String name, Map<String, String> map) {
        if (map != null) {
            ObjectNode node = root.putObject(name);
            map.forEach(node::put);
        }
    }
}
