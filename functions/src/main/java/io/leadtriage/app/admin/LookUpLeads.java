package io.leadtriage.app.admin;

import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Marketing and sales look up leads: a page of them by tier and stage, or one with its timeline and emails. */
public final class LookUpLeads {
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 25;

    private final LeadQueries leads;
    private final MessageLog messages;
    private final Clock clock;

    public LookUpLeads(LeadQueries leads, MessageLog messages, Clock clock) {
        this.leads = leads;
        this.messages = messages;
        this.clock = clock;
    }

    /** One lead with everything that happened to it. */
    public record LeadView(LeadRecord lead, List<TimelineEntry> timeline, List<SentMessage> emails) {
    }

    /**
     * Leads newest first, a page at a time.
     *
     * @param tier   null for any
     * @param stage  null for any
     * @param cursor the previous page's, or null
     * @throws Refusal a limit out of range, or a cursor this listing did not make
     */
    public LeadPage list(Tier tier, Stage stage, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Refusal.invalidFields(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
        }
        try {
            return leads.listLeads(tier, stage, limit, cursor, clock.instant());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(Map.of("cursor", "is not a cursor of this listing; start without one"));
        }
    }

    /** @throws Refusal {@code not_found} when there is no such lead */
    public LeadView view(String leadId) {
        LeadRecord lead = leads.findById(leadId).orElseThrow(() -> Refusal.notFound("No lead with this id."));
        return new LeadView(lead, leads.timeline(leadId), messages.sentMessages(leadId));
    }
}
