package io.leadtriage.app.outbox;

import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.WebhookSender;
import io.leadtriage.app.ports.WebhookSender.Delivery;
import io.leadtriage.app.ports.WebhookSender.WebhookDeliveryException;
import io.leadtriage.json.JsonTree;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Posts a claimed webhook delivery to its subscriber (the dispatcher's part for {@link OutboxKind#WEBHOOK}). Any
 * answer but a 2xx is tried again with the dispatcher's backoff (at least the subscriber's Retry-After) for about a
 * day, because a receiver that is down or misconfigured today is usually fixed tomorrow; a 410 Gone (the hook was
 * removed), a subscriber the secret no longer names, or a day of failures make it a dead letter an operator can
 * replay (ReplayWebhooks). Logs and the timeline name the subscriber and the HTTP status, never its URL.
 *
 * <p>It needs nothing of the lead but the event it carries: a {@code lead.erased} delivery goes out after the lead
 * is gone.
 */
final class DeliverWebhook {
    static final String SUBSCRIBER = "Subscriber";
    private final OutboxQueue outbox;
    private final WebhookSender webhooks;
    private final Clock clock;

    DeliverWebhook(OutboxQueue outbox, WebhookSender webhooks, Clock clock) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** False in a function given no webhooks secret: its deliveries wait for the dispatcher. */
    boolean deliversHere() {
        return webhooks != WebhookSender.NONE;
    }

    DispatchOutbox.Outcome send(OutboxItem item, Instant now) {
        if (!deliversHere()) {
            outbox.retryLater(item, now, "left for the dispatcher");
            return DispatchOutbox.Outcome.SKIPPED;
        }
        String subscriber = item.subscriber();
        if (!webhooks.subscriptions().subscribers().contains(subscriber)) {
            return deadLetter(item, subscriber, "the webhooks secret names no subscriber " + subscriber, now);
        }
        try {
            webhooks.deliver(subscriber, new Delivery(eventId(item), item.eventType(), item.event(), item.attempts()));
            Instant at = clock.instant();
            outbox.published(item, at);
            Metrics.count(Metric.WEBHOOKS_DELIVERED, SUBSCRIBER, subscriber);
            if (item.createdAt() != null) {
                Metrics.record(Metric.WEBHOOK_DELIVERY_AGE, Duration.between(item.createdAt(), at).toMillis());
            }
            return DispatchOutbox.Outcome.SENT;
        } catch (WebhookDeliveryException e) {
            boolean retry = e.retryable() && item.attempts() < DispatchOutbox.MAX_ATTEMPTS;
            Log.warn("webhook not taken", Map.of("leadId", item.leadId(), "item", item.outboxId(), "subscriber", subscriber,
                    "status", e.status(), "attempt", item.attempts(), "then", retry ? "retried later" : "dead letter"));
            if (retry) {
                Metrics.count(Metric.WEBHOOK_RETRIES, SUBSCRIBER, subscriber);
                Duration backoff = DispatchOutbox.backoff(item.attempts());
                Duration wait = e.retryAfter() != null && e.retryAfter().compareTo(backoff) > 0 ? e.retryAfter() : backoff;
                outbox.retryLater(item, now.plus(wait), e.getMessage());
                return DispatchOutbox.Outcome.RETRY;
            }
            return deadLetter(item, subscriber, e.retryable() ? "gave up after " + item.attempts() + " tries: " + e.getMessage()
                    : e.getMessage(), now);
        }
    }

    private DispatchOutbox.Outcome deadLetter(OutboxItem item, String subscriber, String why, Instant now) {
        Log.warn("webhook dead-lettered", Map.of("leadId", item.leadId(), "item", item.outboxId(),
                "subscriber", String.valueOf(subscriber)));
        Metrics.count(Metric.WEBHOOKS_DEAD_LETTERED, SUBSCRIBER, String.valueOf(subscriber));
        outbox.deadLetter(item, why, new TimelineEntry(now, TimelineEntry.WEBHOOK_FAILED,
                item.eventType() + " not delivered to " + subscriber + " (" + why + "); replay it from the admin API"));
        return DispatchOutbox.Outcome.DROPPED;
    }

    /** The event's own id, which receivers deduplicate on; the delivery's id for an event that lacks one. */
    private static String eventId(OutboxItem item) {
        try {
            if (JsonTree.parse(item.event()) instanceof Map<?, ?> fields && fields.get("eventId") instanceof String id) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // Stored by this code as JSON: never expected; the delivery's id still identifies it.
        }
        return item.outboxId();
    }
}
