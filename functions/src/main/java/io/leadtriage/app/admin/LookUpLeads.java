package io.leadtriage.app.admin;

import io.leadtriage.app.email.LeadWords;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.domain.Qualifier;

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
    private final io.leadtriage.app.ports.LeadUnitOfWork byEmail;
    private final MessageLog messages;
    private final ModelInEffect models;
    private final Clock clock;

    /** @param byEmail the email index, for a search by exact address */
    public LookUpLeads(LeadQueries leads, io.leadtriage.app.ports.LeadUnitOfWork byEmail, MessageLog messages,
                       ModelInEffect models, Clock clock) {
        this.leads = leads;
        this.byEmail = byEmail;
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
    public Listing list(LeadFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw Refusal.invalidFields(Map.of("limit", "must be a whole number from 1 to " + MAX_PAGE));
        }
        LeadPage page;
        Instant now = clock.instant();
        try {
            page = leads.listLeads(filter, limit, cursor, now);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(Map.of("cursor", "is not a cursor of this listing; start without one"));
        }
        Qualifier qualifier = models.refreshIfDue().qualifier();
        return new Listing(page.leads().stream().map(lead -> new Listed(lead, AsOfNow.of(lead, qualifier, now))).toList(),
                page.nextCursor());
    }

    /**
     * The lead with exactly this address (normalised as forms store it: the domain lower-cased, in punycode), as a
     * listing of one or none: a search, so that no address is ever in a path or a log.
     *
     * @throws Refusal {@code invalid_field} when it is not an email address
     */
    public Listing byEmail(String email) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        String normalised = io.leadtriage.app.intake.FormFields.email(problems, "email", email);
        if (normalised == null) {
            throw Refusal.invalidFields(problems);
        }
        Qualifier qualifier = models.refreshIfDue().qualifier();
        Instant now = clock.instant();
        return new Listing(byEmail.findLeadIdByEmail(normalised).flatMap(leads::findById)
                .map(lead -> List.of(new Listed(lead, AsOfNow.of(lead, qualifier, now)))).orElse(List.of()), null);
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
