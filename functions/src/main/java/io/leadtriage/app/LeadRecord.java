package io.leadtriage.app;

import io.leadtriage.domain.Lead;

import java.time.Instant;
import java.util.Map;

/**
 * A lead as stored: the domain lead plus what persistence and the emails need.
 *
 * @param version            optimistic-lock version; 0 for a lead not stored yet
 * @param consent            null until the lead consents to marketing email
 * @param source             first-touch attribution: form, page, referrer, UTM parameters
 * @param awaitingStep2Since set while a two-step form's step 2 is outstanding
 * @param hotEpisode         how many times the lead has turned hot; one sales alert per episode
 * @param nurture            null until the lead joins a nurture sequence
 * @param apiBaseUrl         the public URL of the API that took the lead, for links in later emails
 * @param reviewTierAt       when fading behaviour points will move the lead to a lower tier (null: never);
 *                           the tier review pass finds such leads through an index at that time
 * @param sales              first hot time, alert time, outcomes and dispositions
 */
public record LeadRecord(Lead lead, long version, Instant createdAt, Instant updatedAt, ConsentRecord consent,
                         Map<String, String> source, Instant awaitingStep2Since, QualificationSummary qualification,
                         int hotEpisode, NurtureState nurture, ContactState contact, String apiBaseUrl,
                         Instant reviewTierAt, SalesState sales) {
    public LeadRecord {
        source = source == null ? Map.of() : Map.copyOf(source);
        contact = contact == null ? ContactState.NEW : contact;
        sales = sales == null ? SalesState.NONE : sales;
    }

    /** A lead seen for the first time, before its first write. */
    public static LeadRecord fresh(Lead lead, Instant now, Map<String, String> source, String apiBaseUrl) {
        return new LeadRecord(lead, 0, now, now, null, source, null, null, 0, null, ContactState.NEW, apiBaseUrl, null, SalesState.NONE);
    }

    public String id() {
        return lead.id();
    }

    public LeadRecord withLead(Lead newLead) {
        return new LeadRecord(newLead, version, createdAt, updatedAt, consent, source, awaitingStep2Since,
                qualification, hotEpisode, nurture, contact, apiBaseUrl, reviewTierAt, sales);
    }

    public LeadRecord withQualification(QualificationSummary newQualification) {
        return new LeadRecord(lead, version, createdAt, updatedAt, consent, source, awaitingStep2Since,
                newQualification, hotEpisode, nurture, contact, apiBaseUrl, reviewTierAt, sales);
    }

    public LeadRecord withSales(SalesState newSales) {
        return new LeadRecord(lead, version, createdAt, updatedAt, consent, source, awaitingStep2Since,
                qualification, hotEpisode, nurture, contact, apiBaseUrl, reviewTierAt, newSales);
    }

    public LeadRecord withContact(ContactState newContact) {
        return new LeadRecord(lead, version, createdAt, updatedAt, consent, source, awaitingStep2Since,
                qualification, hotEpisode, nurture, newContact, apiBaseUrl, reviewTierAt, sales);
    }
}
