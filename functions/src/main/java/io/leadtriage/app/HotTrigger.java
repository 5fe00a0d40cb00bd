package io.leadtriage.app;

import io.leadtriage.domain.ScoreLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What turned a lead hot, kept for the rep who calls: the change that started the hot episode (a form, a
 * survey answer, a signal), when it came, the answers it brought and the score lines it added. A lead that
 * answers a survey six days after its first form is hot because of that answer, and the alert says so.
 *
 * @param cause    {@code form:<formId>}, {@code survey:<surveyId>} or {@code signal:<type>}; null for a change
 *                 that is none of these (a requalification)
 * @param detail   the signal's detail (a page path), or empty
 * @param answered the answer fields the change set or changed, in the order the lead's answers list them
 * @param gained   the score lines the change added or raised, as they stand after it
 * @param newLead  the lead came in hot with this change (its first)
 */
public record HotTrigger(Instant at, String cause, String detail, List<String> answered, List<ScoreLine> gained,
                         boolean newLead) {
    public static final String FORM = "form:";
    public static final String SURVEY = "survey:";
    public static final String SIGNAL = "signal:";

    public HotTrigger {
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
        answered = answered == null ? List.of() : List.copyOf(answered);
        gained = gained == null ? List.of() : List.copyOf(gained);
    }

    /**
     * @param before the lead as stored before the change (null for a new lead)
     * @param after  the lead after it, requalified as {@code now}
     */
    static HotTrigger of(Instant at, LeadUpdates.Cause cause, LeadRecord before, LeadRecord after, QualificationSummary now) {
        Map<String, String> was = before == null ? Map.of() : before.lead().answers().asMap();
        List<String> answered = new ArrayList<>();
        after.lead().answers().asMap().forEach((field, value) -> {
            if (!value.equals(was.get(field))) {
                answered.add(field);
            }
        });
        List<ScoreLine> previous = before == null || before.qualification() == null ? List.of()
                : before.qualification().breakdown();
        List<ScoreLine> gained = new ArrayList<>();
        for (ScoreLine line : now.breakdown()) {
            int had = previous.stream().filter(p -> p.ruleId().equals(line.ruleId())).mapToInt(ScoreLine::points).sum();
            if (line.points() > 0 && line.points() > had) {
                gained.add(line);
            }
        }
        return new HotTrigger(at, cause == null ? null : cause.what(), cause == null ? "" : cause.detail(), answered, gained,
                before == null);
    }

    /** The id after the cause's kind: the form, the survey or the signal type; empty for none. */
    public String causeId() {
        return cause == null ? "" : cause.substring(cause.indexOf(':') + 1);
    }

    public boolean is(String kind) {
        return cause != null && cause.startsWith(kind);
    }
}
