package io.leadtriage.domain.model;

import io.leadtriage.domain.Tier;

import java.util.List;

/** Who a nurture sequence is for: leads in one of {@code tiers}, and, if listed, with one of the pain points. */
public record Audience(List<Tier> tiers, List<String> painPoints) {
    public Audience {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        painPoints = painPoints == null ? List.of() : List.copyOf(painPoints);
    }
}
