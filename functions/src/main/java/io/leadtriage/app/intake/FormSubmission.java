package io.leadtriage.app.intake;

import io.leadtriage.domain.Answers;

import java.util.Map;

/**
 * A validated form submission.
 *
 * @param continuingLeadId the lead a step-2 token names; null for step 1 or a single-step form
 * @param email            normalised; null in step 2, where the token identifies the lead
 * @param source           attribution of this submission: pageUrl, referrer, utm_*, timezone
 * @param submissionId     the client's id for this submission, or null
 * @param spamSuspect      the browser challenge could not be verified (the verifier was down)
 */
public record FormSubmission(String formId, String continuingLeadId, String email, Answers answers, boolean consent,
                             Map<String, String> source, String submissionId, boolean spamSuspect) {
    public FormSubmission {
        source = source == null ? Map.of() : Map.copyOf(source);
    }

    public boolean step2() {
        return continuingLeadId != null;
    }
}
