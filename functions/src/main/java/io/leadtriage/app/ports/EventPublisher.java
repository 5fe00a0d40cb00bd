package io.leadtriage.app.ports;

import java.util.List;
import java.util.Optional;

/**
 * Where lead events go: the event bus (EventBridge's PutEvents in the deployment, a catcher in the local run, a
 * recorder in tests). One call takes a batch of at most {@link #MAX_ENTRIES} events of at most {@link #MAX_BATCH_BYTES}
 * together, and says what became of each: a batch may be taken in part.
 */
public interface EventPublisher {
    /** PutEvents' limits: entries per call, and bytes per call as EventBridge counts them (see {@link Event#size()}). */
    int MAX_ENTRIES = 10;
    int MAX_BATCH_BYTES = 256 * 1024;

    /**
     * @param type   the event's name, EventBridge's detail-type ({@code lead.hot})
     * @param detail the event, JSON
     */
    record Event(String type, String detail) {
        /** Its size as PutEvents counts it: detail-type, detail and source (UTF-8), and 14 bytes for a time. */
        public int size() {
            return utf8(type) + utf8(detail) + utf8(SOURCE) + 14;
        }

        private static int utf8(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }

    /** The events' source on the bus, for rules to match. */
    String SOURCE = "leadtriage";

    /**
     * Why one event was not taken.
     *
     * @param retryable the bus may take it later (throttling, an internal failure); false when it never will
     *                  (a malformed or oversized event, a refused permission)
     */
    record Failure(String code, String message, boolean retryable) {
    }

    /** Takes every event and keeps none: for tools and tests that look at no event (the bench, most tests). */
    EventPublisher NONE = events -> events.stream().map(e -> Optional.<Failure>empty()).toList();

    /**
     * A function given no bus (template.yaml sets EVENT_BUS_NAME only where events are published): it leaves its
     * events in the outbox for the dispatcher, and never calls this.
     */
    EventPublisher ELSEWHERE = events -> {
        throw new EventPublishException("this function publishes no events: the dispatcher does", null);
    };

    /**
     * Publishes the events, in one call.
     *
     * @return one answer per event, in the same order: empty when it was taken, else why not
     * @throws EventPublishException the call as a whole failed (nothing, or an unknown part, was taken)
     */
    List<Optional<Failure>> publish(List<Event> events);

    /** The whole call failed: a timeout, an outage, throttling, a refused permission. Whatever it held is tried again. */
    final class EventPublishException extends RuntimeException {
        public EventPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
