package io.leadtriage.app.outbox;

import io.leadtriage.app.events.LeadEventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which subscriber takes which lead events: each name maps to the event names it asked for. A subscriber is named in
 * deployment configuration (the webhooks secret), so that personal data ({@code lead.created}, {@code lead.hot}) goes
 * only where the deployer routed it.
 */
public record WebhookSubscriptions(Map<String, Set<String>> eventsBySubscriber) {
    /** A subscriber's name: what dead letters, metrics and logs call it. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /**
     * At most this many subscribers: an event's deliveries are stored in one transaction with a check of the event
     * (DynamoDB takes 100 actions a transaction), and each is a write per event.
     */
    public static final int MAX_SUBSCRIBERS = 20;
    public static final WebhookSubscriptions NONE = new WebhookSubscriptions(Map.of());

    public WebhookSubscriptions {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        eventsBySubscriber.forEach((name, events) -> copy.put(name, Set.copyOf(events)));
        eventsBySubscriber = java.util.Collections.unmodifiableMap(copy);
        if (eventsBySubscriber.size() > MAX_SUBSCRIBERS) {
            throw new IllegalArgumentException("at most " + MAX_SUBSCRIBERS + " webhook subscribers, not "
                    + eventsBySubscriber.size());
        }
        eventsBySubscriber.forEach((name, events) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("the webhook subscriber name '" + name
                        + "' must be lower-case letters, digits and dashes (at most 40)");
            }
            if (events.isEmpty()) {
                throw new IllegalArgumentException("the webhook subscriber " + name + " takes no events: name at least one");
            }
            for (String event : events) {
                if (LeadEventType.ofWireName(event).isEmpty()) {
                    throw new IllegalArgumentException("the webhook subscriber " + name + " asks for " + event
                            + ", which is not a lead event (" + String.join(", ", eventNames()) + ")");
                }
            }
        });
    }

    /** The subscribers that take {@code eventType}, in their configured order. */
    public List<String> subscribersOf(String eventType) {
        return eventsBySubscriber.entrySet().stream().filter(e -> e.getValue().contains(eventType))
                .map(Map.Entry::getKey).toList();
    }

    public Set<String> subscribers() {
        return eventsBySubscriber.keySet();
    }

    public boolean isEmpty() {
        return eventsBySubscriber.isEmpty();
    }

    /** Every lead event's name, in declaration order: what a subscriber may ask for. */
    public static List<String> eventNames() {
        return java.util.Arrays.stream(LeadEventType.values()).map(LeadEventType::wireName).toList();
    }
}
