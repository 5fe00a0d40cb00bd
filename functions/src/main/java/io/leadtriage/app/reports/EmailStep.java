package io.leadtriage.app.reports;

import java.time.YearMonth;

/** An email figure's key: the nurture emails of one sequence step sent in one month (UTC). */
public record EmailStep(YearMonth month, String sequenceId, int step) {
}
