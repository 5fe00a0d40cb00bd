package io.leadtriage.bench;

import io.leadtriage.ops.Log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints what each step of a lead's life costs on AWS's meters: DynamoDB request units (as DynamoDB
 * reports them, table and indexes), DynamoDB calls, emails handed to SES, and the warm handler time here.
 * The figures behind the cost model, printed after them ({@link PerformanceReport} prints both with measured cold starts).
 * A benchmark, not a test: {@code mvn -q -DskipTests -Pbench -Dbench=IntakeCapacity -pl bench -am package}.
 */
public final class IntakeCapacity {
    static final double ASSUMED_COLD_START_MS = 2500;

    private IntakeCapacity() {
    }

    public static void main(String[] args) {
        // The handlers log a JSON line per request; here they would bury the table.
        Log.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        try (BenchStack stack = BenchStack.start()) {
            UnitCosts.Result costs = UnitCosts.measure(stack);
            System.out.printf("Per operation, real handlers against DynamoDB Local and the SES emulator (loopback);"
                    + " units are means of %d runs after %d warm-up runs, warm time the median:%n",
                    UnitCosts.MEASURED_ROUNDS, UnitCosts.WARM_UP_ROUNDS);
            UnitCosts.print(costs, System.out);
            // The cold starts are PerformanceReport's to measure; here each function is given one assumed figure.
            Map<String, Integer> memory = new LinkedHashMap<>();
            Map<String, Double> coldMs = new LinkedHashMap<>();
            stack.template.functions().forEach((name, f) -> {
                memory.put(name, f.memorySizeMb());
                coldMs.put(name, ASSUMED_COLD_START_MS);
            });
            System.out.printf("%nCost model (every cold start assumed %.0f ms: FormFunction's init and first invocation"
                    + " without a snapshot, through the runtime client, 2026-12-01)%n", ASSUMED_COLD_START_MS);
            new CostModel(costs, memory, coldMs, BenchStack.SECRET_KEYS.size(), stack.secretsReadAtInit()).print(System.out);
        }
    }
}
