package io.leadtriage.domain.model;

import java.util.List;

/**
 * Who gets the sales alert for leads matching every condition in {@code when}.
 *
 * @param rotate true to send each alert to one rep of {@code to} in turn (round robin) rather than all
 * @param slack  optional: the name of a Slack webhook that also gets every alert of this route (the channel, not one
 *               rep: round robin picks the email's recipient only); the webhook's URL is a deployment secret, never
 *               in the model
 * @param teams  optional: the same, for a Microsoft Teams (Workflows) webhook
 */
public record AlertRoute(String id, List<Condition> when, List<String> to, Boolean rotate, String slack, String teams) {
    /** A chat destination's name as the outbox and the webhooks secret know it: {@code slack:sales-team}. */
    public static final String SLACK = "slack";
    public static final String TEAMS = "teams";

    public AlertRoute {
        when = when == null ? List.of() : List.copyOf(when);
        to = to == null ? List.of() : List.copyOf(to);
    }

    /** A route without chat destinations. */
    public AlertRoute(String id, List<Condition> when, List<String> to, Boolean rotate) {
        this(id, when, to, rotate, null, null);
    }

    /** The chat webhooks this route's alerts also go to, as {@code slack:<name>} and {@code teams:<name>}. */
    public List<String> chat() {
        List<String> chat = new java.util.ArrayList<>();
        if (slack != null && !slack.isBlank()) {
            chat.add(SLACK + ":" + slack);
        }
        if (teams != null && !teams.isBlank()) {
            chat.add(TEAMS + ":" + teams);
        }
        return List.copyOf(chat);
    }

    public boolean rotates() {
        return Boolean.TRUE.equals(rotate);
    }
}
