package io.leadtriage.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.Map;

/** Admin API requests as API Gateway hands them to the function. */
public final class AdminRequests {
    private AdminRequests() {
    }

    public static APIGatewayV2HTTPEvent of(String method, String routePath, String rawPath, Map<String, String> path,
                                    Map<String, String> query, String body, String authorization) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setPathParameters(path);
        event.setQueryStringParameters(query);
        event.setBody(body);
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        event.setHeaders(headers);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath).build()).build());
        return event;
    }

    /** Calls {@code admin} with the test admin token, checks the status (the body says why when it differs), reads the JSON. */
    public static com.fasterxml.jackson.databind.JsonNode call(io.leadtriage.handlers.AdminHandler admin, String method,
                                                               String routePath, String rawPath, Map<String, String> path,
                                                               Map<String, String> query, String body, int expectedStatus)
            throws java.io.IOException {
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response = admin.handleRequest(
                of(method, routePath, rawPath, path, query, body, "Bearer " + TestServices.ADMIN_TOKEN), null);
        org.assertj.core.api.Assertions.assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody());
    }
}
