package io.leadtriage.app;

/**
 * What became of a submission.
 *
 * @param createdLead true when the submission created the lead (201), false for a known lead (200)
 * @param repeat      true when it was the repeat of a submission already stored (nothing changed)
 * @param previous    the verdict before this submission; null for a new lead
 */
public record SubmissionOutcome(String leadId, boolean createdLead, boolean repeat,
                                QualificationSummary qualification, QualificationSummary previous) {
    /** The lead turned hot with this submission: the moment sales must hear about it. */
    public boolean turnedHot() {
        return !repeat && qualification.tier() == io.leadtriage.domain.Tier.HOT
                && qualification.disqualifiedBecause() == null
                && (previous == null || previous.tier() != io.leadtriage.domain.Tier.HOT);
    }
}
