package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.intake.AnswerSurvey;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Site;

import java.util.Map;

/** {@code POST /v1/surveys/{surveyId}}: reads the post, hands it to {@link AnswerSurvey}, answers JSON or a 303. */
public final class SurveyHandler extends HttpFunction {
    private final AnswerSurvey answerSurvey;
    private final Site site;

    /** Lambda's: the function's services, built once per container. */
    public SurveyHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public SurveyHandler(Services services) {
        this(services.answerSurvey(), services.site());
    }

    public SurveyHandler(AnswerSurvey answerSurvey, Site site) {
        this.answerSurvey = answerSurvey;
        this.site = site;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        try {
            AnswerSurvey.Answered answered = answerSurvey.answer(new AnswerSurvey.SurveyPost(request.pathParameter("surveyId"),
                    request.fields(),
                    request.sourceIp()));
            String thanks = request.resolveOnPostingSite(answered.thankYouUrl(), site.allowedOrigins());
            if (request.isPlainBrowserForm()) {
                return Responses.seeOther(thanks);
            }
            return Responses.json(200, Map.of("leadId", answered.leadId(), "next", Map.of("action", "thank_you", "url", thanks)));
        } catch (RuntimeException e) {
            return request.refused(e, "survey", site);
        }
    }
}
