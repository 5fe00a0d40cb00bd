package io.leadtriage.app.admin;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.email.NurtureComposer;
import io.leadtriage.app.email.NurtureLinks;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.ModelText;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.model.AlertRoute;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nurture template edited from the console: rendered for a sample lead (or a stored one) by the composer the real
 * emails use, sent as a test to one of the company's own addresses, and saved as the next model version. Each works on
 * the model in effect with the template replaced in its text, loaded and checked whole as a PUT would be: what the
 * preview shows is what the saved version sends, and a template the model would refuse is refused with its problems at
 * its fields.
 */
public final class EditNurture {
    /** The leads a preview can be rendered for without reading a stored one. */
    public static final Map<String, Map<String, String>> SAMPLES = samples();
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    private static final String PREVIEW_SITE = "https://example.com/preview/";
    /** The links of a preview and a test send: examples, never a lead's working unsubscribe or survey link. */
    static final NurtureLinks PREVIEW_LINKS = new NurtureLinks(PREVIEW_SITE + "unsubscribe", PREVIEW_SITE + "unsubscribe",
            PREVIEW_SITE + "survey", PREVIEW_SITE + "finish", PREVIEW_SITE + "book");

    /**
     * Test sends a stack takes in an hour, whoever asks (the function behind IAM does not know who): room for an
     * afternoon of editing, and a ceiling on what a leaked console session or a looping script can send from the
     * company's domain.
     */
    public static final int TEST_SENDS_PER_HOUR = 30;
    static final String TEST_SENDS_LIMIT = "admin:test-send";

    private final ChangeModel changeModel;
    private final LeadUnitOfWork leads;
    private final EmailSender sender;
    private final RateLimiter limiter;
    private final Function<QualificationModel, NurtureComposer> composer;
    private final List<String> deploymentRecipients;
    private final Clock clock;

    /**
     * @param composer             how the emails of a model are composed (the dispatcher's)
     * @param deploymentRecipients the deployment's sales alert list (AlertRecipients): addresses a test may go to
     */
    public EditNurture(ChangeModel changeModel, LeadUnitOfWork leads, EmailSender sender, RateLimiter limiter,
                       Function<QualificationModel, NurtureComposer> composer, List<String> deploymentRecipients, Clock clock) {
        this.changeModel = changeModel;
        this.leads = leads;
        this.sender = sender;
        this.limiter = limiter;
        this.composer = composer;
        this.deploymentRecipients = List.copyOf(deploymentRecipients);
        this.clock = clock;
    }

    /** A template as edited: its name in the model's {@code templates}, and its new subject, html and text. */
    public record Edit(String template, EmailTemplate edited) {
    }

    /** Whom a preview is for: a stored lead's id, else one of {@link #SAMPLES} (the first when null). */
    public record For(String leadId, String sample) {
    }

    /** A model the edit does not load into: the problems of the template by its part, and every problem. */
    public static final class InvalidTemplate extends RuntimeException {
        private final Map<String, String> fields;
        private final List<String> problems;

        InvalidTemplate(Map<String, String> fields, List<String> problems) {
            super("The template is not valid; nothing was changed.", null, false, false);
            this.fields = Map.copyOf(fields);
            this.problems = List.copyOf(problems);
        }

        /** {@code subject}, {@code html}, {@code text}: what is wrong with each. */
        public Map<String, String> fields() {
            return fields;
        }

        public List<String> problems() {
            return problems;
        }
    }

    private record Candidate(String yaml, QualificationModel model) {
    }

    /** The email the edited template makes for the lead, as the dispatcher would compose it (with example links). */
    public OutgoingEmail preview(Edit edit, For lead) {
        return compose(candidate(edit).model(), edit.template(), lead);
    }

    /**
     * Sends the preview to {@code to}, its subject marked as a test, with no lead's tags (what SES reports of it concerns
     * no lead), at most {@link #TEST_SENDS_PER_HOUR} an hour.
     *
     * @throws Refusal {@code recipient_not_allowed} for an address that is none of {@link #allowedRecipients};
     *                 {@code rate_limited}, with when to try again, past the hour's test sends
     */
    public OutgoingEmail testSend(Edit edit, For lead, String to) {
        String address = to == null ? "" : to.strip().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw Refusal.invalidFields(Map.of("to", "must be an email address"));
        }
        Candidate candidate = candidate(edit);
        if (!allowedRecipients(candidate.model()).contains(address)) {
            throw new Refusal(Refusal.RECIPIENT_NOT_ALLOWED, "Tests go only to the company's own addresses: the deployment's"
                    + " AlertRecipients and the addresses the model's alerts name.", Map.of("to", "is not one of them"));
        }
        OutgoingEmail preview = compose(candidate.model(), edit.template(), lead);
        Optional<Duration> wait = limiter.acquire(TEST_SENDS_LIMIT, TEST_SENDS_PER_HOUR, Duration.ofHours(1), clock.instant());
        if (wait.isPresent()) {
            Metrics.count(Metric.RATE_LIMITED, "Limit", TEST_SENDS_LIMIT);
            throw Refusal.rateLimited(wait.get(), "This stack's " + TEST_SENDS_PER_HOUR + " test emails of the hour are used up;"
                    + " try again in " + Math.max(1, wait.get().toMinutes()) + " minute(s).");
        }
        OutgoingEmail test = new OutgoingEmail(preview.kind(), preview.from(), List.of(address), null,
                "[Test] " + preview.subject(), preview.html(), preview.text(), preview.headers());
        try {
            sender.send(test);
        } catch (EmailSendException e) {
            throw Refusal.busy("The mail service did not take the test email: " + e.getMessage());
        }
        Log.info("test email sent", Map.of("template", edit.template()));
        return test;
    }

    /**
     * Stores the model in effect with the edited template as the next version.
     *
     * @param ifMatch the version the edit started from, or null
     * @throws InvalidTemplate    the model would not load with it
     * @throws Refusal {@code version_conflict}, {@code unknown_template}
     */
    public ChangeModel.Put save(Edit edit, String ifMatch) {
        String yaml = candidate(edit).yaml();
        try {
            return changeModel.put(yaml, ifMatch);
        } catch (ChangeModel.InvalidModel e) {
            throw invalid(edit.template(), e.problems());
        }
    }

    /** The company's own addresses: the deployment's alert list and every address the model's alerts name. */
    Set<String> allowedRecipients(QualificationModel model) {
        Set<String> allowed = new HashSet<>();
        List<String> named = new ArrayList<>(deploymentRecipients);
        if (model.alerts() != null) {
            named.addAll(model.alerts().defaultTo());
            named.addAll(model.alerts().escalateTo());
            for (AlertRoute route : model.alerts().routes()) {
                named.addAll(route.to());
            }
        }
        named.forEach(a -> allowed.add(a.strip().toLowerCase(Locale.ROOT)));
        return allowed;
    }

    private Candidate candidate(Edit edit) {
        String template = edit.template();
        if (template == null || edit.edited() == null) {
            throw new Refusal(Refusal.UNKNOWN_TEMPLATE, "Name a template of the model.", Map.of());
        }
        String yaml = ModelText.withTemplate(changeModel.inEffect().yaml(), template, edit.edited())
                .orElseThrow(() -> new Refusal(Refusal.UNKNOWN_TEMPLATE, "The model in effect has no template '" + template
                        + "' written out as subject, html and text; edit the model's YAML instead.", Map.of()));
        try {
            return new Candidate(yaml, ModelLoader.load(yaml, "the model with the edited template"));
        } catch (ModelException e) {
            throw invalid(template, e.problems());
        }
    }

    /** The problems of the edit, each of this template's at its part ({@code templates.{name}.html: …}). */
    private static InvalidTemplate invalid(String template, List<String> problems) {
        Pattern at = Pattern.compile("templates\\." + Pattern.quote(template) + "\\.(subject|html|text): (.*)");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String problem : problems) {
            Matcher m = at.matcher(problem);
            if (m.find()) {
                fields.merge(m.group(1), m.group(2), (a, b) -> a + "; " + b);
            }
        }
        return new InvalidTemplate(fields, problems);
    }

    private OutgoingEmail compose(QualificationModel model, String template, For lead) {
        return composer.apply(model).compose(leadFor(lead), template, PREVIEW_LINKS);
    }

    private LeadRecord leadFor(For lead) {
        if (lead != null && lead.leadId() != null && !lead.leadId().isBlank()) {
            return leads.findById(lead.leadId()).orElseThrow(() -> Refusal.notFound("No lead with this id."));
        }
        String sample = lead == null || lead.sample() == null || lead.sample().isBlank() ? SAMPLES.keySet().iterator().next()
                : lead.sample();
        Map<String, String> answers = SAMPLES.get(sample);
        if (answers == null) {
            throw Refusal.invalidFields(Map.of("sample", "must be one of " + String.join(", ", SAMPLES.keySet())));
        }
        return LeadRecord.fresh(new Lead("sample-" + sample, answers.get("email"), Answers.of(answers), List.of()),
                clock.instant(), Map.of(), PREVIEW_SITE);
    }

    private static Map<String, Map<String, String>> samples() {
        Map<String, Map<String, String>> samples = new LinkedHashMap<>();
        samples.put("jane", Map.of("email", "jane.roe@example.com", "name", "Jane Roe", "company", "Acme Analytics",
                "jobTitle", "Head of Marketing"));
        samples.put("sam", Map.of("email", "sam@example.com", "firstName", "Sam", "lastName", "Lee"));
        samples.put("no-name", Map.of("email", "someone@example.com"));
        return java.util.Collections.unmodifiableMap(samples);
    }
}
