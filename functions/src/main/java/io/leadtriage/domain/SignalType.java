package io.leadtriage.domain;

import java.util.Optional;

/**
 * Behaviour a lead shows after (or while) filling a form. The wire name is what forms, the page snippet,
 * product backends and the model file use; what each signal is worth lives in the model, not here.
 */
public enum SignalType implements WireNamed {
    PAGE_VIEW("page_view"),
    PRICING_PAGE_VIEW("pricing_page_view"),
    NEWSLETTER_SIGNUP("newsletter_signup"),
    RESOURCE_DOWNLOAD("resource_download"),
    WEBINAR_REGISTRATION("webinar_registration"),
    EMAIL_CLICK("email_click"),
    DEMO_REQUEST("demo_request"),
    CONTACT_SALES("contact_sales"),
    QUOTE_REQUEST("quote_request"),
    TRIAL_STARTED("trial_started"),
    USAGE_LIMIT_REACHED("usage_limit_reached"),
    TEAMMATE_INVITED("teammate_invited");

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<SignalType> fromWireName(String name) {
        return WireNamed.lookUp(SignalType.class, name);
    }

    /** The wire name, so that model files and logs read the way users write them. */
    @Override
    public String toString() {
        return wireName;
    }
}
