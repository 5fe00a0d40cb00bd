package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.intake.RecordSignal;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Site;

import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/events}: reads a behaviour signal (the page snippet's sendBeacon posts JSON as text/plain) and
 * hands it to {@link RecordSignal}; {@code 202} once stored.
 */
public final class EventsHandler extends HttpFunction {
    private final RecordSignal recordSignal;
    private final Site site;

    /** Lambda's: the function's services, built once per container. */
    public EventsHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public EventsHandler(Services services) {
        this(services.recordSignal(), services.site());
    }

    public EventsHandler(RecordSignal recordSignal, Site site) {
        this.recordSignal = recordSignal;
        this.site = site;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
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
}
