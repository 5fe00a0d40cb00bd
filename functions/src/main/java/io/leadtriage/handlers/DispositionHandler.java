package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.ContentionException;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.Html;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales alert's one-click links. {@code GET /v1/alerts/disposition?t=…} shows the rep's choices and
 * changes nothing (corporate link scanners open every link); {@code POST} records the choice, once per
 * alert: accepted, wrong fit, spam, duplicate or existing customer. An accepted alert does not escalate.
 */
public final class DispositionHandler extends HttpFunction {
    static final Map<String, String> CHOICES = choices();

    private final Services services;

    public DispositionHandler() {
        this(Services.shared());
        Priming.registerOnce(services);
    }

    public DispositionHandler(Services services) {
        this.services = services;
    }

    private static Map<String, String> choices() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("accepted", "I'm on it");
        c.put("wrong_fit", "Wrong fit");
        c.put("spam", "Spam");
        c.put("duplicate", "Duplicate");
        c.put("existing_customer", "Existing customer");
        return c;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("t");
        Optional<LeadRecord> lead = services.tokens().verify(TokenPurpose.DISPOSITION, token)
                .flatMap(id -> services.leadStore().findById(id));
        if (lead.isEmpty()) {
            return Responses.html(403, Html.page("Link not valid", "<h1>This link is not valid any more</h1>"
                    + "<p>The lead may have been erased, or the link is older than 30 days.</p>"));
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        String alertId = OutboxItem.alertId(Math.max(1, lead.get().hotEpisode()));
        String name = lead.get().lead().answers().displayName().isEmpty() ? "this lead" : lead.get().lead().answers().displayName();
        if (!"POST".equalsIgnoreCase(method)) {
            StringBuilder buttons = new StringBuilder();
            CHOICES.forEach((value, label) -> buttons.append("<button name=\"disposition\" value=\"").append(value)
                    .append("\" style=\"margin:.25rem;padding:.6rem 1rem;font-size:1rem\">").append(Html.escape(label))
                    .append("</button>"));
            return Responses.html(200, Html.page("What happened with this lead?", "<h1>" + Html.escape(name) + "</h1>"
                    + "<p>Tell us what happened; it tunes the scoring.</p><form method=\"post\" action=\"?t="
                    + Html.escape(token) + "\">" + buttons + "</form>"));
        }
        String disposition;
        try {
            disposition = FormBody.parse(new HttpRequest(event).contentType(),
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded())).getOrDefault("disposition", "");
        } catch (ApiError e) {
            disposition = "";
        }
        if (!CHOICES.containsKey(disposition)) {
            return Responses.html(400, Html.page("Choose one", "<h1>Choose one of the options</h1><p>"
                    + String.join(", ", CHOICES.keySet()) + "</p>"));
        }
        String chosen = disposition;
        if (!services.outbox().recordDisposition(lead.get().id(), alertId, chosen, services.clock().instant())) {
            return Responses.html(200, Html.page("Already recorded", "<h1>Already recorded</h1>"
                    + "<p>Someone recorded what happened with this alert already. Thank you.</p>"));
        }
        try {
            services.leadUpdates().apply(LeadUpdates.Lookup.byId(lead.get().id()), null, (current, now) -> current.map(l ->
                    new LeadUpdates.Draft(l.withSales(l.sales().withDisposition(chosen, now,
                            l.qualification().breakdown().stream().map(io.leadtriage.domain.ScoreLine::ruleId).toList())),
                            List.of(new TimelineEntry(now, TimelineEntry.DISPOSITION, chosen + " (alert " + alertId + ")")))));
        } catch (ContentionException e) {
            Log.warn("disposition kept on the alert; the lead was busy", Map.of("leadId", lead.get().id()));
        }
        Log.info("disposition recorded", Map.of("leadId", lead.get().id(), "disposition", chosen));
        return Responses.html(200, Html.page("Recorded", "<h1>Recorded: " + Html.escape(CHOICES.get(chosen)) + "</h1>"
                + "<p>Thank you.</p>"));
    }
}
