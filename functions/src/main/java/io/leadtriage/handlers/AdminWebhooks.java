package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.admin.ReplayWebhooks;
import io.leadtriage.app.ports.OutboxQueue.DeadLetter;
import io.leadtriage.app.ports.OutboxQueue.DeadLetterPage;
import io.leadtriage.app.Refusal;
import io.leadtriage.handlers.http.Responses;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin routes of the webhooks' dead letters ({@link ReplayWebhooks} does the work): a listing without the
 * events' bodies (they may hold personal data; the lead's own view has it), a replay of one, and of all of a
 * subscriber.
 */
final class AdminWebhooks {
    /** A replay of all within one request: API Gateway answers 504 after 30 s. */
    static final Duration REPLAY_BUDGET = Duration.ofSeconds(20);

    private AdminWebhooks() {
    }

    static APIGatewayV2HTTPResponse list(ReplayWebhooks webhooks, APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        DeadLetterPage page = webhooks.list(query.get("subscriber"), limit(query.get("limit")), query.get("cursor"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deadLetters", page.deadLetters().stream().map(AdminWebhooks::deadLetter).toList());
        body.put("nextCursor", page.cursor());
        return Responses.json(200, body);
    }

    static APIGatewayV2HTTPResponse replayOne(ReplayWebhooks webhooks, String leadId, String deliveryId) {
        webhooks.replayOne(leadId, deliveryId);
        return Responses.json(200, Map.of("replayed", 1, "more", false));
    }

    static APIGatewayV2HTTPResponse replayAll(ReplayWebhooks webhooks, HttpRequest request) {
        String subscriber = request.fields().get("subscriber");
        ReplayWebhooks.Replayed replayed = webhooks.replayAll(subscriber == null || subscriber.isBlank() ? null : subscriber,
                REPLAY_BUDGET);
        return Responses.json(200, Map.of("replayed", replayed.replayed(), "more", replayed.more()));
    }

    private static Map<String, Object> deadLetter(DeadLetter dead) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("leadId", dead.item().leadId());
        d.put("deliveryId", dead.item().outboxId());
        d.put("subscriber", dead.item().subscriber());
        d.put("event", dead.item().eventType());
        d.put("deadAt", dead.deadAt().toString());
        d.put("attempts", dead.item().attempts());
        d.put("error", dead.error());
        return d;
    }

    private static int limit(String text) {
        if (text == null) {
            return ReplayWebhooks.DEFAULT_PAGE;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw Refusal.invalidFields(Map.of("limit", "must be a whole number from 1 to " + ReplayWebhooks.MAX_PAGE));
        }
    }
}
