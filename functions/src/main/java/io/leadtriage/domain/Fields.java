package io.leadtriage.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard lead fields of the product contract and the values the enumerated ones take.
 * Forms may declare more fields; those are kept as answers but no standard rule reads them.
 */
public final class Fields {
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String PHONE = "phone";
    public static final String COMPANY = "company";
    public static final String JOB_TITLE = "jobTitle";
    public static final String ROLE = "role";
    public static final String COMPANY_SIZE = "companySize";
    public static final String INDUSTRY = "industry";
    public static final String COUNTRY = "country";
    public static final String BUDGET = "budget";
    public static final String TIMELINE = "timeline";
    public static final String CHALLENGE = "challenge";
    /** Derived from the email, for rules on free-mail, disposable and competitor domains. */
    public static final String EMAIL_DOMAIN = "emailDomain";

    /** Fields whose value must be one of a fixed list. */
    public static final Map<String, List<String>> ENUMERATED = Map.of(
            ROLE, List.of("decision_maker", "influencer", "user", "other"),
            COMPANY_SIZE, List.of("1-10", "11-50", "51-200", "201-1000", "1000+"),
            BUDGET, List.of("approved", "planned", "exploring", "none"),
            TIMELINE, List.of("now", "1-3m", "3-6m", "6m+", "unknown"));

    /** Answer fields a scoring, stage or routing condition may read. */
    public static final Set<String> CONDITION_FIELDS = Set.of(
            EMAIL_DOMAIN, ROLE, COMPANY_SIZE, INDUSTRY, COUNTRY, BUDGET, TIMELINE, CHALLENGE, JOB_TITLE, COMPANY);

    /** Fields a person answers about themselves (forms and surveys may ask for these). */
    public static final List<String> ANSWER_FIELDS = List.of(
            EMAIL, NAME, FIRST_NAME, LAST_NAME, PHONE, COMPANY, JOB_TITLE, ROLE, COMPANY_SIZE, INDUSTRY,
            COUNTRY, BUDGET, TIMELINE, CHALLENGE);

    private Fields() {
    }

    public static Optional<List<String>> allowedValues(String field) {
        return Optional.ofNullable(ENUMERATED.get(field));
    }
}
