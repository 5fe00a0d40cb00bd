package io.leadtriage.app;

import io.leadtriage.app.reports.Cohort;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Instant;

/**
 * Which leads a listing shows; every part may be null (any). Form, source and campaign are compared as the reports
 * count them ({@link Cohort}: folded to lower case, {@code (none)} for a lead whose first touch had none), so a value
 * picked from a breakdown's row lists exactly that row's leads. First touch in [from, to).
 */
public record LeadFilter(Tier tier, Stage stage, String form, String source, String campaign, Instant from, Instant to) {
    public static final LeadFilter ANY = new LeadFilter(null, null, null, null, null, null, null);

    public LeadFilter {
        form = asCounted(form);
        source = asCounted(source);
        campaign = asCounted(campaign);
    }

    private static String asCounted(String value) {
        return value == null || value.isBlank() ? null : value.equals(Cohort.NONE) ? value : Cohort.label(value);
    }

    public static LeadFilter of(Tier tier, Stage stage) {
        return new LeadFilter(tier, stage, null, null, null, null, null);
    }

    /** Whether a part of the filter needs the lead's profile to decide: the indexes hold tier, stage and first touch only. */
    public boolean readsProfiles() {
        return form != null || source != null || campaign != null;
    }

    public boolean matches(LeadRecord lead) {
        if (tier != null && (lead.qualification() == null || lead.qualification().tier() != tier)
                || stage != null && (lead.qualification() == null || lead.qualification().stage() != stage)) {
            return false;
        }
        if (from != null && lead.createdAt().isBefore(from) || to != null && !lead.createdAt().isBefore(to)) {
            return false;
        }
        Cohort cohort = Cohort.of(lead.createdAt(), lead.source());
        return (form == null || form.equals(cohort.form())) && (source == null || source.equals(cohort.source()))
                && (campaign == null || campaign.equals(cohort.campaign()));
    }
}
