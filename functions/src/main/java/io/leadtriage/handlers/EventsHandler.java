package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.ContentionException;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.RecordSignal;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/events}: behaviour signals. From the page snippet with the form's {@code _token}
 * (page views, pricing views, downloads; sent with sendBeacon, so JSON may arrive as text/plain); from a
 * product backend with {@code Authorization: Bearer <ingest key>} and the lead's {@code email} (the
 * product signals). An unknown type is a 400: a signal never changes a score silently.
 */
public final class EventsHandler extends HttpFunction {
    /** What a page may report about its visitor; everything that signals buying intent needs the backend key. */
    static final Set<SignalType> FROM_PAGES = EnumSet.of(SignalType.PAGE_VIEW, SignalType.PRICING_PAGE_VIEW,
            SignalType.RESOURCE_DOWNLOAD);
    /** Clicks come only from SES events, where link scanners are told apart. */
    static final Set<SignalType> FROM_BACKENDS = EnumSet.complementOf(EnumSet.of(SignalType.EMAIL_CLICK));

    private final Services services;

    public EventsHandler() {
        this(Services.shared());
        Priming.registerOnce(services);
    }

    public EventsHandler(Services services) {
        this.services = services;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        try {
            AbuseGuard.countClient(services, request, "events");
            String contentType = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
            // sendBeacon posts text/plain (a "simple" request, no preflight); its body is the same JSON.
            Map<String, String> raw = FormBody.parse(contentType.startsWith("text/plain") ? "application/json" : contentType,
                    FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()));
            String authorization = request.header("authorization");
            boolean fromBackend = authorization != null;
            if (fromBackend && services.config().ingestKeys().stream().noneMatch(key -> Secrets.bearerMatches(authorization, key))) {
                throw ApiError.invalidToken();
            }
            Set<SignalType> allowed = fromBackend ? FROM_BACKENDS : FROM_PAGES;
            SignalType type = SignalType.fromWireName(raw.getOrDefault("type", "")).filter(allowed::contains)
                    .orElseThrow(() -> ApiError.invalidFields(Map.of("type", "must be one of: "
                            + allowed.stream().map(SignalType::wireName).collect(Collectors.joining(", ")))));
            Map<String, String> problems = new LinkedHashMap<>();
            String detail = "";
            if (raw.containsKey("url") && !raw.get("url").isBlank()) {
                String url = FormFields.check(problems, "url", () -> FieldRules.url(raw.get("url")));
                detail = url == null ? "" : pathOf(url);
            }
            String eventId = null;
            if (raw.containsKey("eventId") && !raw.get("eventId").isBlank()) {
                eventId = FormFields.check(problems, "eventId", () -> FieldRules.submissionId(raw.get("eventId")));
            }
            String email = null;
            if (fromBackend) {
                if (raw.getOrDefault("email", "").isBlank()) {
                    problems.put("email", "is required with the ingest key");
                } else {
                    email = FormFields.check(problems, "email", () -> FieldRules.email(raw.get("email")));
                }
            }
            if (!problems.isEmpty()) {
                throw ApiError.invalidFields(problems);
            }
            Signal signal = new Signal(type, services.clock().instant(), detail, true);
            String onceKey = eventId == null ? null : "event#" + eventId;
            RecordSignal signals = new RecordSignal(services.leadUpdates());
            LeadUpdates.Applied applied;
            if (fromBackend) {
                applied = signals.forEmail(email, signal, onceKey, request.publicApiUrl(services.config().email().publicApiUrl()));
            } else {
                String leadId = services.tokens().verify(TokenPurpose.FORM, raw.get(FormFields.TOKEN))
                        .orElseThrow(ApiError::invalidToken);
                applied = signals.forLead(leadId, signal, onceKey);
            }
            Log.info("signal recorded", Map.of("type", type.wireName(), "leadId", applied.after().id(),
                    "repeat", applied.repeat(), "turnedHot", applied.turnedHot()));
            return Responses.json(202, Map.of("accepted", true));
        } catch (ApiError e) {
            return Responses.error(e);
        } catch (UnknownLeadException e) {
            return Responses.error(ApiError.invalidToken());
        } catch (SdkException e) {
            Log.error("storage unavailable; signal not accepted", Map.of("route", "events"), e);
            return Responses.error(ApiError.busy("The service is busy. Please send the event again in a moment."));
        } catch (ContentionException e) {
            return Responses.error(ApiError.busy("Please send the event again in a moment."));
        }
    }

    /** Only the path is kept: query strings can carry personal data (and tokens). */
    private static String pathOf(String url) {
        try {
            String path = java.net.URI.create(url).getPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
