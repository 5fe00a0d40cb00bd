package io.leadtriage.app.admin;

import io.leadtriage.app.email.LeadWords;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Marketing and sales look up leads: a page of them by tier and stage, or one with its timeline and emails; each with
 * its score, tier and stage as of now (the model in effect, the clock's instant), beside the ones stored.
 */
public final class LookUpLeads {
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 25;

    private final LeadQueries leads;
    private final MessageLog messages;
    private final ModelInEffect models;
    private final Clock clock;

    public LookUpLeads(LeadQueries leads, MessageLog messages, ModelInEffect models, Clock clock) {
        this.leads = leads;
        this.messages = messages;
        this.models = models;
        this.clock = clock;
    }

    /** One lead with everything that happened to it, and its verdict now. */
    /** @param ownAnswers the answers to the model's own questions, labelled (those of questions it no longer has too) */
    public record LeadView(LeadRecord lead, AsOfNow verdict, List<TimelineEntry> timeline, List<SentMessage> emails,
                           List<LeadWords.Row> ownAnswers) {
    }

    /** A listed lead with its verdict now. */
    public record Listed(LeadRecord lead, AsOfNow verdict) {
    }

    /** A page of leads. @param nextCursor null on the last page */
    public record Listing(List<Listed> leads, String nextCursor) {
        public Listing {
            leads = List.copyOf(leads);
        }
    }

    /**
     * Leads newest first, a page at a time. The tier and stage asked for are the stored ones (the listing indexes'):
     * a lead whose tier changed since is listed there until the tier review or its next change stores the new one.
     *
     * @param tier   null for any
     * @param stage  null for any
     * @param cursor the previous page's, or null
     * @throws Refusal a limit out of range, or a cursor this listing did not make
     */
    public Listing list(Tier tier, Stage stage, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Refusal.invalidFields(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
        }
        LeadPage page;
        Instant now = clock.instant();
        try {
            page = leads.listLeads(tier, stage, limit, cursor, now);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(Map.of("cursor", "is not a cursor of this listing; start without one"));
        }
        Qualifier qualifier = models.refreshIfDue().qualifier();
        return new Listing(page.leads().stream().map(lead -> new Listed(lead, AsOfNow.of(lead, qualifier, now))).toList(),
                page.nextCursor());
    }

    /** @throws Refusal {@code not_found} when there is no such lead */
    public LeadView view(String leadId) {
        LeadRecord lead = leads.findById(leadId).orElseThrow(() -> Refusal.notFound("No lead with this id."));
        ModelInEffect.Version model = models.refreshIfDue();
        return new LeadView(lead, AsOfNow.of(lead, model.qualifier(), clock.instant()),
                leads.timeline(leadId), messages.sentMessages(leadId),
                LeadWords.customAnswers(lead.lead().answers(), model.model().questions()));
    }
}
