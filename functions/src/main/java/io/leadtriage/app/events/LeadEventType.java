package io.leadtriage.app.events;

import io.leadtriage.domain.WireNamed;

import java.util.Optional;

/**
 * The lead events leadtriage publishes: the event's name is EventBridge's detail-type, and names its JSON Schema
 * ({@code events/schemas/<name>.v<version>.json}). Which carry personal data is said here, once, for the docs and
 * the tests.
 */
public enum LeadEventType implements WireNamed {
    /** A new lead: its first verdict, where it came from, and how to reach it. */
    CREATED("lead.created", true),
    /** A known lead's tier or stage changed (scores alone do not count). */
    QUALIFIED("lead.qualified", false),
    /** A hot episode began: the same summary the sales alert carries. One per episode. */
    HOT("lead.hot", true),
    /** A rep recorded a disposition of the lead's alert. */
    DISPOSITION("lead.disposition", false),
    /** Sales recorded an outcome: opportunity, won or lost. */
    OUTCOME("lead.outcome", false),
    /** The lead was erased: ids only, so that every consumer erases its copy too. */
    ERASED("lead.erased", false);

    /** The version of every event's schema; a breaking change to an event's fields is a new version. */
    public static final int SCHEMA_VERSION = 1;

    private final String wireName;
    private final boolean personalData;

    LeadEventType(String wireName, boolean personalData) {
        this.wireName = wireName;
        this.personalData = personalData;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The event carries the lead's contact details or answers: route it only where personal data may go. */
    public boolean personalData() {
        return personalData;
    }

    public static Optional<LeadEventType> ofWireName(String wireName) {
        return WireNamed.lookUp(LeadEventType.class, wireName);
    }
}
