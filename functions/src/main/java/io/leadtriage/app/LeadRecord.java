package io.leadtriage.app;

import io.leadtriage.domain.Lead;

import java.time.Instant;
import java.util.Map;

/**
 * A lead as stored: the domain lead plus what persistence and the emails need.
 *
 * @param version             optimistic-lock version; 0 for a lead not stored yet
 * @param consent             null until the lead consents to marketing email
 * @param source              first-touch attribution: form, page, referrer, UTM parameters
 * @param awaitingStep2Since  set while a two-step form's step 2 is outstanding
 */
public record LeadRecord(Lead lead, long version, Instant createdAt, Instant updatedAt, ConsentRecord consent,
                         Map<String, String> source, Instant awaitingStep2Since,
                         QualificationSummary qualification) {
    public LeadRecord {
        source = source == null ? Map.of() : Map.copyOf(source);
    }

    public String id() {
        return lead.id();
    }
}
