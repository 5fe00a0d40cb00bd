package io.leadtriage.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answers the API gives: JSON, a 303 for plain browser forms, and small HTML pages. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, "application/json; charset=utf-8", Json.write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse seeOther(String location) {
        return response(303, "text/plain; charset=utf-8", "", Map.of("Location", location));
    }

    public static APIGatewayV2HTTPResponse html(int status, String page) {
        return response(status, "text/html; charset=utf-8", page, Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'",
                "X-Frame-Options", "DENY"));
    }

    /** The contract's error body: {"error": {"code", "message", "fields"}}. */
    public static APIGatewayV2HTTPResponse error(ApiError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (!e.fields().isEmpty()) {
            error.put("fields", e.fields());
        }
        APIGatewayV2HTTPResponse response = json(e.status(), Map.of("error", error));
        if (e.status() == 429 || e.status() == 503) {
            response.getHeaders().put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    /** The error as JSON, or as a page for a browser that posted a plain HTML form. */
    public static APIGatewayV2HTTPResponse error(ApiError e, boolean asPage) {
        return asPage ? errorPage(e) : error(e);
    }

    /** The same error as a page, for a browser that posted a plain HTML form and would show raw JSON. */
    public static APIGatewayV2HTTPResponse errorPage(ApiError e) {
        StringBuilder items = new StringBuilder();
        e.fields().forEach((field, message) -> items.append("<li><strong>").append(Html.escape(field))
                .append("</strong> ").append(Html.escape(message)).append("</li>"));
        String page = Html.page("Please check the form", "<h1>Please check the form</h1><p>"
                + Html.escape(e.getMessage()) + "</p>" + (items.length() > 0 ? "<ul>" + items + "</ul>" : "")
                + "<p><a href=\"javascript:history.back()\">Go back to the form</a></p>");
        APIGatewayV2HTTPResponse response = html(e.status(), page);
        if (e.status() == 429 || e.status() == 503) {
            response.getHeaders().put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body,
                                                     Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }
}
