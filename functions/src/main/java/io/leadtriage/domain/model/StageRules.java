package io.leadtriage.domain.model;

import io.leadtriage.domain.SignalType;

import java.util.List;

/**
 * What moves a lead through the funnel. SQL: hot and (a sales-intent signal, or every BANT condition
 * met). PQL: warm or hot with a product signal. MQL: warm or hot. Otherwise a plain lead.
 */
public record StageRules(List<SignalType> salesIntent, List<Condition> bantComplete, List<SignalType> product) {
    public StageRules {
        salesIntent = salesIntent == null ? List.of() : List.copyOf(salesIntent);
        bantComplete = bantComplete == null ? List.of() : List.copyOf(bantComplete);
        product = product == null ? List.of() : List.copyOf(product);
    }
}
