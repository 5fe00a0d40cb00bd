package io.leadtriage.app.outbox;

import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.chat.ChatAlertComposer;
import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.app.ports.ChatSender.ChatSendException;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Posts a claimed chat alert to its webhook (the dispatcher's part for {@link OutboxKind#CHAT_ALERT}): throttling
 * (429, honouring Retry-After), a 5xx or a timeout leave it for a later try with the dispatcher's backoff; a webhook
 * that refuses it (404 no_service, 403 invalid_token, 410 channel gone), one the secret does not name, or about a day
 * of failures drop it, and the lead's timeline and a WARN log say so: ids, the webhook's name and the HTTP status,
 * never its URL.
 */
final class SendChatAlert {
    static final String SERVICE = "Service";
    private final OutboxQueue outbox;
    private final ChatSender chat;
    private final EmailLinks links;
    private final Clock clock;

    private final ModelInEffect models;

    SendChatAlert(OutboxQueue outbox, ChatSender chat, EmailLinks links, ModelInEffect models, Clock clock) {
        this.models = models;
        this.outbox = outbox;
        this.chat = chat;
        this.links = links;
        this.clock = clock;
    }

    /** False in a function given no webhooks secret: its chat alerts wait for the dispatcher. */
    boolean postsHere() {
        return chat != ChatSender.ELSEWHERE;
    }

    DispatchOutbox.Outcome send(OutboxItem item, LeadRecord lead, Instant now) {
        String webhook = item.webhook();
        if (!postsHere()) {
            outbox.retryLater(item, now, "left for the dispatcher");
            return DispatchOutbox.Outcome.SKIPPED;
        }
        String service = webhook == null ? "unknown" : webhook.substring(0, Math.max(webhook.indexOf(':'), 0));
        if (webhook == null || !chat.webhooks().contains(webhook)) {
            Log.warn("chat alert dropped", Map.of("leadId", lead.id(), "item", item.outboxId(), "webhook", String.valueOf(webhook),
                    "why", "no such webhook in the chat webhooks secret"));
            outbox.drop(item, null, new TimelineEntry(now, TimelineEntry.CHAT_FAILED, "chat alert to " + webhook
                    + " not sent: the chat webhooks secret names no such webhook"));
            return DispatchOutbox.Outcome.DROPPED;
        }
        try {
            chat.post(webhook, ChatAlertComposer.compose(webhook, lead, links.disposition(lead),
                    models.current().model().questions()));
            Instant sentAt = clock.instant();
            outbox.published(item, sentAt);
            if (item.createdAt() != null) {
                Metrics.record(Metric.SPEED_TO_CHAT_ALERT, Duration.between(item.createdAt(), sentAt).toMillis(), SERVICE, service);
            }
            return DispatchOutbox.Outcome.SENT;
        } catch (ChatSendException e) {
            Metrics.count(Metric.CHAT_ALERTS_FAILED, SERVICE, service);
            boolean retry = e.retryable() && item.attempts() < DispatchOutbox.MAX_ATTEMPTS;
            Log.warn("chat alert not taken", Map.of("leadId", lead.id(), "item", item.outboxId(), "webhook", webhook,
                    "status", e.status(), "attempt", item.attempts(), "then", retry ? "retried later" : "given up"));
            if (retry) {
                Duration backoff = DispatchOutbox.backoff(item.attempts());
                Duration wait = e.retryAfter() != null && e.retryAfter().compareTo(backoff) > 0 ? e.retryAfter() : backoff;
                outbox.retryLater(item, now.plus(wait), e.getMessage());
                return DispatchOutbox.Outcome.RETRY;
            }
            outbox.drop(item, null, new TimelineEntry(now, TimelineEntry.CHAT_FAILED, "chat alert to " + webhook
                    + " not sent: " + (e.retryable() ? "gave up after " + item.attempts() + " tries"
                    : "the webhook refused it (HTTP " + e.status() + ")")));
            return DispatchOutbox.Outcome.DROPPED;
        }
    }
}
