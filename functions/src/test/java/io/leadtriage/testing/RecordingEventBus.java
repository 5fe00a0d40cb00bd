package io.leadtriage.testing;

import io.leadtriage.app.ports.EventPublisher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The event bus of the fast tests: every event it is given is checked against its JSON Schema first (so every test
 * that publishes checks every event), then taken and recorded, unless a test scripted the next calls to fail, as a
 * whole or entry by entry (PutEvents' partial failures).
 */
public final class RecordingEventBus implements EventPublisher {
    private final List<Event> taken = new ArrayList<>();
    private final List<List<Event>> calls = new ArrayList<>();
    private final Deque<Function<List<Event>, List<Optional<Failure>>>> script = new ArrayDeque<>();

    @Override
    public synchronized List<Optional<Failure>> publish(List<Event> events) {
        if (events.size() > MAX_ENTRIES || events.stream().mapToInt(Event::size).sum() > MAX_BATCH_BYTES) {
            throw new AssertionError("PutEvents takes at most " + MAX_ENTRIES + " entries and " + MAX_BATCH_BYTES + " bytes");
        }
        events.forEach(e -> LeadEventSchemas.check(e.type(), e.detail()));
        calls.add(List.copyOf(events));
        Function<List<Event>, List<Optional<Failure>>> next = script.poll();
        List<Optional<Failure>> answers = next == null ? events.stream().map(e -> Optional.<Failure>empty()).toList()
                : next.apply(events);
        for (int i = 0; i < events.size(); i++) {
            if (answers.get(i).isEmpty()) {
                taken.add(events.get(i));
            }
        }
        return answers;
    }

    /** The next call fails as a whole (a timeout, an outage): nothing is taken. */
    public synchronized RecordingEventBus failNextCall() {
        script.add(events -> {
            throw new EventPublishException("injected: the call timed out", null);
        });
        return this;
    }

    /**
     * The next call takes some entries and refuses others, as PutEvents does with a FailedEntryCount: entries at the
     * given positions get the given error code ({@code InternalFailure}, {@code ThrottlingException} retryable).
     */
    public synchronized RecordingEventBus refuseInNextCall(Map<Integer, String> codeByPosition) {
        script.add(events -> {
            List<Optional<Failure>> answers = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                String code = codeByPosition.get(i);
                answers.add(code == null ? Optional.empty() : Optional.of(new Failure(code, "injected",
                        code.equals("InternalFailure") || code.equals("ThrottlingException"))));
            }
            return answers;
        });
        return this;
    }

    /** Every event taken, in the order taken. */
    public synchronized List<Event> taken() {
        return List.copyOf(taken);
    }

    /** The events taken for one lead, in order. */
    public synchronized List<Event> takenFor(String leadId) {
        return taken.stream().filter(e -> e.detail().contains("\"leadId\":\"" + leadId + "\"")).toList();
    }

    /** The names of the events taken for one lead, in order. */
    public synchronized List<String> namesFor(String leadId) {
        return takenFor(leadId).stream().map(Event::type).toList();
    }

    /** Every call, with what it carried. */
    public synchronized List<List<Event>> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        taken.clear();
        calls.clear();
    }
}
