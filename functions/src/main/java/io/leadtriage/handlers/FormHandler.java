package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.intake.ChooseNextQuestions;
import io.leadtriage.app.intake.TakeFormPost;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/forms/{formId}}: reads the post (JSON, urlencoded or multipart), hands it to {@link TakeFormPost},
 * and answers JSON, or a 303 to the next page for a plain HTML form (errors then as a page). {@code GET
 * /v1/forms/{formId}/questions?step=}: the questions to ask the lead the token names ({@link ChooseNextQuestions}).
 */
public final class FormHandler extends HttpFunction {
    private final TakeFormPost takeFormPost;
    private final ChooseNextQuestions chooseNextQuestions;
    private final Site site;

    /** Lambda's: the function's services, built once per container. */
    public FormHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public FormHandler(Services services) {
        this(services.takeFormPost(), services.chooseNextQuestions(), services.site());
    }

    public FormHandler(TakeFormPost takeFormPost, ChooseNextQuestions chooseNextQuestions, Site site) {
        this.takeFormPost = takeFormPost;
        this.chooseNextQuestions = chooseNextQuestions;
        this.site = site;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (QuestionsAnswer.FORM_ROUTE.equals(event.getRouteKey())) {
            String formId = new HttpRequest(event).pathParameter("formId");
            return QuestionsAnswer.answer(event, "questions", (token, ip) -> chooseNextQuestions.forForm(formId,
                    QuestionsAnswer.step(event), token, ip));
        }
        HttpRequest request = new HttpRequest(event);
        try {
            TakeFormPost.Taken taken = takeFormPost.take(new TakeFormPost.FormPost(request.pathParameter("formId"),
                    request.fields(),
                    request.sourceIp(), request.publicApiUrl(site.configuredApiUrl())));
            String url = request.resolveOnPostingSite(taken.url(), site.allowedOrigins());
            if (request.isPlainBrowserForm()) {
                return Responses.seeOther(taken.toStep2() ? TokenService.withToken(url, taken.token()) : url);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("leadId", taken.leadId());
            body.put("token", taken.token());
            body.put("next", Map.of("action", taken.action(), "url", url));
            // 201 for a known address too: the answer must not tell anyone whether an address is already a lead.
            return Responses.json(201, body);
        } catch (RuntimeException e) {
            return request.refused(e, "form", site);
        }
    }
}
