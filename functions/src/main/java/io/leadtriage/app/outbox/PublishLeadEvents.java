package io.leadtriage.app.outbox;

import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.EventPublisher;
import io.leadtriage.app.ports.EventPublisher.Event;
import io.leadtriage.app.ports.EventPublisher.EventPublishException;
import io.leadtriage.app.ports.EventPublisher.Failure;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes the lead events the outbox holds, at least once and in order per lead: a lead's next event goes only
 * once the one before it was taken by the bus (or given up, and recorded), so each call carries at most one event of
 * a lead, with the first events of up to ten leads. An event the bus did not take is tried again with the
 * dispatcher's backoff (its later events wait behind it); one it will never take (malformed, too large) or that
 * failed for about a day is dropped: the item stays in the table, marked dropped, the lead's timeline and the log
 * say so (ids and the bus's error code, never the event's content).
 *
 * <p>Once the bus took an event (or it was given up on: the bus's trouble is not the subscribers'), its webhook
 * deliveries are stored, one per subscriber that takes its name, for the dispatcher to post (DeliverWebhook).
 */
public final class PublishLeadEvents {
    private final OutboxQueue outbox;
    private final EventPublisher bus;
    private final WebhookSubscriptions subscriptions;
    private final Clock clock;

    /** @param subscriptions the webhook subscribers and the events each takes */
    public PublishLeadEvents(OutboxQueue outbox, EventPublisher bus, WebhookSubscriptions subscriptions, Clock clock) {
        this.outbox = outbox;
        this.bus = bus;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Report(int published, int retried, int dropped) {
        Report plus(Report other) {
            return new Report(published + other.published, retried + other.retried, dropped + other.dropped);
        }
    }

    /** The scheduled pass: the leads with an event due, until {@code budget} runs out. */
    public Report publishDue(int limit, Duration budget) {
        Set<String> leads = new LinkedHashSet<>();
        outbox.dueEvents(clock.instant(), limit).forEach(item -> leads.add(item.leadId()));
        return publishFor(leads, System.nanoTime() + budget.toNanos(), new ArrayList<>());
    }

    /**
     * Right after a change, in the invocation that made it (a lead that turned hot: {@code lead.hot} goes out with the
     * alert). The events are stored already: a failure here is left to the scheduled pass, logged, and never fails
     * the change.
     *
     * @return the webhook deliveries the published events called for, stored already, to post now
     */
    public List<OutboxItem> publishNow(String leadId, Duration budget) {
        List<OutboxItem> deliveries = new ArrayList<>();
        try {
            publishFor(Set.of(leadId), System.nanoTime() + budget.toNanos(), deliveries);
        } catch (RuntimeException e) {
            Log.error("lead events not published now; the dispatcher will retry", Map.of("leadId", leadId), e);
        }
        return deliveries;
    }

    private Report publishFor(Set<String> leads, long deadline, List<OutboxItem> deliveries) {
        Set<String> open = new LinkedHashSet<>(leads);
        Report report = new Report(0, 0, 0);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Instant now = clock.instant();
            List<OutboxItem> heads = new ArrayList<>();
            for (String leadId : List.copyOf(open)) {
                // Only the lead's first pending event may go: a later one waits for it, even when it is due first.
                Optional<OutboxItem> head = outbox.pendingEvents(leadId).stream().findFirst()
                        .filter(item -> !item.dueAt().isAfter(now))
                        .flatMap(item -> outbox.claim(item, now, DispatchOutbox.LEASE));
                head.ifPresentOrElse(heads::add, () -> open.remove(leadId));
            }
            if (heads.isEmpty()) {
                break;
            }
            List<OutboxItem> fitting = new ArrayList<>();
            for (OutboxItem item : heads) {
                int size = event(item).size();
                if (size > EventPublisher.MAX_BATCH_BYTES) {
                    fanOut(item, now, deliveries);
                    giveUp(item, "TooLarge", "the event is " + size + " bytes, over the bus's limit", now);
                    report = report.plus(new Report(0, 0, 1));
                } else {
                    fitting.add(item);
                }
            }
            for (List<OutboxItem> batch : batches(fitting)) {
                report = report.plus(publish(batch, open, now, deliveries));
            }
        }
        return report;
    }

    /** Up to ten events and 256 KB a call. */
    private static List<List<OutboxItem>> batches(List<OutboxItem> events) {
        List<List<OutboxItem>> batches = new ArrayList<>();
        List<OutboxItem> batch = new ArrayList<>();
        int bytes = 0;
        for (OutboxItem item : events) {
            int size = event(item).size();
            if (batch.size() == EventPublisher.MAX_ENTRIES || bytes + size > EventPublisher.MAX_BATCH_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(item);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** One call; a lead whose event is to be tried again leaves {@code open}: its later events wait for it. */
    private Report publish(List<OutboxItem> batch, Set<String> open, Instant now, List<OutboxItem> deliveries) {
        List<Optional<Failure>> answers;
        try {
            answers = bus.publish(batch.stream().map(PublishLeadEvents::event).toList());
        } catch (EventPublishException e) {
            Failure failure = new Failure("CallFailed", e.getMessage(), true);
            answers = batch.stream().map(item -> Optional.of(failure)).toList();
        }
        if (answers.size() != batch.size()) {
            throw new IllegalStateException("the bus answered " + answers.size() + " results for " + batch.size() + " events");
        }
        int published = 0;
        int retried = 0;
        int dropped = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxItem item = batch.get(i);
            Optional<Failure> failure = answers.get(i);
            if (failure.isEmpty()) {
                fanOut(item, now, deliveries);
                outbox.published(item, clock.instant());
                published++;
            } else if (failure.get().retryable() && item.attempts() < DispatchOutbox.MAX_ATTEMPTS) {
                outbox.retryLater(item, now.plus(DispatchOutbox.backoff(item.attempts())),
                        failure.get().code() + ": " + failure.get().message());
                open.remove(item.leadId());
                retried++;
            } else {
                fanOut(item, now, deliveries);
                giveUp(item, failure.get().code(), failure.get().retryable()
                        ? "gave up after " + item.attempts() + " tries" : failure.get().message(), now);
                dropped++;
            }
        }
        if (published > 0) {
            Metrics.record(Metric.LEAD_EVENTS_PUBLISHED, published);
        }
        if (dropped > 0) {
            Metrics.record(Metric.LEAD_EVENTS_DROPPED, dropped);
        }
        if (retried > 0) {
            Metrics.record(Metric.LEAD_EVENTS_RETRIED, retried);
        }
        return new Report(published, retried, dropped);
    }

    /** The event's deliveries, one per subscriber of its name, stored while our lease on it holds. */
    private void fanOut(OutboxItem event, Instant now, List<OutboxItem> deliveries) {
        List<OutboxItem> these = subscriptions.subscribersOf(event.eventType()).stream()
                .map(subscriber -> OutboxItem.webhookDelivery(event, subscriber, now)).toList();
        if (!these.isEmpty()) {
            outbox.fanOut(event, these);
            deliveries.addAll(these);
        }
    }

    private void giveUp(OutboxItem item, String code, String why, Instant now) {
        Log.warn("lead event dropped", Map.of("leadId", item.leadId(), "event", item.outboxId(), "code", code));
        outbox.drop(item, null, new TimelineEntry(now, TimelineEntry.EVENT_FAILED,
                item.eventType() + " not published (" + code + "): " + why));
    }

    private static Event event(OutboxItem item) {
        return new Event(item.eventType(), item.event());
    }
}
