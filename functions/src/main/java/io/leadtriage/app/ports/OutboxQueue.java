package io.leadtriage.app.ports;

import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.reports.CountChange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as the dispatcher sees it: due items, claims, and what became of each send. Items are put by
 * the lead's unit of work ({@link LeadWrite#outboxPuts()}), in the same write as the change that calls for them.
 */
public interface OutboxQueue {
    /** Items due by {@code now}, oldest first, found through an index (never a scan). */
    List<OutboxItem> due(Instant now, int limit);

    Optional<OutboxItem> find(String leadId, String outboxId);

    /**
     * Takes the item for {@code lease}. A dispatcher that dies holding it lets the lease run out; the next
     * one sends it again (so a crash between SES accepting and the item being marked costs at most one
     * duplicate).
     *
     * @return the item as it stands now, with its lease; empty when another dispatcher holds it, or it was
     * sent or moved meanwhile
     */
    Optional<OutboxItem> claim(OutboxItem item, Instant now, Duration lease);

    /**
     * The item's email went out: record the message, and either remove the item from the due index
     * ({@code next} null) or move it to the next nurture step.
     *
     * @param nurture  the lead's nurture state after this send, or null to leave it as it is
     * @param followUp another item the send calls for (the alert's escalation check), or null
     */
    default void sent(OutboxItem item, SentMessage message, OutboxItem next, NurtureState nurture, TimelineEntry entry,
                      OutboxItem followUp) {
        sent(item, message, next, nurture, entry, followUp, CountChange.none(item.leadId()));
    }

    /**
     * As above, and {@code counts} added to the report counters in the same write: a lead's first sales alert is its
     * speed to alert.
     */
    void sent(OutboxItem item, SentMessage message, OutboxItem next, NurtureState nurture, TimelineEntry entry,
              OutboxItem followUp, CountChange counts);

    /** Sending failed in a way that may pass (throttling, an outage): try again at {@code dueAt}. */
    void retryLater(OutboxItem item, Instant dueAt, String error);

    /** The item will not be sent: the email failed for good, or is no longer wanted (why in the entry). */
    void drop(OutboxItem item, NurtureState nurture, TimelineEntry entry);

    /**
     * Lead events due by {@code now}, oldest first: in their own part of the index, so that {@link #due} never holds
     * them and emails and events never crowd each other out.
     */
    List<OutboxItem> dueEvents(Instant now, int limit);

    /** The lead's events still to publish (neither published nor dropped), in their order (by outbox id). */
    List<OutboxItem> pendingEvents(String leadId);

    /**
     * The event was published: it leaves the due index, and is kept as it was published until the table's TTL
     * (as a sent email's item is). Only the holder of the lease records it.
     */
    void published(OutboxItem item, Instant at);

    /**
     * Reserves the lead's one marketing email per {@code per} (a day): false when one went out, or was
     * reserved, less than {@code per} ago. Atomic, so two dispatchers cannot both send one that day.
     */
    boolean reserveMarketing(String leadId, Instant now, Duration per);

    /** Gives back a reservation whose email did not go out. @param previous the time before it, or null */
    void releaseMarketing(String leadId, Instant reservedAt, Instant previous);
}
