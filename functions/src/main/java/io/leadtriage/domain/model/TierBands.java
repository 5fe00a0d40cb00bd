package io.leadtriage.domain.model;

/** Score ranges per tier; the loader checks they cover every score with no gap or overlap. */
public record TierBands(Band hot, Band warm, Band cold) {
}
