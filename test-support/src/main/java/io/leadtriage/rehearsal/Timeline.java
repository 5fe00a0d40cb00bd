package io.leadtriage.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * When each step of one execution environment's life happened, as the Runtime API stand-in saw it, in
 * milliseconds since the runtime's process was launched: the raw material of cold-start figures.
 *
 * <ul>
 *   <li>{@code checkpoint}: SnapStart only, the runtime asked {@code restore/next}: init and the
 *   {@code beforeCheckpoint} hooks are done, this is where Lambda takes the snapshot;</li>
 *   <li>{@code restored}: the stand-in answered {@code restore/next} (Lambda: the snapshot was resumed);</li>
 *   <li>{@code ready}: the first {@code invocation/next}, the end of init (after {@code afterRestore} under
 *   SnapStart);</li>
 *   <li>one entry per invocation: handed to the runtime, answered.</li>
 * </ul>
 * Under SnapStart the time between {@code checkpoint} and {@code restored} is the test's own (it checks
 * what priming left behind there), so figures are given per phase, never as one sum across it.
 */
public final class Timeline {
    private volatile long launchedNanos = System.nanoTime();
    private volatile long checkpointNanos;
    private volatile long restoredNanos;
    private volatile long readyNanos;
    private final List<Invocation> invocations = new ArrayList<>();

    /** One invocation: handed over on {@code next}, answered on {@code response} or {@code error}. */
    public record Invocation(String requestId, double dispatchedMs, double answeredMs, boolean error) {
        public double durationMs() {
            return answeredMs - dispatchedMs;
        }
    }

    Timeline() {
    }

    /** The runtime's process was started: every figure counts from here. */
    void launched() {
        launchedNanos = System.nanoTime();
    }

    void checkpoint() {
        if (checkpointNanos == 0) {
            checkpointNanos = System.nanoTime();
        }
    }

    void restored() {
        if (restoredNanos == 0) {
            restoredNanos = System.nanoTime();
        }
    }

    void ready() {
        if (readyNanos == 0) {
            readyNanos = System.nanoTime();
        }
    }

    synchronized void invocation(String requestId, long dispatchedNanos, long answeredNanos, boolean error) {
        invocations.add(new Invocation(requestId, ms(dispatchedNanos), ms(answeredNanos), error));
    }

    /** Launch to the snapshot point (init plus the beforeCheckpoint hooks); empty without SnapStart. */
    public OptionalDouble checkpointMs() {
        return checkpointNanos == 0 ? OptionalDouble.empty() : OptionalDouble.of(ms(checkpointNanos));
    }

    /**
     * The end of init as Lambda bills and logs it: launch to the first {@code next} without SnapStart; under
     * SnapStart, the restore (restore/next answered) to the first {@code next}, i.e. the afterRestore hooks.
     */
    public OptionalDouble initMs() {
        if (readyNanos == 0) {
            return OptionalDouble.empty();
        }
        long from = restoredNanos != 0 ? restoredNanos : launchedNanos;
        return OptionalDouble.of((readyNanos - from) / 1e6);
    }

    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** One line for logs and reports, e.g. "snapshot at 1234 ms, restore 5 ms, invocations 96 / 12 ms". */
    public synchronized String summary() {
        StringBuilder line = new StringBuilder();
        if (checkpointNanos != 0) {
            line.append(String.format(Locale.ROOT, "init+priming to snapshot %.0f ms", ms(checkpointNanos)));
            if (readyNanos != 0 && restoredNanos != 0) {
                line.append(String.format(Locale.ROOT, ", restore to ready %.0f ms", (readyNanos - restoredNanos) / 1e6));
            }
        } else if (readyNanos != 0) {
            line.append(String.format(Locale.ROOT, "init %.0f ms", ms(readyNanos)));
        } else {
            line.append("not ready");
        }
        if (!invocations.isEmpty()) {
            line.append(", invocations");
            String separator = " ";
            for (Invocation i : invocations) {
                line.append(separator).append(String.format(Locale.ROOT, "%.0f", i.durationMs())).append(i.error() ? "(error)" : "");
                separator = " / ";
            }
            line.append(" ms");
        }
        return line.toString();
    }

    private double ms(long nanos) {
        return (nanos - launchedNanos) / 1e6;
    }
}
