package io.leadtriage.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a function's MemorySize buys, from two measured cold starts of the same function: on one core, and
 * on the two cores of this machine. Lambda gives CPU in proportion to memory, one vCPU at 1,769 MB ("Lambda
 * allocates CPU power in proportion to the amount of memory configured"), and a Java cold start is CPU-bound
 * (class loading, interpreted and C1 code), so:
 *
 * <ul>
 *   <li>up to 1,769 MB the cold start is the one-core figure divided by the share of a core
 *       ({@code memory / 1769});</li>
 *   <li>from 1,769 to 3,538 MB it moves linearly from the one-core figure to the two-core one;</li>
 *   <li>a warm request is taken as waiting on DynamoDB, not computing (its CPU part, measured by JMH, is
 *       tens of microseconds), so its duration does not depend on memory: what memory costs is its price.</li>
 * </ul>
 *
 * <p>A model built on measurements, not a measurement of Lambda: it says which way and how far a change of
 * MemorySize moves cold start and cost, which is what choosing one needs.
 */
final class MemorySizes {
    static final int ONE_VCPU_MB = 1769;
    static final List<Integer> CANDIDATES_MB = List.of(512, 1024, 1536, 1769, 2048, 3008);

    private MemorySizes() {
    }

    /** A core's share at {@code memoryMb}: 1.0 is one vCPU. */
    static double vcpus(int memoryMb) {
        return memoryMb / (double) ONE_VCPU_MB;
    }

    /** The cold start the two measurements predict at {@code memoryMb}. */
    static double coldStartMs(int memoryMb, double oneCoreMs, double twoCoresMs) {
        double cpus = vcpus(memoryMb);
        if (cpus <= 1) {
            return oneCoreMs / cpus;
        }
        return oneCoreMs + (twoCoresMs - oneCoreMs) * Math.min(1, cpus - 1);
    }

    /**
     * Lambda compute for a million requests of {@code warmMs}, {@code coldShare} of them cold (each billed for
     * its cold start instead), at {@code memoryMb}, in dollars; requests themselves are priced the same at any size.
     */
    static double computeDollarsPerMillion(int memoryMb, double warmMs, double coldMs, double coldShare) {
        double billedMs = Math.ceil(warmMs) * (1 - coldShare) + Math.ceil(coldMs) * coldShare;
        return 1e6 * billedMs / 1000 * memoryMb / 1024.0 * CostModel.LAMBDA_ARM_PER_GB_SECOND;
    }

    /**
     * @param warmMs the function's warm request here, or NaN when per-operation costs were not measured
     */
    static void print(PrintStream out, String function, int configuredMb, ColdStarts.Summary oneCore,
                      ColdStarts.Summary twoCores, double warmMs) {
        out.printf(Locale.ROOT, "%nMemory size (%s, MemorySize %d MB in template.yaml): cold start measured on one core"
                        + " (taskset -c 0) %.1f ms median, p90 %.1f (%d runs), and on this machine's two %.1f ms; Lambda gives"
                        + " one vCPU at %,d MB and CPU in proportion below it.%n", function, configuredMb,
                oneCore.medianMs(), oneCore.p90Ms(), oneCore.runs(), twoCores.medianMs(), ONE_VCPU_MB);
        boolean costs = !Double.isNaN(warmMs);
        out.printf("%-8s %6s %18s %s%n", "memory", "vCPU", "cold start (est.)",
                costs ? String.format(Locale.ROOT, "compute $ per million requests (%.1f ms warm, %.0f %% cold)",
                        warmMs, CostModel.COLD_START_SHARE * 100) : "");
        for (int mb : CANDIDATES_MB) {
            double cold = coldStartMs(mb, oneCore.medianMs(), twoCores.medianMs());
            out.printf(Locale.ROOT, "%5d MB %6.2f %15.0f ms", mb, vcpus(mb), cold);
            if (costs) {
                out.printf(Locale.ROOT, " %12.2f", computeDollarsPerMillion(mb, warmMs, cold, CostModel.COLD_START_SHARE));
            }
            out.println(mb == configuredMb ? "   <- template.yaml" : "");
        }
    }
}
