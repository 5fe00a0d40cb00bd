package io.leadtriage.modelcheck;

import io.leadtriage.domain.Qualification;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.QualificationModel;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The sample leads scored by two versions of a model, side by side, with what the edit changed for each. */
final class ScoreComparison {
    /** What a model makes of one lead: the score, and the tier and stage, or that it is disqualified. */
    record Verdict(int score, String tier, String stage, boolean disqualified) {
        static Verdict of(Qualification q) {
            return new Verdict(q.score().total(), q.tier().wireName(), q.stage().wireName(), q.disqualified());
        }

        /** {@code 65 hot sql}, or {@code 75 disqualified} */
        @Override
        public String toString() {
            return score + " " + (disqualified ? "disqualified" : tier + " " + stage);
        }
    }

    /** @param before null when there is nothing to compare with */
    record Row(String lead, Verdict before, Verdict after) {
        boolean changed() {
            return before != null && !before.equals(after);
        }

        /** {@code score 35 → 40, warm → hot, mql → sql}; empty when nothing changed. */
        String changes() {
            if (!changed()) {
                return "";
            }
            List<String> what = new ArrayList<>();
            if (before.score() != after.score()) {
                what.add("score " + before.score() + " → " + after.score());
            }
            if (before.disqualified() != after.disqualified()) {
                what.add(after.disqualified() ? "now disqualified" : "no longer disqualified");
            } else if (!after.disqualified()) {
                if (!before.tier().equals(after.tier())) {
                    what.add(before.tier() + " → " + after.tier());
                }
                if (!before.stage().equals(after.stage())) {
                    what.add(before.stage() + " → " + after.stage());
                }
            }
            return String.join(", ", what);
        }
    }

    private ScoreComparison() {
    }

    /** @param before the model as it was, or null to score with {@code after} alone */
    static List<Row> of(QualificationModel before, QualificationModel after) {
        Qualifier was = before == null ? null : qualifier(before);
        Qualifier is = qualifier(after);
        List<Row> rows = new ArrayList<>();
        for (SampleLeads.SampleLead sample : SampleLeads.of(after)) {
            rows.add(new Row(sample.description(), was == null ? null : Verdict.of(was.qualify(sample.lead())),
                    Verdict.of(is.qualify(sample.lead()))));
        }
        return rows;
    }

    private static Qualifier qualifier(QualificationModel model) {
        return new Qualifier(model, Clock.fixed(SampleLeads.AT, ZoneOffset.UTC));
    }
}
