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

    /**
     * Stores an event's webhook deliveries, due at once, while the lease on {@code event} holds: one write, so that an
     * erasure that removed the event meanwhile (or a dispatcher that took it over) stores none. A delivery stored by an
     * earlier try of the same event is stored again, pending: at least once.
     */
    void fanOut(OutboxItem event, List<OutboxItem> deliveries);

    /**
     * A webhook delivery given up on (refused for good, or failing for about a day): kept as a dead letter, with why,
     * until an operator replays it or {@link #DEAD_LETTER_KEPT} passes; the lead's timeline notes it. Only the holder
     * of the lease records it.
     */
    void deadLetter(OutboxItem item, String error, TimelineEntry entry);

    /** How long a dead letter is kept for a replay (as an SQS dead-letter queue keeps a message at most). */
    Duration DEAD_LETTER_KEPT = Duration.ofDays(14);

    /**
     * Dead letters, oldest first, from where {@code cursor} stopped (null: the start).
     *
     * @param subscriber only this subscriber's, or null for all
     * @throws IllegalArgumentException a cursor this queue did not hand out
     */
    DeadLetterPage deadLetters(String subscriber, String cursor, int limit);

    /** A dead letter: the delivery, when it was given up and why. */
    record DeadLetter(OutboxItem item, Instant deadAt, String error) {
    }

    /** @param cursor where the next page starts; null on the last page */
    record DeadLetterPage(List<DeadLetter> deadLetters, String cursor) {
        public DeadLetterPage {
            deadLetters = List.copyOf(deadLetters);
        }
    }

    /**
     * Makes a dead letter due again at {@code now}, its tries counted from zero.
     *
     * @return false when there is no such dead letter (replayed already, expired, or the lead erased)
     */
    boolean replay(String leadId, String outboxId, Instant now);
}
