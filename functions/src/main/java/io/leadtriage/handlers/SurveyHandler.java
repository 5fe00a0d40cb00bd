package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.AnswerSurvey;
import io.leadtriage.app.ContentionException;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.email.Labels;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.model.SurveyDefinition;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/surveys/{surveyId}}: follow-up answers, posted with the {@code _token} of the survey
 * link in a nurture email. Only the survey's fields are taken; a forged or expired token is a 403 and
 * changes nothing.
 */
public final class SurveyHandler extends HttpFunction {
    private final Services services;

    public SurveyHandler() {
        this(Services.shared());
        Priming.registerOnce(services);
    }

    public SurveyHandler(Services services) {
        this.services = services;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        String surveyId = request.pathParameter("surveyId");
        boolean plainBrowserForm = request.isPlainBrowserForm();
        String backTo = plainBrowserForm ? request.formPage(services.config().allowedOrigins()) : null;
        try {
            SurveyDefinition survey = surveyId == null ? null : services.model().surveys().get(surveyId);
            if (survey == null) {
                throw new ApiError(404, ApiError.UNKNOWN_FORM, "There is no survey with this id.", Map.of());
            }
            AbuseGuard.countClient(services, request, "survey");
            Map<String, String> raw = FormBody.parse(request.contentType(),
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()));
            String leadId = services.tokens().verify(TokenPurpose.SURVEY, raw.get(FormFields.TOKEN))
                    .orElseThrow(ApiError::invalidToken);
            Map<String, String> problems = new LinkedHashMap<>();
            Map<String, String> answers = new LinkedHashMap<>();
            for (String field : survey.fields()) {
                String value = raw.get(field);
                if (value != null && !value.isBlank()) {
                    String normalised = FormFields.check(problems, field, () -> FormFields.answer(field, value));
                    if (normalised != null) {
                        answers.put(field, normalised);
                    }
                }
            }
            String submissionId = null;
            if (raw.containsKey("submissionId") && !raw.get("submissionId").isBlank()) {
                submissionId = FormFields.check(problems, "submissionId", () -> FieldRules.submissionId(raw.get("submissionId")));
            }
            if (!problems.isEmpty()) {
                throw ApiError.invalidFields(problems);
            }
            if (answers.isEmpty()) {
                throw ApiError.invalidBody("Answer at least one question: " + inWords(survey.fields()) + ".");
            }
            LeadUpdates.Applied applied = new AnswerSurvey(services.leadUpdates()).answer(leadId, surveyId,
                    Answers.of(answers), submissionId);
            Log.info("survey answered", Map.of("surveyId", surveyId, "leadId", leadId, "turnedHot", applied.turnedHot(),
                    "tier", applied.after().qualification().tier().wireName()));
            String thanks = request.resolveOnPostingSite(survey.thankYouUrl(), services.config().allowedOrigins());
            if (plainBrowserForm) {
                return Responses.seeOther(thanks);
            }
            return Responses.json(200, Map.of("leadId", leadId, "next", Map.of("action", "thank_you", "url", thanks)));
        } catch (ApiError e) {
            return Responses.error(e, plainBrowserForm, backTo);
        } catch (UnknownLeadException e) {
            return Responses.error(ApiError.invalidToken(), plainBrowserForm, backTo);
        } catch (SdkException e) {
            Log.error("storage or mail service unavailable; nothing accepted", Map.of("route", "survey"), e);
            return Responses.error(ApiError.busy("The service is busy. Please send it again in a moment."), plainBrowserForm, backTo);
        } catch (ContentionException e) {
            return Responses.error(ApiError.busy("Please send the survey again in a moment."), plainBrowserForm, backTo);
        }
    }

    /** "Budget, Role, Timeline or Company size": the questions by their labels, never their keys. */
    static String inWords(java.util.List<String> fields) {
        java.util.List<String> labels = fields.stream().map(Labels::field).toList();
        return labels.size() < 2 ? String.join("", labels)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }
}
