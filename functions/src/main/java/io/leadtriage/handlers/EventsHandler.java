package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.crm.RecordCrmOutcome;
import io.leadtriage.app.intake.RecordSignal;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Site;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/events}: reads a behaviour signal (the page snippet's sendBeacon posts JSON as text/plain) and
 * hands it to {@link RecordSignal}; {@code 202} once stored. {@code POST /v1/outcomes}: a CRM's signed outcome
 * (another server-to-server signal about a lead, so the same function) for {@link RecordCrmOutcome}; {@code 200}
 * with what was recorded, a repeat alike.
 */
public final class EventsHandler extends HttpFunction {
    static final String OUTCOMES_ROUTE = "POST /v1/outcomes";

    private final RecordSignal recordSignal;
    private final RecordCrmOutcome recordCrmOutcome;
    private final Site site;

    /** Lambda's: the function's services, built once per container. */
    public EventsHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public EventsHandler(Services services) {
        this(services.recordSignal(), services.recordCrmOutcome(), services.site());
    }

    public EventsHandler(RecordSignal recordSignal, RecordCrmOutcome recordCrmOutcome, Site site) {
        this.recordSignal = recordSignal;
        this.recordCrmOutcome = recordCrmOutcome;
        this.site = site;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (OUTCOMES_ROUTE.equals(event.getRouteKey())) {
            return outcome(event);
        }
        HttpRequest request = new HttpRequest(event);
        try {
            String contentType = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
            // sendBeacon posts text/plain (a "simple" request, no preflight); its body is the same JSON.
            Map<String, String> fields = FormBody.parse(contentType.startsWith("text/plain") ? "application/json" : contentType,
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()));
            recordSignal.record(new RecordSignal.EventPost(fields, request.header("authorization"), request.sourceIp(),
                    request.publicApiUrl(site.configuredApiUrl())));
            return Responses.json(202, Map.of("accepted", true));
        } catch (RuntimeException e) {
            return Responses.error(HttpErrors.refusalFor(e, "events"));
        }
    }

    private APIGatewayV2HTTPResponse outcome(APIGatewayV2HTTPEvent event) {
        try {
            RecordCrmOutcome.Result result = recordCrmOutcome.record(new HttpRequest(event).header(RequestSignature.HEADER),
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()),
                    body -> FormBody.parse("application/json", body));
            // The same answer to a repeat, byte for byte in any container: a workflow that retries sees its first call.
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("leadId", result.leadId());
            answer.put("outcome", result.outcome());
            answer.put("dealId", result.dealId());
            answer.put("recorded", true);
            return Responses.json(200, answer);
        } catch (RuntimeException e) {
            return Responses.error(HttpErrors.refusalFor(e, "outcomes"));
        }
    }
}
