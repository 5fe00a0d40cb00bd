package io.leadtriage.domain;

/** How ready a lead is, by score alone: hot leads go to sales, warm and cold ones are nurtured. */
public enum Tier {
    HOT, WARM, COLD;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
