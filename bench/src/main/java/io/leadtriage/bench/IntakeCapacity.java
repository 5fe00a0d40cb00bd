package io.leadtriage.bench;

import io.leadtriage.ops.Log;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Prints what each step of a lead's life costs on AWS's meters: DynamoDB request units (as DynamoDB
 * reports them, table and indexes), DynamoDB calls, emails handed to SES, and the warm handler time here.
 * The figures behind the cost model ({@link PerformanceReport} prints both).
 * A benchmark, not a test: {@code mvn -q -DskipTests -Pbench -Dbench=IntakeCapacity -pl bench -am package}.
 */
public final class IntakeCapacity {
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
        }
    }
}
