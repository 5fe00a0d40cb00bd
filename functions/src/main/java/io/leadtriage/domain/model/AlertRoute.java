package io.leadtriage.domain.model;

import java.util.List;

/**
 * Who gets the sales alert for leads matching every condition in {@code when}.
 *
 * @param rotate true to send each alert to one rep of {@code to} in turn (round robin) rather than all
 */
public record AlertRoute(String id, List<Condition> when, List<String> to, Boolean rotate) {
    public AlertRoute {
        when = when == null ? List.of() : List.copyOf(when);
        to = to == null ? List.of() : List.copyOf(to);
    }

    public boolean rotates() {
        return Boolean.TRUE.equals(rotate);
    }
}
