package io.leadtriage.domain.model;

/** Points for who the lead is or what they answered. These never decay. */
public record FitRule(String id, Condition when, Integer points, String reason) {
}
