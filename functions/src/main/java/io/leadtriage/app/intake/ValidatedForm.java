package io.leadtriage.app.intake;

import io.leadtriage.domain.Answers;

import java.util.Map;

/**
 * A form body that passed validation.
 *
 * @param email        normalised; null in step 2
 * @param source       pageUrl, referrer, utm_*, timezone
 * @param honeypot     the hidden field was filled: answer as usual, store nothing
 * @param token        the continuation token of a step 2, or null
 * @param requiredUnlessKnown a step 2's required fields the post left out: the lead may have answered them before
 *                     (progressive profiling asks only what is unknown), which only the stored lead can tell
 */
public record ValidatedForm(String email, Answers answers, boolean consent, Map<String, String> source, String submissionId,
                     String token, boolean honeypot, java.util.List<String> requiredUnlessKnown) {
    public ValidatedForm {
        requiredUnlessKnown = java.util.List.copyOf(requiredUnlessKnown);
    }
}
