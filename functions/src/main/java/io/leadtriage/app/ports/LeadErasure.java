package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;

import java.util.function.Function;

/** Erasure on request: everything held about one lead goes, and the erasure is announced (ids only). */
public interface LeadErasure {
    /**
     * Erases everything held about the lead: its items (its events not yet published among them), its email index;
     * keeps an anonymous count, and the one outbox item {@code erasedEvent} makes of the lead as it was last stored
     * ({@code lead.erased}), stored before anything is erased so that a failure halfway never loses it.
     *
     * @return false when there was no such lead
     */
    boolean erase(String leadId, Function<LeadRecord, OutboxItem> erasedEvent);
}
