package io.leadtriage.domain;

import java.util.List;

/**
 * Who a sales alert goes to.
 *
 * @param routeId the routing rule that matched, or {@code default}
 * @param pool    the recipients of that rule
 * @param rotate  true when one rep of the pool gets each alert in turn (round robin)
 * @param chat    the chat webhooks that also get the alert ({@code slack:sales-team}, {@code teams:sales-team})
 */
public record AlertRouting(String routeId, List<String> pool, boolean rotate, List<String> chat) {
    public static final String DEFAULT_ROUTE = "default";

    public AlertRouting {
        pool = List.copyOf(pool);
        chat = chat == null ? List.of() : List.copyOf(chat);
    }

    /** Email only. */
    public AlertRouting(String routeId, List<String> pool, boolean rotate) {
        this(routeId, pool, rotate, List.of());
    }

    /** The recipients of the alert with this turn number (from a shared counter when rotating). */
    public List<String> recipientsForTurn(long turn) {
        if (!rotate || pool.isEmpty()) {
            return pool;
        }
        return List.of(pool.get((int) Math.floorMod(turn, (long) pool.size())));
    }
}
