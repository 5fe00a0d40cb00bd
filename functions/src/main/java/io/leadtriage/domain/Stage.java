package io.leadtriage.domain;

/** Where a lead stands in the funnel: marketing, product or sales qualified, or not yet qualified. */
public enum Stage {
    LEAD, MQL, PQL, SQL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
