package io.leadtriage.domain;

import java.util.List;

/** A score and its breakdown; the total is the sum of the lines, so the breakdown always adds up. */
public record Score(int total, List<ScoreLine> lines) {
    public Score {
        lines = List.copyOf(lines);
    }

    public static Score of(List<ScoreLine> lines) {
        return new Score(lines.stream().mapToInt(ScoreLine::points).sum(), lines);
    }
}
