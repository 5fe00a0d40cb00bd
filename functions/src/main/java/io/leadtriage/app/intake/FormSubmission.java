package io.leadtriage.app.intake;

import io.leadtriage.domain.Answers;

import java.util.List;
import java.util.Map;

/**
 * A validated form submission.
 *
 * @param continuingLeadId the lead a step-2 token names; null for step 1 or a single-step form
 * @param email            normalised; null in step 2, where the token identifies the lead
 * @param source           attribution of this submission: pageUrl, referrer, utm_*, timezone
 * @param submissionId     the client's id for this submission, or null
 * @param spamSuspect      the browser challenge could not be verified (the verifier was down)
 * @param requiredUnlessKnown required fields of a step 2 the post left out: refused unless the lead answered them
 *                         before
 */
public record FormSubmission(String formId, String continuingLeadId, String email, Answers answers, boolean consent,
                             Map<String, String> source, String submissionId, boolean spamSuspect,
                             List<String> requiredUnlessKnown) {
    public FormSubmission {
        source = source == null ? Map.of() : Map.copyOf(source);
        requiredUnlessKnown = requiredUnlessKnown == null ? List.of() : List.copyOf(requiredUnlessKnown);
    }

    /** A submission that leaves out nothing required. */
    public FormSubmission(String formId, String continuingLeadId, String email, Answers answers, boolean consent,
                          Map<String, String> source, String submissionId, boolean spamSuspect) {
        this(formId, continuingLeadId, email, answers, consent, source, submissionId, spamSuspect, List.of());
    }

    public boolean step2() {
        return continuingLeadId != null;
    }
}
