package io.leadtriage.app.admin;

import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.OutboxQueue.DeadLetter;
import io.leadtriage.app.ports.OutboxQueue.DeadLetterPage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operator's side of the webhooks' dead letters: deliveries given up on (a subscriber down for a day, a hook
 * removed), listed oldest first, and replayed, one or all of a subscriber, once the receiver is fixed. A replayed
 * delivery is due at once, its tries counted from zero, and goes out with the dispatcher's next minute.
 */
public final class ReplayWebhooks {
    public static final int DEFAULT_PAGE = 25;
    public static final int MAX_PAGE = 100;
    private static final Pattern SUBSCRIBER = io.leadtriage.app.outbox.WebhookSubscriptions.NAME;

    private final OutboxQueue outbox;
    private final Clock clock;

    public ReplayWebhooks(OutboxQueue outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param subscriber only this subscriber's, or null
     * @throws Refusal {@code invalid_field} for a limit out of range, a malformed subscriber or a cursor this listing
     *                 did not make
     */
    public DeadLetterPage list(String subscriber, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Refusal.invalidFields(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
        }
        checkSubscriber(subscriber);
        try {
            return outbox.deadLetters(subscriber, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(Map.of("cursor", "is not a cursor of this listing; start without one"));
        }
    }

    /** @throws Refusal {@code not_found} when there is no such dead letter (replayed already, expired, or erased) */
    public void replayOne(String leadId, String deliveryId) {
        if (!outbox.replay(leadId, deliveryId, clock.instant())) {
            throw Refusal.notFound("No dead letter with this lead id and delivery id: replayed already, expired or erased.");
        }
    }

    /**
     * What a replay of many did.
     *
     * @param more true when the budget ran out before the last one: call again
     */
    public record Replayed(int replayed, boolean more) {
    }

    /** Every dead letter (of {@code subscriber}, or of all), page after page, until {@code budget} is spent. */
    public Replayed replayAll(String subscriber, Duration budget) {
        checkSubscriber(subscriber);
        long deadline = System.nanoTime() + budget.toNanos();
        int replayed = 0;
        String cursor = null;
        do {
            DeadLetterPage page = outbox.deadLetters(subscriber, cursor, MAX_PAGE);
            for (DeadLetter dead : page.deadLetters()) {
                if (System.nanoTime() > deadline) {
                    return new Replayed(replayed, true);
                }
                // False: another replay took it first; it is due either way.
                if (outbox.replay(dead.item().leadId(), dead.item().outboxId(), clock.instant())) {
                    replayed++;
                }
            }
            cursor = page.cursor();
        } while (cursor != null);
        return new Replayed(replayed, false);
    }

    private static void checkSubscriber(String subscriber) {
        if (subscriber != null && !SUBSCRIBER.matcher(subscriber).matches()) {
            throw Refusal.invalidFields(Map.of("subscriber", "must be a subscriber's name: lower-case letters, digits and dashes"));
        }
    }
}
