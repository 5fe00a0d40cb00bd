package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.intake.ChooseNextQuestions;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.handlers.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/forms/{formId}/questions} and {@code GET /v1/surveys/{surveyId}/questions}: the questions to ask this
 * lead now, for the form's and the survey's handlers alike. The lead's token comes as {@code Authorization: Bearer},
 * never in the address (addresses end up in logs and histories).
 */
final class QuestionsAnswer {
    static final String FORM_ROUTE = "GET /v1/forms/{formId}/questions";
    static final String SURVEY_ROUTE = "GET /v1/surveys/{surveyId}/questions";

    private QuestionsAnswer() {
    }

    /** @param choose the use case, given the token (null when none was sent) and the client's address */
    static APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, String route,
                                           java.util.function.BiFunction<String, String, ChooseNextQuestions.Asked> choose) {
        HttpRequest request = new HttpRequest(event);
        try {
            ChooseNextQuestions.Asked asked = choose.apply(bearer(request.header("authorization")), request.sourceIp());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("pooled", asked.pooled());
            body.put("questions", asked.questions().stream().map(QuestionsAnswer::question).toList());
            return Responses.json(200, body);
        } catch (RuntimeException e) {
            return Responses.error(HttpErrors.refusalFor(e, route));
        }
    }

    /** The step a form's question request is for: {@code ?step=2}, else 1. */
    static int step(APIGatewayV2HTTPEvent event) {
        String step = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("step");
        if (step == null || step.equals("1")) {
            return 1;
        }
        if (step.equals("2")) {
            return 2;
        }
        throw Refusal.invalidFields(Map.of("step", "must be 1 or 2"));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static Map<String, Object> question(ChooseNextQuestions.AskedQuestion q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", q.field());
        m.put("label", q.label());
        m.put("type", q.type());
        if (!q.options().isEmpty()) {
            m.put("options", q.options().stream().map(o -> Map.of("value", o.value(), "label", o.label())).toList());
        }
        putIfSet(m, "min", q.min());
        putIfSet(m, "max", q.max());
        putIfSet(m, "maxLength", q.maxLength());
        m.put("required", q.required());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
