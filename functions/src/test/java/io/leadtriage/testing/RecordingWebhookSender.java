package io.leadtriage.testing;

import io.leadtriage.app.outbox.WebhookSubscriptions;
import io.leadtriage.app.ports.WebhookSender;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook subscribers of the fast tests: {@link #CRM} takes lead.hot, lead.disposition, lead.outcome and
 * lead.erased (what a CRM sync wants), {@link #WAREHOUSE} every event. Each takes every delivery and records it,
 * unless a test scripted the next deliveries to answer with an HTTP error, or removed a subscriber from the
 * configuration.
 */
public final class RecordingWebhookSender implements WebhookSender {
    public static final String CRM = "crm-sync";
    public static final String WAREHOUSE = "warehouse";
    static final WebhookSubscriptions SUBSCRIPTIONS = new WebhookSubscriptions(Map.of(
            CRM, Set.of("lead.hot", "lead.disposition", "lead.outcome", "lead.erased"),
            WAREHOUSE, Set.copyOf(WebhookSubscriptions.eventNames())));

    /** One delivery a subscriber took. */
    public record Delivered(String subscriber, Delivery delivery) {
    }

    private final List<Delivered> delivered = new ArrayList<>();
    private final List<Delivered> tried = new ArrayList<>();
    private final Map<String, Deque<WebhookDeliveryException>> scripts = new HashMap<>();
    private WebhookSubscriptions subscriptions = SUBSCRIPTIONS;

    @Override
    public synchronized WebhookSubscriptions subscriptions() {
        return subscriptions;
    }

    /** The subscriber leaves the configuration (as a redeploy with it removed from the secret would make it). */
    public synchronized void remove(String subscriber) {
        Map<String, Set<String>> left = new HashMap<>(subscriptions.eventsBySubscriber());
        left.remove(subscriber);
        subscriptions = new WebhookSubscriptions(left);
    }

    @Override
    public synchronized void deliver(String subscriber, Delivery delivery) {
        if (!SUBSCRIPTIONS.subscribers().contains(subscriber)) {
            throw new AssertionError("delivered to a subscriber the sender does not know: " + subscriber);
        }
        tried.add(new Delivered(subscriber, delivery));
        if (!subscriptions.subscribers().contains(subscriber)) {
            throw new WebhookDeliveryException(subscriber + " is not in the webhooks secret", 0, null, false);
        }
        WebhookDeliveryException failure = scripts.getOrDefault(subscriber, new ArrayDeque<>()).poll();
        if (failure != null) {
            throw failure;
        }
        delivered.add(new Delivered(subscriber, delivery));
    }

    /** The subscriber's next {@code times} deliveries answer {@code status} (410 for good, anything else retryable). */
    public synchronized void answerNext(String subscriber, int times, int status, Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            scripts.computeIfAbsent(subscriber, s -> new ArrayDeque<>()).add(new WebhookDeliveryException(
                    subscriber + " answered HTTP " + status, status, retryAfter, status != 410));
        }
    }

    /** Every subscriber takes what comes from now on. */
    public synchronized void forgetScripts() {
        scripts.clear();
    }

    public synchronized List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** Every try, taken or not. */
    public synchronized List<Delivered> tried() {
        return List.copyOf(tried);
    }

    /** The deliveries {@code subscriber} took, by event name, in order. */
    public synchronized List<String> eventsTakenBy(String subscriber) {
        return delivered.stream().filter(d -> d.subscriber().equals(subscriber)).map(d -> d.delivery().eventType()).toList();
    }
}
