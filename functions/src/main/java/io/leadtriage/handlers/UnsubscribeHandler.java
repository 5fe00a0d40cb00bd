package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.Refusal;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.app.Unsubscribe;
import io.leadtriage.handlers.http.Html;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/unsubscribe?t=…} shows a page with a button and changes nothing (mail scanners follow
 * links); {@code POST} to the same URL unsubscribes at once: the button, and RFC 8058 one-click
 * unsubscribe from the mail client ({@code List-Unsubscribe=One-Click}). Unsubscribing twice is fine.
 */
public final class UnsubscribeHandler extends HttpFunction {
    private final Unsubscribe unsubscribe;

    /** Lambda's: the function's services, built once per container. */
    public UnsubscribeHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public UnsubscribeHandler(Services services) {
        this(services.unsubscribe());
    }

    public UnsubscribeHandler(Unsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("t");
        Optional<String> leadId = unsubscribe.leadOf(token);
        if (leadId.isEmpty()) {
            return Responses.html(403, Html.page("Link not valid", "<h1>This link is not valid</h1>"
                    + "<p>It may be incomplete. Use the unsubscribe link of a recent email, or reply to it and ask"
                    + " us to stop.</p>"));
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        if (!"POST".equalsIgnoreCase(method)) {
            return Responses.html(200, Html.page("Unsubscribe", "<h1>Unsubscribe from our emails?</h1>"
                    + "<p>You will get no more marketing emails from us.</p>"
                    + "<form method=\"post\" action=\"?t=" + Html.escape(token) + "\">"
                    + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                    + "<button type=\"submit\" style=\"font-size:1rem;padding:.6rem 1.2rem\">Unsubscribe</button></form>"));
        }
        try {
            boolean found = unsubscribe.unsubscribe(leadId.get());
            Log.info("unsubscribe", Map.of("leadId", leadId.get(), "found", found));
        } catch (RuntimeException e) {
            // The store was busy or out of reach: nothing changed, and the person can press the button again.
            Refusal busy = HttpErrors.refusalFor(e, "unsubscribe");
            return Responses.refused(Responses.html(HttpErrors.status(busy),
                    Html.page("Please try again", "<h1>Please try again in a moment</h1>")), busy);
        }
        return Responses.html(200, Html.page("Unsubscribed", "<h1>You are unsubscribed</h1>"
                + "<p>You will get no more marketing emails from us. Sorry to see you go.</p>"));
    }
}
