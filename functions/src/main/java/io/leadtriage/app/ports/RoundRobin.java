package io.leadtriage.app.ports;

/** Turns of a routing rule that sends each alert to one rep of its list in turn. */
public interface RoundRobin {
    /** The next turn of the rule: an atomic counter, fair under any concurrency. */
    long nextTurn(String routeId);
}
