package io.leadtriage.app.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * The cell of the report counters a lead is counted in: the day of its first touch (UTC), its form, and its first
 * touch's UTM source and campaign. Source and campaign come from the visitor's link, so they are folded to lower case,
 * cut to {@link #LONGEST} characters and kept to {@code [a-z0-9._-]} (anything else becomes "-"): a link with a
 * thousand variants of a campaign name makes that many cells, never an item too big to write.
 */
public record Cohort(LocalDate day, String form, String source, String campaign) {
    /** A lead whose first touch carried no such parameter. */
    public static final String NONE = "(none)";
    static final int LONGEST = 40;

    public static Cohort of(Instant createdAt, Map<String, String> source) {
        return new Cohort(createdAt.atOffset(ZoneOffset.UTC).toLocalDate(), label(source.get("formId")),
                label(source.get("utm_source")), label(source.get("utm_campaign")));
    }

    public static String label(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String folded = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return folded.length() > LONGEST ? folded.substring(0, LONGEST) : folded;
    }
}
