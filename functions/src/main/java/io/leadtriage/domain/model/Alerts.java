package io.leadtriage.domain.model;

import java.time.Duration;
import java.util.List;

/**
 * Sales alert policy. The first route whose conditions all hold picks the recipients; with none,
 * {@code defaultTo}, and when that is empty too, the deployment's default list.
 *
 * @param acceptWithin an alert nobody accepts within this time goes once to {@code escalateTo}
 */
public record Alerts(Duration acceptWithin, List<String> defaultTo, List<String> escalateTo, List<AlertRoute> routes) {
    public Alerts {
        defaultTo = defaultTo == null ? List.of() : List.copyOf(defaultTo);
        escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
