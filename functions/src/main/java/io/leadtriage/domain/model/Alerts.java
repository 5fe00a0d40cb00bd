package io.leadtriage.domain.model;

import io.leadtriage.domain.AlertRouting;

import java.time.Duration;
import java.util.List;

/**
 * Sales alert policy. The first route whose conditions all hold picks the recipients; with none,
 * {@code defaultTo}, and when that is empty too, the deployment's default list.
 *
 * @param acceptWithin an alert nobody accepts within this time goes once to {@code escalateTo}
 * @param slack, teams optional: the chat webhooks (by name, see {@link AlertRoute}) that get the alerts no route
 *                     matched, beside {@code defaultTo}
 */
public record Alerts(Duration acceptWithin, List<String> defaultTo, List<String> escalateTo, List<AlertRoute> routes,
                     String slack, String teams) {
    public Alerts {
        defaultTo = defaultTo == null ? List.of() : List.copyOf(defaultTo);
        escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** Without chat webhooks for the default route. */
    public Alerts(Duration acceptWithin, List<String> defaultTo, List<String> escalateTo, List<AlertRoute> routes) {
        this(acceptWithin, defaultTo, escalateTo, routes, null, null);
    }

    /** The chat webhooks of the alerts no route matched ({@code slack:<name>}, {@code teams:<name>}). */
    public List<String> defaultChat() {
        return new AlertRoute(AlertRouting.DEFAULT_ROUTE, List.of(), List.of(), false, slack, teams).chat();
    }
}
