package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.intake.AnswerSurvey;
import io.leadtriage.app.intake.ChooseNextQuestions;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Site;

import java.util.Map;

/**
 * {@code POST /v1/surveys/{surveyId}}: reads the post, hands it to {@link AnswerSurvey}, answers JSON or a 303. {@code GET
 * /v1/surveys/{surveyId}/questions}: the questions to ask the lead the survey link's token names.
 */
public final class SurveyHandler extends HttpFunction {
    private final AnswerSurvey answerSurvey;
    private final ChooseNextQuestions chooseNextQuestions;
    private final Site site;

    /** Lambda's: the function's services, built once per container. */
    public SurveyHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public SurveyHandler(Services services) {
        this(services.answerSurvey(), services.chooseNextQuestions(), services.site());
    }

    public SurveyHandler(AnswerSurvey answerSurvey, ChooseNextQuestions chooseNextQuestions, Site site) {
        this.answerSurvey = answerSurvey;
        this.chooseNextQuestions = chooseNextQuestions;
        this.site = site;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (QuestionsAnswer.SURVEY_ROUTE.equals(event.getRouteKey())) {
            String surveyId = new HttpRequest(event).pathParameter("surveyId");
            return QuestionsAnswer.answer(event, "questions", (token, ip) -> chooseNextQuestions.forSurvey(surveyId, token, ip));
        }
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
