package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.ConfirmSubscription;
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
 * The lead's own email-preference pages, reached from links in its emails. {@code GET /v1/unsubscribe?t=…} shows a
 * page with a button and changes nothing (mail scanners follow links); {@code POST} to the same URL unsubscribes at
 * once: the button, and RFC 8058 one-click unsubscribe from the mail client ({@code List-Unsubscribe=One-Click}).
 * {@code GET /v1/confirm?t=…} (double opt-in) likewise shows a button, and its {@code POST} confirms the consent.
 * Doing either twice is fine.
 */
public final class UnsubscribeHandler extends HttpFunction {
    static final String CONFIRM_PATH = "/v1/confirm";

    private final Unsubscribe unsubscribe;
    private final ConfirmSubscription confirmation;

    /** Lambda's: the function's services, built once per container. */
    public UnsubscribeHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public UnsubscribeHandler(Services services) {
        this(services.unsubscribe(), services.confirmSubscription());
    }

    public UnsubscribeHandler(Unsubscribe unsubscribe, ConfirmSubscription confirmation) {
        this.unsubscribe = unsubscribe;
        this.confirmation = confirmation;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("t");
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        boolean post = "POST".equalsIgnoreCase(method);
        if (CONFIRM_PATH.equals(event.getRawPath())) {
            return confirm(token, post);
        }
        Optional<String> leadId = unsubscribe.leadOf(token);
        if (leadId.isEmpty()) {
            return notValid("Use the unsubscribe link of a recent email, or reply to it and ask us to stop.");
        }
        if (!post) {
            return buttonPage("Unsubscribe", "Unsubscribe from our emails?",
                    "<p>You will get no more marketing emails from us.</p>", token,
                    "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", "Unsubscribe", "");
        }
        try {
            boolean found = unsubscribe.unsubscribe(leadId.get());
            Log.info("unsubscribe", Map.of("leadId", leadId.get(), "found", found));
        } catch (RuntimeException e) {
            return tryAgain(e, "unsubscribe");
        }
        return Responses.html(200, Html.page("Unsubscribed", "<h1>You are unsubscribed</h1>"
                + "<p>You will get no more marketing emails from us. Sorry to see you go.</p>"));
    }

    private APIGatewayV2HTTPResponse confirm(String token, boolean post) {
        Optional<String> leadId = confirmation.leadOf(token);
        if (leadId.isEmpty()) {
            return notValid("Confirmation links work for 30 days: fill in the form again for a new one.");
        }
        if (!post) {
            return buttonPage("Confirm your subscription", "Confirm your subscription",
                    "<p>Press the button to start getting our emails. You can unsubscribe from any of them.</p>", token,
                    "", "Yes, send me emails", "<p>If you did not ask for this, ignore the email: you will get nothing more.</p>");
        }
        ConfirmSubscription.Outcome outcome;
        try {
            outcome = confirmation.confirm(leadId.get());
            Log.info("subscription confirmed", Map.of("leadId", leadId.get(), "outcome", outcome.name().toLowerCase(
                    java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            return tryAgain(e, "confirm");
        }
        return switch (outcome) {
            case CONFIRMED, ALREADY_CONFIRMED -> Responses.html(200, Html.page("Subscription confirmed",
                    "<h1>Thank you, you are subscribed</h1><p>Our next email is on its way.</p>"));
            case NO_CONSENT, GONE -> Responses.html(409, Html.page("Not subscribed",
                    "<h1>There is nothing to confirm</h1><p>You unsubscribed since, or we no longer hold your"
                            + " details. Fill in the form again to subscribe.</p>"));
        };
    }

    /** A page whose button POSTs to the same link: only the button acts, never the GET a mail scanner makes. */
    private static APIGatewayV2HTTPResponse buttonPage(String title, String heading, String text, String token,
                                                       String hiddenFields, String button, String after) {
        return Responses.html(200, Html.page(title, "<h1>" + heading + "</h1>" + text
                + "<form method=\"post\" action=\"?t=" + Html.escape(token) + "\">" + hiddenFields
                + "<button type=\"submit\" style=\"font-size:1rem;padding:.6rem 1.2rem\">" + button + "</button></form>"
                + after));
    }

    private static APIGatewayV2HTTPResponse notValid(String advice) {
        return Responses.html(403, Html.page("Link not valid", "<h1>This link is not valid</h1><p>It may be incomplete"
                + " or too old. " + Html.escape(advice) + "</p>"));
    }

    /** The store was busy or out of reach: nothing changed, and the person can press the button again. */
    private static APIGatewayV2HTTPResponse tryAgain(RuntimeException e, String route) {
        Refusal busy = HttpErrors.refusalFor(e, route);
        return Responses.refused(Responses.html(HttpErrors.status(busy),
                Html.page("Please try again", "<h1>Please try again in a moment</h1>")), busy);
    }
}
