package io.leadtriage.local;

import io.leadtriage.app.ports.EventPublisher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Catches lead events instead of putting them on EventBridge, behind the same port the EventBridge adapter implements:
 * the local run shows what a rule's target would receive, without an account. Takes every event.
 */
public final class EventCatcher implements EventPublisher {
    private final Clock clock;
    private final List<CaughtEvent> caught = new ArrayList<>();

    public EventCatcher(Clock clock) {
        this.clock = clock;
    }

    /** An event as the bus would deliver it: EventBridge's id for it, the time it was put, its name and detail. */
    public record CaughtEvent(String id, Instant time, String detailType, String detail) {
    }

    @Override
    public synchronized List<Optional<Failure>> publish(List<Event> events) {
        List<Optional<Failure>> answers = new ArrayList<>();
        for (Event event : events) {
            caught.add(new CaughtEvent(UUID.randomUUID().toString(), clock.instant(), event.type(), event.detail()));
            answers.add(Optional.empty());
        }
        return answers;
    }

    public synchronized List<CaughtEvent> caught() {
        return List.copyOf(caught);
    }
}
