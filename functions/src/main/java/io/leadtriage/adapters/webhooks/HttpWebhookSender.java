package io.leadtriage.adapters.webhooks;

import io.leadtriage.app.outbox.WebhookSubscriptions;
import io.leadtriage.app.ports.WebhookSender;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.json.JsonTree;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posts lead events to webhook subscribers, signed as the CRM outcomes route expects to be signed: the header
 * {@code X-Leadtriage-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} under the subscriber's key, so a
 * receiver checks the body and refuses a replay outside its window (five minutes is usual). The subscribers come from
 * one secret's value:
 * <pre>{@code {"crm-sync": {"url": "https://…", "secret": "…", "previousSecret": "…", "events": ["lead.hot"]}}}</pre>
 * ({@code previousSecret} optional: while it is set, each delivery carries a second {@code v1} under it, so the
 * receiver can switch keys at its own pace). No message, log line or exception of this class holds a URL or a key.
 */
public final class HttpWebhookSender implements WebhookSender {
    public static final String SIGNATURE = RequestSignature.HEADER;
    public static final String EVENT = "X-Leadtriage-Event";
    public static final String EVENT_ID = "X-Leadtriage-Event-Id";
    public static final String ATTEMPT = "X-Leadtriage-Attempt";

    /** One subscriber's endpoint, keys (current first) and events. */
    public record Subscriber(URI url, List<String> keys, Set<String> events) {
        public Subscriber {
            keys = List.copyOf(keys);
            events = Set.copyOf(events);
        }
    }

    private final Map<String, Subscriber> subscribers;
    private final WebhookSubscriptions subscriptions;
    private final Supplier<HttpClient> client;
    private final Clock clock;

    public HttpWebhookSender(Map<String, Subscriber> subscribers, Clock clock) {
        this(subscribers, JsonPost.builtNow(), clock);
    }

    /** @param client the HTTP client, asked for at each post (the functions build theirs on the first one) */
    public HttpWebhookSender(Map<String, Subscriber> subscribers, Supplier<HttpClient> client, Clock clock) {
        this.subscribers = Map.copyOf(subscribers);
        this.subscriptions = subscriptionsOf(subscribers);
        this.client = client;
        this.clock = clock;
    }

    /**
     * The subscribers a secret's value names; an empty or blank secret names none.
     *
     * @throws IllegalArgumentException the value is not that JSON, or a subscriber lacks a field (the message quotes
     *                                  names, never a URL or key)
     */
    public static Map<String, Subscriber> subscribersIn(String secret) {
        Map<String, Subscriber> subscribers = new LinkedHashMap<>();
        if (secret == null || secret.isBlank()) {
            return subscribers;
        }
        Object root;
        try {
            root = JsonTree.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhooks secret is not JSON");
        }
        if (!(root instanceof Map<?, ?> byName)) {
            throw new IllegalArgumentException("the webhooks secret must be an object: "
                    + "{\"name\": {\"url\": \"https://…\", \"secret\": \"…\", \"events\": [\"lead.hot\"]}}");
        }
        byName.forEach((name, value) -> {
            if (!(value instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException("the webhook subscriber " + name + " must be an object with url, secret and events");
            }
            if (!(fields.get("url") instanceof String url) || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new IllegalArgumentException("the webhook subscriber " + name + " has no http(s) url");
            }
            if (!(fields.get("secret") instanceof String key) || key.length() < 16) {
                throw new IllegalArgumentException("the webhook subscriber " + name
                        + " has no secret of at least 16 characters to sign with");
            }
            List<String> keys = new ArrayList<>(List.of(key));
            if (fields.get("previousSecret") instanceof String previous && !previous.isBlank()) {
                keys.add(previous);
            }
            if (!(fields.get("events") instanceof List<?> events) || events.isEmpty()
                    || !events.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("the webhook subscriber " + name + " must list its events: "
                        + String.join(", ", WebhookSubscriptions.eventNames()));
            }
            Set<String> names = new LinkedHashSet<>();
            events.forEach(e -> names.add((String) e));
            subscribers.put(String.valueOf(name), new Subscriber(URI.create(url), keys, names));
        });
        // The names and events are checked where every configuration is: one message for the first problem.
        subscriptionsOf(subscribers);
        return subscribers;
    }

    /** Which subscriber takes which events: checked (names, known events, how many) as it is built. */
    private static WebhookSubscriptions subscriptionsOf(Map<String, Subscriber> subscribers) {
        Map<String, Set<String>> events = new LinkedHashMap<>();
        subscribers.forEach((name, s) -> events.put(name, s.events()));
        return new WebhookSubscriptions(events);
    }

    @Override
    public WebhookSubscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public void deliver(String name, Delivery delivery) {
        Subscriber subscriber = subscribers.get(name);
        if (subscriber == null) {
            throw new WebhookDeliveryException(name + " is not in the webhooks secret", 0, null, false);
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        // Signed when sent, not when stored: a retry a day later still lands inside the receiver's window.
        headers.put(SIGNATURE, RequestSignature.header(subscriber.keys(), clock.instant(), body));
        headers.put(EVENT, delivery.eventType());
        headers.put(EVENT_ID, delivery.eventId());
        headers.put(ATTEMPT, Integer.toString(delivery.attempt()));
        headers.put("User-Agent", "leadtriage-webhooks/1");
        JsonPost.Answer answer;
        try {
            answer = JsonPost.post(client.get(), subscriber.url(), delivery.body(), headers);
        } catch (JsonPost.NoAnswer e) {
            throw new WebhookDeliveryException(name + " " + e.getMessage(), 0, null, true);
        }
        if (answer.taken()) {
            return;
        }
        // 410 Gone: the receiver removed the hook; anything else may pass (a deploy, a wrong key fixed tomorrow).
        throw new WebhookDeliveryException(name + " answered HTTP " + answer.status(), answer.status(), answer.retryAfter(),
                answer.status() != 410);
    }
}
