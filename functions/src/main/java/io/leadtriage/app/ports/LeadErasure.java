package io.leadtriage.app.ports;

/** Erasure on request: everything held about one lead goes. */
public interface LeadErasure {
    /**
     * Erases everything held about the lead: its items, its email index; keeps an anonymous count.
     *
     * @return false when there was no such lead
     */
    boolean erase(String leadId);
}
