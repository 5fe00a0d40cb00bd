package io.leadtriage.app.reports;

import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;

/**
 * A calibration counter's key: the leads first seen in one month whose outcome was recorded with exactly these rules
 * fired. Calibration's regression needs each closed lead's rule set, not only per-rule sums; leads sharing a set are
 * interchangeable, so a count of won and lost per set (a few hundred sets, whatever the history) is all it reads.
 */
public record RuleSet(YearMonth month, List<String> rules) {
    public RuleSet {
        rules = List.copyOf(new TreeSet<>(rules));
    }
}
