package io.leadtriage.testing;

import io.leadtriage.TestModels;
import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.intake.AnswerSurvey;
import io.leadtriage.app.intake.FormSubmission;
import io.leadtriage.app.intake.RecordSignal;
import io.leadtriage.app.intake.TakeFormPost;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.RecordSesEvent;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.Unsubscribe;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.domain.Answers;
import io.leadtriage.testing.memory.InMemoryStorage;
import io.leadtriage.app.intake.AbuseGuard;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Outlets;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The core flow of leadtriage assembled for the fast tests, the one place that knows how: the use cases on the
 * in-memory storage ports, the frozen test model, a clock that moves only when told, and a recording mail
 * service. What a test runs (a form, a survey answer, a signal, an SES event, a dispatcher's pass, the tier review)
 * comes from here, so when the composition root changes only this class follows.
 */
public final class CoreFlow {
    public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    /** Where sales alerts go when the model's routing names nobody (the deployment's AlertRecipients). */
    public static final String SALES = "sales@leadtriage.example";
    private static final Path MODEL_FILE = frozenModelFile();
    /** Where the API answered: the base of the links in the leads' emails. */
    public static final String API = "https://api.leadtriage.example";
    /** The key product backends send their signals with ({@code Authorization: Bearer …}). */
    public static final String INGEST_KEY = "core-flow-ingest-key-0123456789abcdefghijklmnop";
    /** The key CRM workflows sign their outcomes with ({@code X-Leadtriage-Signature}). */
    public static final String CRM_KEY = "core-flow-crm-outcome-key-0123456789abcdefghijk";

    /**
     * What a test may change of the assembly; everything else is the same for every test.
     *
     * @param limits       the abuse limits of the public routes ({@link AbuseLimits#NONE} unless a test is about them)
     * @param shippedModel the services start with the model shipped with the code instead of the frozen test model
     *                     file: only for what tells the two apart, since the tests' points are the frozen model's
     */
    public record Options(AbuseLimits limits, boolean shippedModel) {
        public static final Options DEFAULTS = new Options(AbuseLimits.NONE, false);

        public Options withLimits(AbuseLimits newLimits) {
            return new Options(newLimits, shippedModel);
        }

        public Options withShippedModel() {
            return new Options(limits, true);
        }
    }

    private final MovableClock clock;
    private final Storage storage;
    private final RecordingEmailSender mail;
    private final RecordingEventBus events;
    private final RecordingChatSender chat;
    private final RecordingWebhookSender webhooks;
    private final Options options;
    private final Services services;

    private CoreFlow(MovableClock clock, Storage storage, RecordingEmailSender mail, RecordingEventBus events,
                     RecordingChatSender chat, RecordingWebhookSender webhooks, Options options) {
        this.clock = clock;
        this.chat = chat;
        this.webhooks = webhooks;
        this.storage = storage;
        this.mail = mail;
        this.events = events;
        this.options = options;
        AppConfig config = new AppConfig("leads", List.of("http://localhost:3000"),
                SigningKeys.of("core-flow-signing-key-0123456789abcdef0123456789"), "us-east-1",
                options.shippedModel() ? null : MODEL_FILE.toString(), EmailSettings.local(API), List.of(INGEST_KEY), null,
                options.limits(), HumanCheckSettings.NONE, null,
                new RequestSignature(List.of(CRM_KEY), RequestSignature.DEFAULT_WINDOW));
        this.services = new Services(config, clock, storage, mail, new Outlets(events, chat, webhooks));
    }

    /** An empty store at {@link #START}. */
    public static CoreFlow start() {
        return start(Options.DEFAULTS);
    }

    /** An empty store at {@link #START}, the services assembled with {@code options}. */
    public static CoreFlow start(Options options) {
        return new CoreFlow(new MovableClock(START), InMemoryStorage.create(), new RecordingEmailSender(), new RecordingEventBus(),
                new RecordingChatSender(), new RecordingWebhookSender(), options);
    }

    /** Another container (its own use cases and dispatcher) on the same store, clock and mail service. */
    public CoreFlow anotherContainer() {
        return new CoreFlow(clock, storage, mail, events, chat, webhooks, options);
    }

    /** The frozen test model's file, as the services were given it (unless they started with the shipped model). */
    public static Path modelFile() {
        return MODEL_FILE;
    }

    public MovableClock clock() {
        return clock;
    }

    public Storage storage() {
        return storage;
    }

    public RecordingEmailSender mail() {
        return mail;
    }

    /** The chat webhooks ({@link RecordingChatSender#SLACK}, {@link RecordingChatSender#TEAMS}). */
    public RecordingChatSender chat() {
        return chat;
    }

    /** The event bus: every event checked against its schema, recorded, and failing when a test says so. */
    /** The webhook subscribers ({@link RecordingWebhookSender#CRM}, {@link RecordingWebhookSender#WAREHOUSE}). */
    public RecordingWebhookSender webhooks() {
        return webhooks;
    }

    public RecordingEventBus events() {
        return events;
    }

    public TakeFormPost takeFormPost() {
        return services.takeFormPost();
    }

    /**
     * The form intake of these services with {@code humanCheck} as its verifier (deployed, Turnstile's siteverify):
     * the services themselves build theirs from the deployment's settings, which reach no verifier from a fast test.
     */
    public TakeFormPost takeFormPostWith(HumanCheck humanCheck) {
        return takeFormPost(services.leadUpdates(), humanCheck);
    }

    /**
     * The form intake of these services storing its changes through {@code updates}: e.g. one whose after-commit hook
     * stops short, as a function that dies after its write does.
     */
    public TakeFormPost takeFormPostThrough(LeadUpdates updates) {
        return takeFormPost(updates, HumanCheck.NONE);
    }

    private TakeFormPost takeFormPost(LeadUpdates updates, HumanCheck humanCheck) {
        return new TakeFormPost(services.models(), updates,
                new AbuseGuard(storage.rateLimiter(), services.config().limits(), clock, services.config().tokenKeys()), humanCheck, services.tokens());
    }

    public LeadUpdates leadUpdates() {
        return services.leadUpdates();
    }

    public DispatchOutbox dispatcher() {
        return services.dispatcher();
    }

    public ReviewTiers reviewTiers() {
        return services.reviewTiers();
    }

    public RecordSesEvent recordSesEvent() {
        return services.recordSesEvent();
    }

    public RecordDisposition recordDisposition() {
        return services.recordDisposition();
    }

    public Unsubscribe unsubscribe() {
        return services.unsubscribe();
    }

    public Services services() {
        return services;
    }

    /** A survey posted with the survey link's token, as the survey page posts it. */
    public AnswerSurvey.Answered answerSurvey(String leadId, String surveyId, Map<String, String> answers) {
        Map<String, String> fields = new java.util.HashMap<>(answers);
        fields.put("_token", services.tokens().issue(TokenPurpose.SURVEY, leadId));
        return services.answerSurvey().answer(new AnswerSurvey.SurveyPost(surveyId, fields, null));
    }

    /**
     * A behaviour signal for the lead, as it arrives: a page's (with the form's token) when the model accepts it from
     * a page, else a product backend's (with the ingest key and the lead's email).
     */
    public LeadUpdates.Applied signal(String leadId, SignalType type) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("type", type.wireName()));
        String authorization = null;
        if (services.models().current().model().behaviour().acceptedSources(type).contains(SignalSource.PAGE)) {
            fields.put("_token", services.tokens().issue(TokenPurpose.FORM, leadId));
        } else {
            fields.put("email", lead(leadId).lead().email());
            authorization = "Bearer " + INGEST_KEY;
        }
        return services.recordSignal().record(new RecordSignal.EventPost(fields, authorization, null, API));
    }

    /** A step-1 (or single-step) form post. @param submissionId null for none */
    public static FormSubmission post(String formId, String email, Map<String, String> answers, boolean consent,
                                      String submissionId) {
        return new FormSubmission(formId, null, email, Answers.of(answers), consent,
                Map.of("pageUrl", "https://www.example.com/"), submissionId, false);
    }

    public LeadUpdates.Applied submit(FormSubmission post) {
        return takeFormPost().submit(post, API);
    }

    /** A step-1 (or single-step) form post with consent and no submission id. */
    public LeadUpdates.Applied submit(String formId, String email, Map<String, String> answers) {
        return submit(post(formId, email, answers, true, null));
    }

    /** Step 2 of a two-step form, for the lead its token names. */
    public LeadUpdates.Applied submitStep2(String formId, String leadId, Map<String, String> answers) {
        return submit(new FormSubmission(formId, leadId, null, Answers.of(answers), false, Map.of(), null, false));
    }

    /** The scheduled dispatcher's pass, now. */
    public DispatchOutbox.Report dispatchDue() {
        return dispatcher().dispatchDue(100, Duration.ofSeconds(10));
    }

    /** The scheduled pass's lead events, now (the dispatcher publishes them after its emails). */
    public io.leadtriage.app.outbox.PublishLeadEvents.Report publishDue() {
        return services.publishLeadEvents().publishDue(100, Duration.ofSeconds(10));
    }

    /** Moves the clock on, then runs the dispatcher's pass, as the minute schedule would. */
    public DispatchOutbox.Report dispatchAfter(Duration wait) {
        clock.advance(wait);
        return dispatchDue();
    }

    public LeadRecord lead(String leadId) {
        return storage.queries().findById(leadId).orElseThrow();
    }

    /** Every lead in the store, newest first (up to a hundred: more than a fast test makes). */
    public List<LeadRecord> storedLeads() {
        return storage.queries().listLeads(LeadFilter.ANY, 100, null, clock.instant()).leads();
    }

    /**
     * The {@code mail} object of SES's events about a message the dispatcher sent: SES's message id and the tags
     * the dispatcher gave the email.
     */
    public io.leadtriage.app.sesevents.SentMessage sesMail(io.leadtriage.app.outbox.SentMessage sent) {
        return mail().sent().stream()
                .filter(email -> sent.sendId().equals(email.tags().get(io.leadtriage.app.sesevents.SentMessage.SEND_ID_TAG)))
                .findFirst()
                .map(email -> SesEvents.mail(sent, email.tags()))
                .orElseThrow(() -> new AssertionError("no email was sent as " + sent.sendId()));
    }

    /**
     * The lead an email of this kind is sent for, and that email, as the dispatcher sent it, twelve minutes on: Sam's
     * welcome ({@code nurture}), Dee's "finish your request" ({@code reminder}), Priya's {@code sales_alert}, and its
     * {@code escalation}.
     */
    public io.leadtriage.app.outbox.SentMessage firstEmailOf(String kind) {
        String leadId = switch (kind) {
            case "nurture" -> submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now"))
                    .after().id();
            case "reminder" -> submit("get-started", "dee@northwind-saas.com", Map.of("name", "Dee Lee")).after().id();
            default -> submit("demo", "priya@northwind-saas.com",
                    Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now")).after().id();
        };
        dispatchDue();
        dispatchAfter(Duration.ofHours(2));
        io.leadtriage.app.outbox.SentMessage sent = storage.messages().sentMessages(leadId).stream()
                .filter(m -> sesMail(m).kind().equals(java.util.Optional.of(kind))).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(12));
        return sent;
    }

    public List<String> timeline(String leadId) {
        return storage.queries().timeline(leadId).stream().map(TimelineEntry::detail).toList();
    }

    /** The frozen test model as a file, which is how the services take a model. */
    private static Path frozenModelFile() {
        try {
            Path file = Files.createTempFile("leadtriage-test-model", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, TestModels.defaultText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
