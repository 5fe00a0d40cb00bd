package io.leadtriage.app.admin;

import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.LeadQueries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The leads first seen in a period, as rows of chosen fields, a page at a time: a year of leads is exported page after
 * page, each page well within a request's time, by a cursor. Personal data (an address, a name, a phone number, a
 * company or a job title) is exported only for a caller allowed to read it in bulk; every other field is about the lead
 * in the funnel, not about the person.
 */
public final class ExportLeads {
    public static final int DEFAULT_PAGE = 500;
    public static final int LONGEST_PAGE = 1000;

    /** A column of the export: its name, whether it is personal data, and its value for a lead ("" for none). */
    public enum Field {
        LEAD_ID("leadId", false, LeadRecord::id),
        CREATED_AT("createdAt", false, lead -> lead.createdAt().toString()),
        FORM("form", false, lead -> lead.source().getOrDefault("formId", "")),
        UTM_SOURCE("utmSource", false, lead -> lead.source().getOrDefault("utm_source", "")),
        UTM_MEDIUM("utmMedium", false, lead -> lead.source().getOrDefault("utm_medium", "")),
        UTM_CAMPAIGN("utmCampaign", false, lead -> lead.source().getOrDefault("utm_campaign", "")),
        SCORE("score", false, lead -> String.valueOf(lead.qualification().score())),
        TIER("tier", false, lead -> lead.qualification().tier().wireName()),
        STAGE("stage", false, lead -> lead.qualification().stage().wireName()),
        DISQUALIFIED("disqualified", false, lead -> text(lead.qualification().disqualifiedBecause())),
        INDUSTRY("industry", false, lead -> lead.lead().answers().getOrEmpty("industry")),
        COMPANY_SIZE("companySize", false, lead -> lead.lead().answers().getOrEmpty("companySize")),
        COUNTRY("country", false, lead -> lead.lead().answers().getOrEmpty("country")),
        ROLE("role", false, lead -> text(lead.qualification().role())),
        BUDGET("budget", false, lead -> lead.lead().answers().getOrEmpty("budget")),
        TIMELINE("timeline", false, lead -> lead.lead().answers().getOrEmpty("timeline")),
        FIRST_HOT_AT("firstHotAt", false, lead -> text(lead.sales().firstHotAt())),
        FIRST_ALERT_SENT_AT("firstAlertSentAt", false, lead -> text(lead.sales().firstAlertSentAt())),
        DISPOSITION("disposition", false, lead -> text(lead.sales().disposition())),
        OPPORTUNITY_AT("opportunityAt", false, lead -> text(lead.sales().opportunityAt())),
        WON_AT("wonAt", false, lead -> text(lead.sales().wonAt())),
        LOST_AT("lostAt", false, lead -> text(lead.sales().lostAt())),
        EMAIL("email", true, lead -> lead.lead().email()),
        NAME("name", true, lead -> lead.lead().answers().displayName()),
        PHONE("phone", true, lead -> lead.lead().answers().getOrEmpty("phone")),
        COMPANY("company", true, lead -> lead.lead().answers().getOrEmpty("company")),
        JOB_TITLE("jobTitle", true, lead -> lead.lead().answers().getOrEmpty("jobTitle"));

        private final String wireName;
        private final boolean personal;
        private final Function<LeadRecord, String> value;

        Field(String wireName, boolean personal, Function<LeadRecord, String> value) {
            this.wireName = wireName;
            this.personal = personal;
            this.value = value;
        }

        public String wireName() {
            return wireName;
        }

        public boolean personal() {
            return personal;
        }

        String of(LeadRecord lead) {
            String v = value.apply(lead);
            return v == null ? "" : v;
        }

        private static String text(Object o) {
            return o == null ? "" : o.toString();
        }
    }

    /** Without {@code fields=}: everything that is not personal data. */
    public static final List<Field> DEFAULT_FIELDS = Arrays.stream(Field.values()).filter(f -> !f.personal()).toList();

    /** One page: its columns, a row per lead (oldest first), and the cursor of the next page (null on the last). */
    public record Page(List<Field> fields, List<List<String>> rows, String nextCursor) {
    }

    private final LeadQueries leads;

    public ExportLeads(LeadQueries leads) {
        this.leads = leads;
    }

    /**
     * @param fieldNames           comma-separated wire names, in the order wanted; null or blank for {@link #DEFAULT_FIELDS}
     * @param limit                null for {@link #DEFAULT_PAGE}
     * @param personalDataAllowed  the caller may export personal data
     */
    public Page page(ReportOnLeads.Period period, String fieldNames, Integer limit, String cursor, boolean personalDataAllowed) {
        List<Field> fields = fields(fieldNames);
        if (!personalDataAllowed && fields.stream().anyMatch(Field::personal)) {
            throw new Refusal(Refusal.PERSONAL_DATA_NOT_ALLOWED, "This caller may not export personal data ("
                    + String.join(", ", fields.stream().filter(Field::personal).map(Field::wireName).toList())
                    + "); leave those fields out, or ask for the role that may.", Map.of());
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > LONGEST_PAGE) {
            throw Refusal.invalidFields(Map.of("limit", "must be between 1 and " + LONGEST_PAGE));
        }
        LeadPage page;
        try {
            page = leads.leadsCreatedBetween(period.from(), period.to(), size, cursor);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(Map.of("cursor", "is not a cursor of this export"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (LeadRecord lead : page.leads()) {
            rows.add(fields.stream().map(f -> f.of(lead)).toList());
        }
        return new Page(fields, rows, page.nextCursor());
    }

    static List<Field> fields(String names) {
        if (names == null || names.isBlank()) {
            return DEFAULT_FIELDS;
        }
        Set<Field> chosen = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            String wanted = name.strip();
            Field field = Arrays.stream(Field.values()).filter(f -> f.wireName().equals(wanted)).findFirst()
                    .orElseThrow(() -> Refusal.invalidFields(Map.of("fields", "unknown field \"" + wanted.toLowerCase(Locale.ROOT)
                            .replaceAll("[^a-z0-9_-]", "") + "\"; fields are " + String.join(", ",
                            Arrays.stream(Field.values()).map(Field::wireName).toList()))));
            chosen.add(field);
        }
        return List.copyOf(chosen);
    }
}
