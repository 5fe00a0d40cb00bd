package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;

import java.util.Optional;

/**
 * The sales alert's one-click links. {@code GET /v1/alerts/disposition?t=…} shows the lead and the rep's
 * choices, or the choice already recorded, and changes nothing (corporate link scanners open every link);
 * {@code POST} records the choice, once per alert. Recording is {@link RecordDisposition}; the page is
 * {@link DispositionPage}.
 */
public final class DispositionHandler extends HttpFunction {
    private final RecordDisposition dispositions;

    /** Lambda's: the function's services, built once per container. */
    public DispositionHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public DispositionHandler(Services services) {
        this(services.recordDisposition());
    }

    public DispositionHandler(RecordDisposition dispositions) {
        this.dispositions = dispositions;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("t");
        Optional<RecordDisposition.Opened> opened = dispositions.open(token);
        if (opened.isEmpty()) {
            return Responses.html(403, DispositionPage.invalidLink());
        }
        RecordDisposition.Opened alert = opened.get();
        DispositionPage page = new DispositionPage(alert.model(), alert.escalatesWithin());
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        if (!"POST".equalsIgnoreCase(method)) {
            return Responses.html(200, alert.recorded().map(r -> page.recorded(alert.lead(), r))
                    .orElseGet(() -> page.choices(alert.lead(), token, null)));
        }
        String choice = chosen(event);
        if (!RecordDisposition.CHOICES.contains(choice)) {
            return Responses.html(400, page.choices(alert.lead(), token, "Choose one of the options below."));
        }
        return Responses.html(200, page.recorded(alert.lead(), dispositions.record(alert.lead(), choice)));
    }

    private static String chosen(APIGatewayV2HTTPEvent event) {
        try {
            return new HttpRequest(event).fields().getOrDefault("disposition", "");
        } catch (Refusal e) {
            return "";
        }
    }
}
