package io.leadtriage.smoke;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The smoke test's output: one line per check ({@code PASS}, {@code FAIL}, or {@code SKIP} when an earlier
 * failure left nothing to check), {@code WARN} and {@code INFO} lines for what a deployer should know, and a
 * summary line. Every line is meant to be read on its own; none carries a stack trace or a credential.
 */
final class Report {
    private final PrintStream out;
    private final int checks;
    private int passed;
    private int failed;
    private int skipped;
    private int warnings;

    Report(PrintStream out, int checks) {
        this.out = out;
        this.checks = checks;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void pass(int step, String name, String reason, Duration took) {
        passed++;
        check("PASS", step, name, reason, took);
    }

    void fail(int step, String name, String reason, Duration took) {
        failed++;
        check("FAIL", step, name, reason, took);
    }

    void skip(int step, String name, String reason) {
        skipped++;
        check("SKIP", step, name, reason, null);
    }

    void warn(String topic, String text) {
        warnings++;
        line(String.format(Locale.ROOT, "WARN  %-3s  %-22s %s", "", topic, text));
    }

    void info(String topic, String text) {
        line(String.format(Locale.ROOT, "INFO  %-3s  %-22s %s", "", topic, text));
    }

    private void check(String status, int step, String name, String reason, Duration took) {
        line(String.format(Locale.ROOT, "%s  %-3s  %-22s %s%s", status, step + "/" + checks, name, reason,
                took == null ? "" : "  (" + took(took) + ")"));
    }

    boolean allPassed() {
        return passed == checks && failed == 0 && skipped == 0;
    }

    /** Prints the summary line; @return the exit code: 0 when every check passed, else 1 */
    int summary(Duration total, String whatPassingMeans) {
        String warned = warnings == 0 ? "" : warnings == 1 ? ", 1 warning" : ", " + warnings + " warnings";
        if (allPassed()) {
            line(String.format(Locale.ROOT, "PASS  all %d checks passed in %s%s: %s", checks, took(total), warned,
                    whatPassingMeans));
            return 0;
        }
        line(String.format(Locale.ROOT, "FAIL  %d of %d checks passed, %d failed%s in %s%s", passed, checks, failed,
                skipped == 0 ? "" : ", " + skipped + " skipped", took(total), warned));
        return 1;
    }

    static String took(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
