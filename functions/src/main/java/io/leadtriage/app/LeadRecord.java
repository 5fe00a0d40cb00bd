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
 * @param counted            the report counters hold this lead as stored (every lead written since they exist); false
 *                           for a lead stored before, until its next change or the backfill counts it
 */
public record LeadRecord(Lead lead, long version, Instant createdAt, Instant updatedAt, ConsentRecord consent,
                         Map<String, String> source, Instant awaitingStep2Since, QualificationSummary qualification,
                         int hotEpisode, NurtureState nurture, ContactState contact, String apiBaseUrl,
                         Instant reviewTierAt, SalesState sales, boolean counted) {
    public LeadRecord {
        source = source == null ? Map.of() : Map.copyOf(source);
        contact = contact == null ? ContactState.NEW : contact;
        sales = sales == null ? SalesState.NONE : sales;
    }

    /** A lead the report counters hold. */
    public LeadRecord(Lead lead, long version, Instant createdAt, Instant updatedAt, ConsentRecord consent,
                      Map<String, String> source, Instant awaitingStep2Since, QualificationSummary qualification,
                      int hotEpisode, NurtureState nurture, ContactState contact, String apiBaseUrl,
                      Instant reviewTierAt, SalesState sales) {
        this(lead, version, createdAt, updatedAt, consent, source, awaitingStep2Since, qualification, hotEpisode, nurture,
                contact, apiBaseUrl, reviewTierAt, sales, true);
    }

    /** A lead seen for the first time, before its first write. */
    public static LeadRecord fresh(Lead lead, Instant now, Map<String, String> source, String apiBaseUrl) {
        return new LeadRecord(lead, 0, now, now, null, source, null, null, 0, null, ContactState.NEW, apiBaseUrl, null, SalesState.NONE);
    }

    public String id() {
        return lead.id();
    }

    public LeadRecord withLead(Lead newLead) {
        return changed().lead(newLead).build();
    }

    public LeadRecord withQualification(QualificationSummary newQualification) {
        return changed().qualification(newQualification).build();
    }

    public LeadRecord withSales(SalesState newSales) {
        return changed().sales(newSales).build();
    }

    public LeadRecord withContact(ContactState newContact) {
        return changed().contact(newContact).build();
    }

    /** This lead with some parts changed, by name: the one way to build a changed copy without fourteen arguments. */
    public Change changed() {
        return new Change(this);
    }

    /** A copy of a lead being changed; {@link #build()} makes the record. */
    public static final class Change {
        private Lead lead;
        private long version;
        private Instant createdAt;
        private Instant updatedAt;
        private ConsentRecord consent;
        private Map<String, String> source;
        private Instant awaitingStep2Since;
        private QualificationSummary qualification;
        private int hotEpisode;
        private NurtureState nurture;
        private ContactState contact;
        private String apiBaseUrl;
        private Instant reviewTierAt;
        private SalesState sales;
        private boolean counted;

        private Change(LeadRecord r) {
            lead = r.lead;
            version = r.version;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            consent = r.consent;
            source = r.source;
            awaitingStep2Since = r.awaitingStep2Since;
            qualification = r.qualification;
            hotEpisode = r.hotEpisode;
            nurture = r.nurture;
            contact = r.contact;
            apiBaseUrl = r.apiBaseUrl;
            reviewTierAt = r.reviewTierAt;
            sales = r.sales;
            counted = r.counted;
        }

        public Change lead(Lead value) {
            lead = value;
            return this;
        }

        public Change version(long value) {
            version = value;
            return this;
        }

        public Change createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Change updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Change consent(ConsentRecord value) {
            consent = value;
            return this;
        }

        public Change source(Map<String, String> value) {
            source = value;
            return this;
        }

        public Change awaitingStep2Since(Instant value) {
            awaitingStep2Since = value;
            return this;
        }

        public Change qualification(QualificationSummary value) {
            qualification = value;
            return this;
        }

        public Change hotEpisode(int value) {
            hotEpisode = value;
            return this;
        }

        public Change nurture(NurtureState value) {
            nurture = value;
            return this;
        }

        public Change contact(ContactState value) {
            contact = value;
            return this;
        }

        public Change apiBaseUrl(String value) {
            apiBaseUrl = value;
            return this;
        }

        public Change reviewTierAt(Instant value) {
            reviewTierAt = value;
            return this;
        }

        public Change sales(SalesState value) {
            sales = value;
            return this;
        }

        public Change counted(boolean value) {
            counted = value;
            return this;
        }

        public LeadRecord build() {
            return new LeadRecord(lead, version, createdAt, updatedAt, consent, source, awaitingStep2Since, qualification,
                    hotEpisode, nurture, contact, apiBaseUrl, reviewTierAt, sales, counted);
        }
    }
}
