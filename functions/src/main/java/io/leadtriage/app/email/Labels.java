package io.leadtriage.app.email;

import io.leadtriage.domain.Fields;
import io.leadtriage.domain.SignalType;

import java.util.Locale;
import java.util.Map;

/** What a sales rep reads for the values forms send: "1–3 months" rather than {@code 1-3m}. */
final class Labels {
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

    /** The label for a field's value; a value without one is shown as a phrase ("real-estate" → "Real estate"). */
    static String of(String field, String value) {
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
    static String country(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equalsIgnoreCase(code) ? code : name + " (" + code + ")";
    }

    static String signal(SignalType type) {
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
    static String phraseOf(String slug) {
        String spaced = slug.replace('_', ' ').replace('-', ' ').strip();
        return spaced.isEmpty() ? slug : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
