package io.leadtriage.handlers.http;

import io.leadtriage.json.JsonTree;
import io.leadtriage.app.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.leadtriage.app.email.Labels;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answers the API gives: JSON, a 303 for plain browser forms, and small HTML pages. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, "application/json; charset=utf-8", JsonTree.write(body), Map.of());
    }

    /** @param headers more headers (Content-Disposition, a next page's cursor) */
    public static APIGatewayV2HTTPResponse csv(int status, String body, Map<String, String> headers) {
        return response(status, "text/csv; charset=utf-8", body, headers);
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
    public static APIGatewayV2HTTPResponse error(Refusal e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (!e.fields().isEmpty()) {
            error.put("fields", e.fields());
        }
        return refused(json(HttpErrors.status(e), Map.of("error", error)), e);
    }

    /**
     * The error as JSON, or as a page for a browser that posted a plain HTML form.
     *
     * @param backTo the form's page, for the page's link back to it (null when not known)
     */
    public static APIGatewayV2HTTPResponse error(Refusal e, boolean asPage, String backTo) {
        return asPage ? errorPage(e, backTo) : error(e);
    }

    /**
     * The same error as a page, for a browser that posted a plain HTML form and would show raw JSON: each
     * field by its label ("Company size", never {@code companySize}), and a plain link back to the form (the
     * page's CSP allows no script, so no {@code history.back()}).
     *
     * @param backTo the form's page (an http(s) address on an allowed origin), or null: the page then says
     *               to use the browser's back button
     */
    public static APIGatewayV2HTTPResponse errorPage(Refusal e, String backTo) {
        StringBuilder items = new StringBuilder();
        e.fields().forEach((field, message) -> items.append("<li><strong>").append(Html.escape(Labels.field(field)))
                .append("</strong> ").append(Html.escape(message)).append("</li>"));
        String back = backTo == null ? "<p>Use your browser's back button to return to the form; your answers are"
                + " usually still there.</p>"
                : "<p><a href=\"" + Html.escape(backTo) + "\">Go back to the form</a></p>";
        String page = Html.page("Please check the form", "<h1>Please check the form</h1><p>"
                + Html.escape(e.getMessage()) + "</p>" + (items.length() > 0 ? "<ul>" + items + "</ul>" : "") + back);
        return refused(html(HttpErrors.status(e), page), e);
    }

    /** {@code answer}, the refusal's, with the Retry-After a rate limit or a busy store calls for. */
    public static APIGatewayV2HTTPResponse refused(APIGatewayV2HTTPResponse answer, Refusal refusal) {
        int status = answer.getStatusCode();
        if (status == 429 || status == 503) {
            answer.getHeaders().put("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
        }
        return answer;
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
