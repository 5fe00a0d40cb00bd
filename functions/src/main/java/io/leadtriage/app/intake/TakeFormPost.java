package io.leadtriage.app.intake;

import io.leadtriage.app.ConsentRecord;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.app.ports.UnverifiedSubmission;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.NextQuestions;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A landing page's form post, from its fields to the stored, scored lead and the page to show next: abuse limits,
 * the form's validation, the honeypot, the human check (step 1), the continuation token (step 2), one lead per
 * email with answers merged, the form's signal, consent and first-touch attribution; then {@link LeadUpdates}
 * requalifies and stores it with what it calls for (and sends a hot lead's alert at once). Bad input is a
 * {@link Refusal} and nothing is stored for it.
 */
public final class TakeFormPost {
    /** The field Cloudflare Turnstile's widget adds to the form it sits in. */
    public static final String HUMAN_CHECK_FIELD = "cf-turnstile-response";

    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final AbuseGuard abuse;
    private final HumanCheck humanCheck;
    private final TokenService tokens;

    public TakeFormPost(ModelInEffect models, LeadUpdates updates, AbuseGuard abuse, HumanCheck humanCheck,
                        TokenService tokens) {
        this.models = models;
        this.updates = updates;
        this.abuse = abuse;
        this.humanCheck = humanCheck;
        this.tokens = tokens;
    }

    /**
     * A post as the browser sent it.
     *
     * @param fields     the body's fields, parsed (JSON, urlencoded or multipart)
     * @param sourceIp   the client's address, for the per-client limit and the human check; null when unknown
     * @param apiBaseUrl where this API answered, for the links in the lead's emails
     */
    public record FormPost(String formId, Map<String, String> fields, String sourceIp, String apiBaseUrl) {
    }

    /**
     * What the page does next: {@code step2}, {@code book_meeting} (a hot lead, where the form offers booking) or
     * {@code thank_you}, at {@code url} as the model names it (relative to the posting site, or absolute).
     *
     * @param leadId  the lead's id; for a post about a known address without that lead's token, the id of the
     *                unverified submission it was stored as, which stands for the lead in the token
     * @param created the lead is new with this post (or with the one it repeats)
     */
    public record Taken(String leadId, String token, boolean created, String action, String url) {
        public boolean toStep2() {
            return "step2".equals(action);
        }
    }

    /**
     * @throws Refusal             an unknown form, invalid fields, a failed human check, a bad step-2 token, a limit
     * @throws io.leadtriage.app.ContentionException when the lead stayed contended through every retry
     */
    public Taken take(FormPost post) {
        QualificationModel model = models.refreshIfDue().model();
        FormDefinition form = post.formId() == null ? null : model.forms().get(post.formId());
        if (form == null) {
            throw new Refusal(Refusal.UNKNOWN_FORM, "There is no form with this id.", Map.of());
        }
        abuse.countClient(post.sourceIp(), "form");
        boolean step2 = form.twoStep() && post.fields().containsKey(FormFields.TOKEN);
        String continuing = null;
        String proven = null;
        if (!step2 && post.fields().get(FormFields.TOKEN) != null) {
            // A single-step form posted with the lead's own token (a returning visitor's page kept it): its answers
            // may change that lead. Any other token proves nothing, and is no reason to refuse the post.
            proven = tokens.verify(TokenPurpose.FORM, post.fields().get(FormFields.TOKEN).strip()).orElse(null);
        }
        if (step2) {
            // The session first: a visitor whose step-2 session is gone learns it before fixing any field.
            String token = post.fields().get(FormFields.TOKEN);
            continuing = tokens.verify(TokenPurpose.FORM, token == null ? null : token.strip())
                    .orElseThrow(Refusal::invalidToken);
        }
        ValidatedForm fields = FormFields.validate(post.fields(), form, step2, model.questions());
        if (fields.honeypot()) {
            // A bot filled the hidden field: it is answered as if accepted, so it learns nothing, and nothing is stored.
            Metrics.count(Metric.HONEYPOT_HITS);
            Log.info("honeypot filled; nothing stored", Map.of("formId", post.formId()));
            return next(form, UUID.randomUUID().toString(), true, step2, false);
        }
        if (fields.email() != null) {
            abuse.countEmail(fields.email());
        }
        boolean spamSuspect = false;
        if (!step2) {
            HumanCheck.Verdict verdict = humanCheck.verify(post.fields().get(HUMAN_CHECK_FIELD), post.sourceIp());
            if (verdict == HumanCheck.Verdict.FAILED) {
                throw Refusal.invalidFields(Map.of(HUMAN_CHECK_FIELD, "please complete the challenge"));
            }
            spamSuspect = verdict == HumanCheck.Verdict.UNAVAILABLE;
        }
        FormSubmission submission = new FormSubmission(post.formId(), continuing, fields.email(), fields.answers(),
                fields.consent(), fields.source(), fields.submissionId(), spamSuspect, fields.requiredUnlessKnown());
        Submitted submitted = submitFromThePage(submission, form, post.apiBaseUrl(), proven);
        LeadUpdates.Applied applied = submitted.applied();
        Log.info("form submitted", logFields(post.formId(), applied, submitted.unverified() != null));
        if (submitted.unverified() != null) {
            // The visitor gets the unverified submission's id and a token for it, shaped as a new lead's would be:
            // the answer does not tell whether the address was already a lead.
            return next(form, submitted.unverified(), false, step2,
                    alertsSalesOnItsOwn(submission, applied.after().lead().email(), form, applied.after().updatedAt()));
        }
        // The next page follows from what this post says, not from what a known lead already had: offering a meeting
        // for a history the post does not show would tell anyone that the address is a lead. Step 2 carries the
        // lead's own token, so there the lead as it stands decides.
        boolean hot = step2 ? applied.after().qualification().alertsSales()
                : alertsSalesOnItsOwn(submission, submission.email(), form, applied.after().updatedAt());
        return next(form, applied.after().id(), applied.created(), step2, hot);
    }

    /** A stored post, and the id of its unverified submission when it carried no proof for the lead it is about. */
    private record Submitted(LeadUpdates.Applied applied, String unverified) {
    }

    /**
     * A post from the page: a step 1 (or single-step form) for a known address without that lead's own token, or a
     * step 2 continuing such a post, is stored as an unverified submission of that lead; anything else as usual.
     */
    private Submitted submitFromThePage(FormSubmission submission, FormDefinition form, String apiBaseUrl, String proven) {
        if (submission.step2()) {
            try {
                return new Submitted(submit(submission, form, apiBaseUrl), null);
            } catch (UnknownLeadException e) {
                String unverifiedId = submission.continuingLeadId();
                String leadId = updates.leadIdOfUnverifiedSubmission(unverifiedId).orElseThrow(() -> e);
                return new Submitted(updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey(submission),
                        (current, now) -> Optional.of(unverifiedDraft(submission, form,
                                current.orElseThrow(() -> new UnknownLeadException(leadId)), now, unverifiedId))),
                        unverifiedId);
            }
        }
        String onceKey = onceKey(submission);
        String unverifiedId = tokens.opaqueId("unverified submission", onceKey);
        LeadUpdates.Applied applied = updates.apply(LeadUpdates.Lookup.byEmail(submission.email()), onceKey,
                (current, now) -> Optional.of(current.isEmpty() || current.get().id().equals(proven)
                        ? draft(submission, form, current, now, apiBaseUrl)
                        : unverifiedDraft(submission, form, current.get(), now, unverifiedId)));
        boolean verified = applied.created() || applied.after().id().equals(proven);
        return new Submitted(applied, verified ? null : unverifiedId);
    }

    /** Whether this submission would make a lead hot if it were the first from its address. */
    private boolean alertsSalesOnItsOwn(FormSubmission submission, String email, FormDefinition form, Instant at) {
        List<Signal> signals = form.signal() == null ? List.of()
                : List.of(Signal.fromForm(form.signal(), submission.formId(), at));
        Lead postAlone = new Lead("this-post", email, submission.answers(), signals);
        return models.current().qualifier().qualifyAt(postAlone, at).alertsSales();
    }

    /**
     * A submission already validated (and, for step 2, its token already verified), stored as a change to its lead:
     * found by email, or by the step-2 token's id.
     *
     * @throws IllegalArgumentException for a form the model in effect does not define
     */
    public LeadUpdates.Applied submit(FormSubmission submission, String apiBaseUrl) {
        FormDefinition form = models.refreshIfDue().model().forms().get(submission.formId());
        if (form == null) {
            throw new IllegalArgumentException("unknown form " + submission.formId());
        }
        return submit(submission, form, apiBaseUrl);
    }

    private LeadUpdates.Applied submit(FormSubmission submission, FormDefinition form, String apiBaseUrl) {
        String onceKey = onceKey(submission);
        LeadUpdates.Lookup lookup = submission.step2() ? LeadUpdates.Lookup.byId(submission.continuingLeadId())
                : LeadUpdates.Lookup.byEmail(submission.email());
        return updates.apply(lookup, onceKey, (current, now) -> {
            if (submission.step2() && current.isEmpty()) {
                throw new UnknownLeadException(submission.continuingLeadId());
            }
            return Optional.of(draft(submission, form, current, now, apiBaseUrl));
        });
    }

    private static String onceKey(FormSubmission submission) {
        return submission.submissionId() == null ? contentKey(submission)
                : "form#" + submission.formId() + "#" + submission.submissionId();
    }

    private Taken next(FormDefinition form, String leadId, boolean created, boolean step2, boolean hot) {
        String token = tokens.issue(TokenPurpose.FORM, leadId);
        if (form.twoStep() && !step2) {
            return new Taken(leadId, token, created, "step2", form.step2Url());
        }
        if (hot && form.bookingUrl() != null) {
            return new Taken(leadId, token, created, "book_meeting", form.bookingUrl());
        }
        return new Taken(leadId, token, created, "thank_you", form.thankYouUrl());
    }

    private LeadUpdates.Draft draft(FormSubmission s, FormDefinition form, Optional<LeadRecord> existing,
                                    Instant now, String apiBaseUrl) {
        requireUnlessKnown(s, existing.map(LeadRecord::lead).map(Lead::answers).orElse(Answers.none()));
        Lead lead = existing.map(LeadRecord::lead)
                .map(l -> l.withAnswers(s.answers()))
                .orElseGet(() -> new Lead(UUID.randomUUID().toString(), s.email(), s.answers(), List.of()));
        if (form.signal() != null) {
            lead = lead.withSignal(Signal.fromForm(form.signal(), s.formId(), now));
        }
        ConsentRecord consent = existing.map(LeadRecord::consent).orElse(null);
        if (s.consent()) {
            // The newest wording agreed to is the proof now; a double opt-in confirmation is of the address, and stays.
            consent = new ConsentRecord(now, s.formId(), s.source().get("pageUrl"), form.consent().version(),
                    consent == null ? null : consent.confirmationAskedAt(), consent == null ? null : consent.confirmedAt());
        }
        Map<String, String> source = existing.map(LeadRecord::source).filter(m -> !m.isEmpty())
                .orElseGet(() -> firstTouch(s));
        Instant awaitingStep2 = existing.map(LeadRecord::awaitingStep2Since).orElse(null);
        if (form.twoStep()) {
            awaitingStep2 = s.step2() ? null : (awaitingStep2 == null ? now : awaitingStep2);
        }
        Lead changedLead = lead;
        LeadRecord known = existing.orElseGet(() -> LeadRecord.fresh(changedLead, now, firstTouch(s), apiBaseUrl));
        LeadRecord draft = known.changed().lead(changedLead).updatedAt(now).consent(consent).source(source)
                .awaitingStep2Since(awaitingStep2)
                .apiBaseUrl(known.apiBaseUrl() == null ? apiBaseUrl : known.apiBaseUrl())
                .sales(s.spamSuspect() ? known.sales().asSpamSuspect() : known.sales()).build();

        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED,
                s.formId() + (form.twoStep() ? (s.step2() ? " step 2" : " step 1") : "")));
        if (form.signal() != null) {
            entries.add(new TimelineEntry(now, TimelineEntry.SIGNAL, form.signal().wireName() + " (form " + s.formId() + ")"));
        }
        if (s.consent()) {
            entries.add(consentEntry(s, form, now, ""));
        }
        return new LeadUpdates.Draft(draft, entries, LeadUpdates.Cause.form(s.formId()));
    }

    /**
     * A post about a known lead that proves nothing about who sent it: its answers go to the timeline for sales to
     * read, not onto the lead; the form's signal counts (behaviour rules count a form once); a consent given here is
     * entered in the ledger, but the lead's proof of consent is replaced only where there was none.
     */
    private LeadUpdates.Draft unverifiedDraft(FormSubmission s, FormDefinition form, LeadRecord existing,
                                              Instant now, String unverifiedId) {
        // What the lead told us is not this visitor's to lean on: everything required comes with the post
        requireUnlessKnown(s, Answers.none());
        Lead lead = existing.lead();
        if (form.signal() != null) {
            lead = lead.withSignal(Signal.fromForm(form.signal(), s.formId(), now));
        }
        ConsentRecord consent = existing.consent();
        if (consent == null && s.consent()) {
            consent = new ConsentRecord(now, s.formId(), s.source().get("pageUrl"), form.consent().version());
        }
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED, s.formId()
                + (form.twoStep() ? (s.step2() ? " step 2" : " step 1") : "") + ", unverified"));
        if (!s.answers().asMap().isEmpty()) {
            StringBuilder answers = new StringBuilder("not applied (sent without this lead's token): ");
            new TreeMap<>(s.answers().asMap()).forEach((k, v) -> answers.append(k).append('=').append(v).append("; "));
            entries.add(new TimelineEntry(now, TimelineEntry.UNVERIFIED_ANSWERS,
                    answers.substring(0, answers.length() - 2)));
        }
        if (form.signal() != null) {
            entries.add(new TimelineEntry(now, TimelineEntry.SIGNAL, form.signal().wireName() + " (form " + s.formId() + ")"));
        }
        if (s.consent()) {
            entries.add(consentEntry(s, form, now, existing.consent() == null ? ", unverified"
                    : ", unverified; the consent of " + existing.consent().at() + " stands"));
        }
        LeadRecord draft = existing.changed().lead(lead).updatedAt(now).consent(consent).build();
        return new LeadUpdates.Draft(draft, entries, LeadUpdates.Cause.form(s.formId()), new UnverifiedSubmission(
                unverifiedId, existing.id(), now.plus(TokenPurpose.FORM.validity())));
    }

    /**
     * A step 2 may leave out a required field the lead answered before (its page asked only what is unknown); one
     * it never answered is refused, as a missing field of the post is, and nothing is stored.
     */
    private void requireUnlessKnown(FormSubmission s, Answers known) {
        String role = known.asMap().isEmpty() ? "" : models.current().qualifier().roleOf(known);
        Map<String, String> problems = new LinkedHashMap<>();
        for (String field : s.requiredUnlessKnown()) {
            if (!NextQuestions.known(field, known, role)) {
                problems.put(field, "is required");
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields(problems);
        }
    }

    /** The consent ledger's line: appended to the timeline with every consent given, never replaced. */
    private static TimelineEntry consentEntry(FormSubmission s, FormDefinition form, Instant now, String note) {
        String page = s.source().get("pageUrl");
        return new TimelineEntry(now, TimelineEntry.CONSENT_GIVEN, "consent text " + form.consent().version()
                + " on form " + s.formId() + (page == null ? "" : " at " + page) + note);
    }

    /** The same form with the same answers from the same person, for a submission that has no id. */
    static String contentKey(FormSubmission s) {
        StringBuilder content = new StringBuilder(s.formId()).append('\n')
                .append(s.step2() ? "lead:" + s.continuingLeadId() : "email:" + s.email()).append('\n')
                .append(s.consent()).append('\n');
        new TreeMap<>(s.answers().asMap()).forEach((k, v) -> content.append(k).append('=').append(v).append('\n'));
        return LeadUpdates.CONTENT_HASH_PREFIX + Secrets.sha256Hex(content.toString());
    }

    private static Map<String, String> firstTouch(FormSubmission s) {
        Map<String, String> source = new TreeMap<>(s.source());
        source.put("formId", s.formId());
        return source;
    }

    private static Map<String, Object> logFields(String formId, LeadUpdates.Applied outcome, boolean unverified) {
        QualificationSummary q = outcome.after().qualification();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("formId", formId);
        fields.put("leadId", outcome.after().id());
        fields.put("created", outcome.created());
        fields.put("repeat", outcome.repeat());
        fields.put("unverified", unverified);
        fields.put("score", q.score());
        fields.put("tier", q.tier().wireName());
        fields.put("stage", q.stage().wireName());
        fields.put("turnedHot", outcome.turnedHot());
        return fields;
    }
}
