package io.leadtriage.app.email;

import io.leadtriage.domain.Fields;
import io.leadtriage.domain.SignalType;

import java.util.Locale;
import java.util.Map;

/**
 * Words for what the wire carries as keys: a field's label ("Company size", never {@code companySize}), the
 * label of a value ("1–3 months" rather than {@code 1-3m}), a signal, a disposition. Emails, the pages the
 * API serves and the local console read them from here, so one thing has one name everywhere.
 */
public final class Labels {
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry(Fields.EMAIL, "Email"),
            Map.entry(Fields.NAME, "Name"),
            Map.entry(Fields.FIRST_NAME, "First name"),
            Map.entry(Fields.LAST_NAME, "Last name"),
            Map.entry(Fields.PHONE, "Phone"),
            Map.entry(Fields.COMPANY, "Company"),
            Map.entry(Fields.JOB_TITLE, "Job title"),
            Map.entry(Fields.ROLE, "Role"),
            Map.entry(Fields.COMPANY_SIZE, "Company size"),
            Map.entry(Fields.INDUSTRY, "Industry"),
            Map.entry(Fields.COUNTRY, "Country"),
            Map.entry(Fields.BUDGET, "Budget"),
            Map.entry(Fields.TIMELINE, "Timeline"),
            Map.entry(Fields.CHALLENGE, "Biggest challenge"),
            Map.entry("consent", "Consent"),
            Map.entry("submissionId", "Submission id"),
            Map.entry("_token", "Form session"),
            Map.entry("cf-turnstile-response", "Human check"),
            Map.entry("pageUrl", "Page"),
            Map.entry("referrer", "Referrer"),
            Map.entry("timezone", "Time zone"),
            Map.entry("utm_source", "Campaign source"),
            Map.entry("utm_medium", "Campaign medium"),
            Map.entry("utm_campaign", "Campaign name"),
            Map.entry("utm_term", "Campaign term"),
            Map.entry("utm_content", "Campaign content"));
    private static final Map<String, String> DISPOSITIONS = Map.of(
            "accepted", "I'm on it",
            "wrong_fit", "Wrong fit",
            "spam", "Spam",
            "duplicate", "Duplicate",
            "existing_customer", "Existing customer");

    private static final Map<String, Map<String, String>> BY_FIELD = Map.of(
            Fields.ROLE, Map.of(
                    "decision_maker", "Decision maker",
                    "influencer", "Influencer",
                    "user", "User",
                    "other", "Other"),
            Fields.COMPANY_SIZE, Map.of(
                    "1-10", "1–10 employees",
                    "11-50", "11–50 employees",
                    "51-200", "51–200 employees",
                    "201-1000", "201–1,000 employees",
                    "1000+", "1,000+ employees"),
            Fields.BUDGET, Map.of(
                    "approved", "Approved",
                    "planned", "Planned",
                    "exploring", "Exploring",
                    "none", "No budget"),
            Fields.TIMELINE, Map.of(
                    "now", "Now",
                    "1-3m", "1–3 months",
                    "3-6m", "3–6 months",
                    "6m+", "6+ months",
                    "unknown", "Not sure yet"),
            // Industries are free slugs; these few read wrong when merely capitalised.
            Fields.INDUSTRY, Map.of(
                    "saas", "SaaS",
                    "ecommerce", "E-commerce",
                    "it", "IT"));

    private Labels() {
    }

    /**
     * A field's label as a person reads it: "Company size" for {@code companySize}; a field a form declared
     * itself is spelled out from its name ({@code favouriteColour} → "Favourite colour", {@code utm_id} →
     * "Campaign id").
     */
    public static String field(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String label = FIELDS.get(name);
        if (label != null) {
            return label;
        }
        if (name.startsWith("utm_")) {
            return "Campaign " + phraseOf(name.substring(4)).toLowerCase(Locale.ROOT);
        }
        return phraseOf(name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
    }

    /** What a rep chose on an alert: "I'm on it" for {@code accepted}. */
    public static String disposition(String value) {
        return value == null ? "" : DISPOSITIONS.getOrDefault(value, phraseOf(value));
    }

    /** The label for a field's value; a value without one is shown as a phrase ("real-estate" → "Real estate"). */
    public static String of(String field, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String label = BY_FIELD.getOrDefault(field, Map.of()).get(value);
        if (label != null) {
            return label;
        }
        return Fields.ENUMERATED.containsKey(field) || Fields.INDUSTRY.equals(field) ? phraseOf(value) : value;
    }

    /** "Germany (DE)"; a code the JDK does not know is shown as sent. */
    public static String country(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equalsIgnoreCase(code) ? code : name + " (" + code + ")";
    }

    public static String signal(SignalType type) {
        return switch (type) {
            case PAGE_VIEW -> "Viewed a page";
            case PRICING_PAGE_VIEW -> "Viewed the pricing page";
            case NEWSLETTER_SIGNUP -> "Signed up for the newsletter";
            case RESOURCE_DOWNLOAD -> "Downloaded a resource";
            case WEBINAR_REGISTRATION -> "Registered for a webinar";
            case EMAIL_CLICK -> "Clicked an email";
            case DEMO_REQUEST -> "Requested a demo";
            case CONTACT_SALES -> "Asked to talk to sales";
            case QUOTE_REQUEST -> "Asked for a quote";
            case TRIAL_STARTED -> "Started a trial";
            case USAGE_LIMIT_REACHED -> "Reached a usage limit";
            case TEAMMATE_INVITED -> "Invited a teammate";
        };
    }

    /** A slug or wire name as words: "real-estate" → "Real estate", "hot" → "Hot". */
    public static String phraseOf(String slug) {
        String spaced = slug.replace('_', ' ').replace('-', ' ').strip();
        return spaced.isEmpty() ? slug : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
