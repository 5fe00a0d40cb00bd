package io.leadtriage.app;

import java.util.function.LongSupplier;

/**
 * How much a scheduled pass (or a request) may do before it stops and leaves the rest to the next one: time left
 * (read from a monotonic ticker) and, for the local run and the tests, a number of leads.
 */
public final class Budget {
    private final LongSupplier nanoTicker;
    private final long deadlineNanos;
    private final int maxLeads;

    private Budget(LongSupplier nanoTicker, long deadlineNanos, int maxLeads) {
        this.nanoTicker = nanoTicker;
        this.deadlineNanos = deadlineNanos;
        this.maxLeads = maxLeads;
    }

    /** Until {@code millis} from now by {@code nanoTicker} ({@code System::nanoTime}; tests move one by hand). */
    public static Budget forMillis(long millis, LongSupplier nanoTicker) {
        return new Budget(nanoTicker, nanoTicker.getAsLong() + Math.max(0, millis) * 1_000_000L, Integer.MAX_VALUE);
    }

    /** At most {@code maxLeads} leads, however long they take. */
    public static Budget leads(int maxLeads) {
        return new Budget(() -> 0L, Long.MAX_VALUE, maxLeads);
    }

    /** Whether another lead (or page) may start, {@code done} being done already. */
    public boolean allows(int done) {
        return done < maxLeads && nanoTicker.getAsLong() - deadlineNanos < 0;
    }

    /** How many more leads may start after {@code done}. */
    public int leadsLeft(int done) {
        return Math.max(0, maxLeads - done);
    }
}
