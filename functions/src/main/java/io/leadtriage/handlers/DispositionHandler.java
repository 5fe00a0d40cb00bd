package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.AlertRouter;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;

import java.time.Duration;
import java.util.Optional;

/**
 * The sales alert's one-click links. {@code GET /v1/alerts/disposition?t=…} shows the lead and the rep's
 * choices, or the choice already recorded, and changes nothing (corporate link scanners open every link);
 * {@code POST} records the choice, once per alert: accepted, wrong fit, spam, duplicate or existing
 * customer. The page is {@link DispositionPage}; recording is {@link RecordDisposition}.
 */
public final class DispositionHandler extends HttpFunction {
    private final Services services;

    public DispositionHandler() {
        this(Services.shared());
        Priming.registerOnce(services);
    }

    public DispositionHandler(Services services) {
        this.services = services;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String token = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("t");
        Optional<LeadRecord> found = services.tokens().verify(TokenPurpose.DISPOSITION, token)
                .flatMap(id -> services.storage().queries().findById(id));
        if (found.isEmpty()) {
            return Responses.html(403, DispositionPage.invalidLink());
        }
        LeadRecord lead = found.get();
        DispositionPage page = page(services.model());
        RecordDisposition dispositions = new RecordDisposition(services.storage().alerts(), services.leadUpdates(), services.clock());
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        if (!"POST".equalsIgnoreCase(method)) {
            return Responses.html(200, dispositions.recorded(lead).map(r -> page.recorded(lead, r))
                    .orElseGet(() -> page.choices(lead, token, null)));
        }
        String choice = chosen(event);
        if (!RecordDisposition.CHOICES.contains(choice)) {
            return Responses.html(400, page.choices(lead, token, "Choose one of the options below."));
        }
        return Responses.html(200, page.recorded(lead, dispositions.record(lead, choice)));
    }

    private DispositionPage page(QualificationModel model) {
        Duration acceptWithin = model.alerts() == null ? null : model.alerts().acceptWithin();
        boolean escalates = acceptWithin != null
                && !new AlertRouter(model, services.config().email().alertRecipients()).escalationRecipients().isEmpty();
        return new DispositionPage(model, escalates ? acceptWithin : null);
    }

    private static String chosen(APIGatewayV2HTTPEvent event) {
        try {
            return FormBody.parse(new HttpRequest(event).contentType(),
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded())).getOrDefault("disposition", "");
        } catch (ApiError e) {
            return "";
        }
    }
}
