package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.ContentionException;
import io.leadtriage.app.FormSubmission;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metrics;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/forms/{formId}}: parse the post (JSON, urlencoded or multipart), validate it against
 * the form, hand it to the intake use case, and answer JSON, or 303 to the form's page for a plain HTML
 * form. Bad input always gets a 4xx with a stable code, and nothing is stored for it.
 */
public final class FormHandler extends HttpFunction {
    /** How long a form's continuation token works: step 2, the page snippet, the "finish" reminder. */
    static final Duration CONTINUATION_VALIDITY = Duration.ofDays(7);
    /** The field Cloudflare Turnstile's widget adds to the form it sits in. */
    static final String HUMAN_CHECK_FIELD = "cf-turnstile-response";

    private final Services services;

    public FormHandler() {
        this(Services.shared());
        Priming.registerOnce(services);
    }

    public FormHandler(Services services) {
        this.services = services;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        String formId = request.pathParameter("formId");
        boolean plainBrowserForm = request.isPlainBrowserForm();
        String backTo = plainBrowserForm ? request.formPage(services.config().allowedOrigins()) : null;
        try {
            FormDefinition form = formId == null ? null : services.model().forms().get(formId);
            if (form == null) {
                throw new ApiError(404, ApiError.UNKNOWN_FORM, "There is no form with this id.", Map.of());
            }
            AbuseGuard.countClient(services, request, "form");
            Map<String, String> raw = FormBody.parse(request.contentType(),
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()));
            boolean step2 = form.twoStep() && raw.containsKey(FormFields.TOKEN);
            ValidatedForm fields = FormFields.validate(raw, form, step2);
            if (fields.honeypot()) {
                Metrics.count("HoneypotHits", "form");
                Log.info("honeypot filled; nothing stored", Map.of("formId", formId));
                return answer(request, form, plainBrowserForm, UUID.randomUUID().toString(), true, step2, false);
            }
            if (fields.email() != null) {
                AbuseGuard.countEmail(services, fields.email());
            }
            boolean spamSuspect = false;
            if (!step2) {
                HumanCheck.Verdict verdict = services.humanCheck().verify(raw.get(HUMAN_CHECK_FIELD), request.sourceIp());
                if (verdict == HumanCheck.Verdict.FAILED) {
                    throw ApiError.invalidFields(Map.of(HUMAN_CHECK_FIELD, "please complete the challenge"));
                }
                spamSuspect = verdict == HumanCheck.Verdict.UNAVAILABLE;
            }
            String continuing = null;
            if (step2) {
                continuing = services.tokens().verify(TokenPurpose.FORM, fields.token())
                        .orElseThrow(ApiError::invalidToken);
            }
            LeadUpdates.Applied outcome = services.submitForm().submit(new FormSubmission(formId, continuing,
                    fields.email(), fields.answers(), fields.consent(), fields.source(), fields.submissionId(), spamSuspect),
                    request.publicApiUrl(services.config().email().publicApiUrl()));
            Log.info("form submitted", logFields(formId, outcome));
            QualificationSummary q = outcome.after().qualification();
            boolean hot = q.tier() == Tier.HOT && q.disqualifiedBecause() == null;
            return answer(request, form, plainBrowserForm, outcome.after().id(), outcome.created(), step2, hot);
        } catch (ApiError e) {
            Log.info("form refused", Map.of("formId", String.valueOf(formId), "code", e.code(), "status", e.status()));
            return Responses.error(e, plainBrowserForm, backTo);
        } catch (UnknownLeadException e) {
            return Responses.error(ApiError.invalidToken(), plainBrowserForm, backTo);
        } catch (SdkException e) {
            Log.error("storage or mail service unavailable; nothing accepted", Map.of("route", "form"), e);
            return Responses.error(ApiError.busy("The service is busy. Please send it again in a moment."), plainBrowserForm, backTo);
        } catch (ContentionException e) {
            Log.warn("lead contended; asked the client to retry", Map.of("formId", formId));
            return Responses.error(ApiError.busy("Please send the form again in a moment."), plainBrowserForm, backTo);
        }
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request, FormDefinition form, boolean plainBrowserForm,
                                            String leadId, boolean created, boolean step2, boolean hot) {
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, CONTINUATION_VALIDITY);
        String action;
        String url;
        if (form.twoStep() && !step2) {
            action = "step2";
            url = form.step2Url();
        } else if (hot && form.bookingUrl() != null) {
            action = "book_meeting";
            url = form.bookingUrl();
        } else {
            action = "thank_you";
            url = form.thankYouUrl();
        }
        url = request.resolveOnPostingSite(url, services.config().allowedOrigins());
        if (plainBrowserForm) {
            return Responses.seeOther("step2".equals(action) ? withToken(url, token) : url);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadId", leadId);
        body.put("token", token);
        body.put("next", Map.of("action", action, "url", url));
        return Responses.json(created ? 201 : 200, body);
    }

    static String withToken(String url, String token) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        return base + (base.contains("?") ? "&" : "?") + "token=" + token + tail;
    }

    private static Map<String, Object> logFields(String formId, LeadUpdates.Applied outcome) {
        QualificationSummary q = outcome.after().qualification();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("formId", formId);
        fields.put("leadId", outcome.after().id());
        fields.put("created", outcome.created());
        fields.put("repeat", outcome.repeat());
        fields.put("score", q.score());
        fields.put("tier", q.tier().wireName());
        fields.put("stage", q.stage().wireName());
        fields.put("turnedHot", outcome.turnedHot());
        return fields;
    }
}
