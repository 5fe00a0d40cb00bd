package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.reports.CountChange;

import java.util.function.Function;

/** Erasure in memory: the lead and everything kept with it go; its markers stay, as they do in the table. */
public final class InMemoryLeadErasure implements LeadErasure {
    private final MemoryTable table;
    private long erased;

    InMemoryLeadErasure(MemoryTable table) {
        this.table = table;
    }

    @Override
    public boolean erase(String leadId, Function<LeadRecord, OutboxItem> erasedEvent) {
        synchronized (table) {
            LeadRecord lead = table.profiles.remove(leadId);
            if (lead == null) {
                return false;
            }
            table.count(CountChange.between(lead, null));
            table.leadIdsByEmail.remove(lead.lead().email());
            table.timelines.remove(leadId);
            table.outbox.remove(leadId);
            table.deadLetters.remove(leadId);
            table.putOutbox(erasedEvent.apply(lead), true);
            table.messages.remove(leadId);
            erased++;
            return true;
        }
    }

    /** The anonymous count of erased leads. */
    public long erased() {
        synchronized (table) {
            return erased;
        }
    }
}
