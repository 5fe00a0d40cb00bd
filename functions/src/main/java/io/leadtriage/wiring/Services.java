package io.leadtriage.wiring;

import io.leadtriage.app.ports.SecretSource;

import io.leadtriage.adapters.secretsmanager.SecretsManagerSource;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.EraseLead;
import io.leadtriage.app.admin.ChangeModel;
import io.leadtriage.app.admin.DryRunModel;
import io.leadtriage.app.admin.EditModel;
import io.leadtriage.app.admin.EditNurture;
import io.leadtriage.app.admin.ReplayWebhooks;
import io.leadtriage.app.admin.LookUpLeads;
import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.crm.RecordCrmOutcome;
import io.leadtriage.app.RecordSesEvent;
import io.leadtriage.app.ConfirmSubscription;
import io.leadtriage.app.Unsubscribe;
import io.leadtriage.app.intake.AbuseGuard;
import io.leadtriage.app.accounts.RollUpAccount;
import io.leadtriage.app.email.AccountAlertComposer;
import io.leadtriage.app.intake.AnswerSurvey;
import io.leadtriage.app.intake.ChooseNextQuestions;
import io.leadtriage.app.intake.RecordSignal;
import io.leadtriage.app.intake.TakeFormPost;
import io.leadtriage.app.sesevents.LinkScannerDetector;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.app.RescoreLeads;
import io.leadtriage.app.CountStoredLeads;
import io.leadtriage.app.admin.ExportLeads;
import io.leadtriage.app.email.NurtureComposer;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import io.leadtriage.adapters.eventbridge.EventBridgePublisher;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.outbox.PublishLeadEvents;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.adapters.webhooks.WebhookChatSender;
import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.app.ports.EventPublisher;
import io.leadtriage.app.ports.WebhookSender;
import io.leadtriage.adapters.webhooks.HttpWebhookSender;
import io.leadtriage.app.outbox.WelcomeBudget;
import io.leadtriage.app.outbox.EmailLinks;
import io.leadtriage.adapters.turnstile.TurnstileVerifier;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.ShippedModel;
import io.leadtriage.domain.model.QualificationModel;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.net.http.HttpClient;
import io.leadtriage.adapters.webhooks.JsonPost;
import io.leadtriage.ops.Log;

/**
 * The composition root: the application assembled once per container (in the Lambda init phase, which is also what a
 * SnapStart snapshot keeps) from the settings read once from the environment: storage ports, the mail sender, the
 * model in effect and every use case. It only builds: its accessors hand out what was built and do no I/O. A
 * handler's Lambda constructor takes its use cases from {@link #shared()}; tests and the local runner build their own
 * with a test clock, DynamoDB Local (or in-memory ports) and the email sender of their choice.
 */
public final class Services {
    private static volatile Services shared;
    static final Duration DYNAMO_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DYNAMO_CALL_TIMEOUT = Duration.ofSeconds(2);
    /** The bus lead events go to, set (template.yaml) on the functions that publish them. */
    public static final String EVENT_BUS = "EVENT_BUS_NAME";
    /** Lambda's variable saying which init this is; {@value #SNAP_START} for the one a SnapStart snapshot is taken of. */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";
    /** How long a request that turned a lead hot may spend publishing its events before it answers. */
    static final Duration PUBLISH_NOW_BUDGET = Duration.ofSeconds(3);

    private final AppConfig config;
    private final Clock clock;
    private final Storage storage;
    private final TokenService tokens;
    private final ModelInEffect models;
    // The use cases, each built on its first use: a function's handler takes the few it serves (at init, so a SnapStart
    // snapshot holds them), and a start should not load the classes of the twenty others (measured in
    // docs/performance.md, "Package and init").
    private final Supplier<DispatchOutbox> dispatcher;
    private final Supplier<PublishLeadEvents> publishLeadEvents;
    private final Supplier<LeadUpdates> leadUpdates;
    private final Supplier<RollUpAccount> rollUpAccount;
    private final Supplier<TakeFormPost> takeFormPost;
    private final Supplier<AnswerSurvey> answerSurvey;
    private final Supplier<ChooseNextQuestions> chooseNextQuestions;
    private final Supplier<RecordSignal> recordSignal;
    private final Supplier<RecordSesEvent> recordSesEvent;
    private final Supplier<RecordDisposition> recordDisposition;
    private final Supplier<Unsubscribe> unsubscribe;
    private final Supplier<ConfirmSubscription> confirmSubscription;
    private final Supplier<ReviewTiers> reviewTiers;
    private final Supplier<RescoreLeads> rescoreLeads;
    private final Supplier<CountStoredLeads> countStoredLeads;
    private final Supplier<ExportLeads> exportLeads;
    private final Supplier<RecordOutcome> recordOutcome;
    private final Supplier<RecordCrmOutcome> recordCrmOutcome;
    private final Supplier<EraseLead> eraseLead;
    private final Supplier<LookUpLeads> lookUpLeads;
    private final Supplier<ReportOnLeads> reportOnLeads;
    private final Supplier<ChangeModel> changeModel;
    private final Supplier<EditNurture> editNurture;
    private final Supplier<DryRunModel> dryRunModel;
    private final Supplier<EditModel> editModel = onFirstUse(EditModel::new);
    private final Supplier<ReplayWebhooks> replayWebhooks;

    /** With lead events taken and kept nowhere ({@link EventPublisher#NONE}): for tools and tests that read none. */
    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender) {
        this(config, clock, dynamo, emailSender, EventPublisher.NONE);
    }

    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender, EventPublisher events) {
        this(config, clock, dynamo, emailSender, events, ChatSender.ELSEWHERE);
    }

    /** With lead events taken and kept nowhere ({@link EventPublisher#NONE}): for tools and tests that read none. */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender) {
        this(config, clock, storage, emailSender, EventPublisher.NONE);
    }

    /**
     * Builds everything once; reads nothing from storage (the model's refresh is the use cases' first step).
     *
     * @param events where lead events are published
     */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender, EventPublisher events) {
        this(config, clock, storage, emailSender, events, ChatSender.ELSEWHERE);
    }

    /** @param chat where chat alerts (Slack, Teams) are posted */
    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender, EventPublisher events,
                    ChatSender chat) {
        this(config, clock, dynamo, emailSender, new Outlets(events, chat, WebhookSender.NONE));
    }

    /** @param outlets where lead events, chat alerts and webhook deliveries go */
    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender, Outlets outlets) {
        this(config, clock, Storage.dynamo(dynamo, config.leadsTable(),
                config.emailIndexKey() == null ? EmailIndex.NONE : EmailIndex.keyedWith(config.emailIndexKey())), emailSender,
                outlets);
    }

    /**
     * Builds everything once; reads nothing from storage (the model's refresh is the use cases' first step).
     *
     * @param events where lead events are published
     * @param chat   where chat alerts are posted
     */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender, EventPublisher events,
                    ChatSender chat) {
        this(config, clock, storage, emailSender, new Outlets(events, chat, WebhookSender.NONE));
    }

    /**
     * Builds everything once; reads nothing from storage (the model's refresh is the use cases' first step).
     *
     * @param outlets where lead events, chat alerts and webhook deliveries go
     */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender, Outlets outlets) {
        EventPublisher events = outlets.events();
        this.config = config;
        this.clock = clock;
        this.storage = storage;
        String shippedText = config.modelFile() == null ? ShippedModel.text() : readModelFile(config.modelFile());
        // A deployed function's model is the shipped file, prepared at build time; a model file (the local run) is
        // read and checked at every start, so an edit of it is in effect at once.
        QualificationModel shipped = config.modelFile() == null ? ShippedModel.load(shippedText)
                : ModelLoader.load(shippedText, config.modelFile());
        EmailSettings email = config.email();
        this.models = new ModelInEffect(shipped, shippedText, storage.models(), clock, email.alertRecipients(), System::nanoTime);
        this.tokens = new TokenService(config.tokenKeys(), clock);
        HumanCheck humanCheck = !config.humanCheck().enabled() ? HumanCheck.NONE
                : new TurnstileVerifier(config.humanCheck().endpoint(), config.humanCheck().secret(),
                config.allowedOrigins().stream().map(o -> URI.create(o).getHost()).collect(Collectors.toSet()),
                config.humanCheck().action());
        java.util.function.Function<QualificationModel, NurtureComposer> nurtureComposer =
                model -> new NurtureComposer(model, email.senderAddress(), email.senderName(), email.postalAddress());
        this.dispatcher = onFirstUse(() -> new DispatchOutbox(storage.outbox(), storage.leads(), storage.alerts(),
                storage.turns(), emailSender, outlets.chat(), outlets.webhooks(), models,
                model -> new SalesAlertComposer(model, email.senderAddress()), nurtureComposer,
                new EmailLinks(tokens, config.allowedOrigins(), email.publicApiUrl()),
                new WelcomeBudget(storage.rateLimiter(), config.tokenKeys(), config.limits()),
                DispatchOutbox.Pacer.perSecond(email.maxSendRate()), storage.accounts(),
                new AccountAlertComposer(email.senderAddress()), clock));
        this.publishLeadEvents = onFirstUse(() -> new PublishLeadEvents(storage.outbox(), events,
                outlets.webhooks().subscriptions(), clock));
        this.rollUpAccount = onFirstUse(() -> new RollUpAccount(storage.accounts(), models, email.alertRecipients(), clock));
        this.leadUpdates = onFirstUse(() -> new LeadUpdates(storage.leads(), models, clock, applied -> {
            OutboxItem accountAlert = rollUpAccountOf(applied);
            List<OutboxItem> planned = accountAlert == null ? applied.outbox()
                    : Stream.concat(applied.outbox().stream(), Stream.of(accountAlert)).toList();
            if (planned.stream().anyMatch(item -> item.kind().alert())) {
                // Only then the dispatcher: a change that alerts nobody (most of them) does not build it.
                dispatcher().sendAlertsNow(planned);
            }
            if (applied.turnedHot() && events != EventPublisher.ELSEWHERE) {
                // lead.hot goes with the alert (its earlier events first); every other event waits for the dispatcher.
                dispatcher().deliverWebhooksNow(publishLeadEvents().publishNow(applied.after().id(), PUBLISH_NOW_BUDGET));
            }
        }));
        Supplier<AbuseGuard> abuse = onFirstUse(() -> new AbuseGuard(storage.rateLimiter(), config.limits(), clock,
                config.tokenKeys()));
        this.takeFormPost = onFirstUse(() -> new TakeFormPost(models, leadUpdates(), abuse.get(), humanCheck, tokens));
        this.answerSurvey = onFirstUse(() -> new AnswerSurvey(models, leadUpdates(), abuse.get(), tokens));
        this.chooseNextQuestions = onFirstUse(() -> new ChooseNextQuestions(models, storage.queries(), leadUpdates(),
                abuse.get(), tokens));
        this.recordSignal = onFirstUse(() -> new RecordSignal(leadUpdates(), models, abuse.get(), tokens,
                config.ingestKeys(), clock));
        this.recordSesEvent = onFirstUse(() -> new RecordSesEvent(models, leadUpdates(), storage.messages(),
                new LinkScannerDetector()));
        this.recordDisposition = onFirstUse(() -> new RecordDisposition(models, storage.alerts(), storage.queries(),
                leadUpdates(), tokens, clock));
        this.unsubscribe = onFirstUse(() -> new Unsubscribe(leadUpdates(), tokens));
        this.confirmSubscription = onFirstUse(() -> new ConfirmSubscription(leadUpdates(), tokens));
        // The scheduled passes change leads only: an alert they plan goes out with the dispatcher's next minute.
        Supplier<LeadUpdates> scheduledUpdates = onFirstUse(() -> new LeadUpdates(storage.leads(), models, clock,
                applied -> { }));
        this.reviewTiers = onFirstUse(() -> new ReviewTiers(models, scheduledUpdates.get(), storage.tierReviews(), clock));
        this.rescoreLeads = onFirstUse(() -> new RescoreLeads(models, scheduledUpdates.get(), storage.queries(),
                storage.models(), clock));
        this.countStoredLeads = onFirstUse(() -> new CountStoredLeads(storage.queries(), storage.messages(),
                storage.counters(), clock));
        this.exportLeads = onFirstUse(() -> new ExportLeads(storage.queries()));
        this.recordOutcome = onFirstUse(() -> new RecordOutcome(leadUpdates()));
        this.recordCrmOutcome = onFirstUse(() -> new RecordCrmOutcome(recordOutcome(), config.crmOutcomes(), clock));
        this.eraseLead = onFirstUse(() -> new EraseLead(storage.erasure(), storage.accounts(), clock));
        this.lookUpLeads = onFirstUse(() -> new LookUpLeads(storage.queries(), storage.leads(), storage.messages(),
                models, clock));
        this.reportOnLeads = onFirstUse(() -> new ReportOnLeads(storage.counters(), models, clock));
        this.changeModel = onFirstUse(() -> new ChangeModel(storage.models(), models, config.modelFile(), clock));
        this.editNurture = onFirstUse(() -> new EditNurture(changeModel(), storage.leads(), emailSender,
                storage.rateLimiter(), nurtureComposer, email.alertRecipients(), clock));
        this.dryRunModel = onFirstUse(() -> new DryRunModel(storage.queries(), models, clock));
        this.replayWebhooks = onFirstUse(() -> new ReplayWebhooks(storage.outbox(), clock));
    }

    private static <T> Supplier<T> onFirstUse(Supplier<T> build) {
        return new BuiltOnFirstUse<>(build);
    }

    /** The services of this container, built on first use from the process environment. */
    public static Services shared() {
        Services s = shared;
        if (s == null) {
            synchronized (Services.class) {
                s = shared;
                if (s == null) {
                    s = startUp(System.getenv());
                    shared = s;
                }
            }
        }
        return s;
    }

    /**
     * A cold start as Lambda runs it: the secrets this function was given are read from Secrets Manager, their
     * current versions in one call (during init, so a SnapStart snapshot holds them), then clients and model are built one after the other.
     * Building them on two threads was measured (the model beside the DynamoDB client) and gained under 20 ms
     * on two cores: the JIT compiler threads already use the second core during start-up, and a function has
     * at most one vCPU at its memory size.
     */
    static Services startUp(Map<String, String> env) {
        AppConfig config;
        String chatWebhooks = null;
        String webhooks = null;
        if (needsSecrets(env)) {
            long started = System.nanoTime();
            try (SecretsManagerSource secrets = SecretsManagerSource.forRegion(Region.of(regionOf(env)))) {
                secrets.readCurrentInOneCall(secretIds(env));
                config = AppConfig.fromEnvironment(env, secrets);
                chatWebhooks = AppConfig.chatWebhooks(env, secrets);
                webhooks = AppConfig.webhooks(env, secrets);
            }
            // What the secrets cost a start without a snapshot (under SnapStart, the snapshot's init pays it once).
            Log.info("secrets read", Map.of("ms", (System.nanoTime() - started) / 1_000_000));
        } else {
            config = AppConfig.fromEnvironment(env, SecretSource.NONE);
        }
        String bus = env.getOrDefault(EVENT_BUS, "");
        if (!bus.isBlank() && env.getOrDefault(AppConfig.WEBHOOKS_SECRET, "").isBlank()) {
            // A function that publishes events stores their webhook deliveries: without the subscribers it would lose them.
            throw new IllegalStateException("leadtriage is missing settings: " + AppConfig.WEBHOOKS_SECRET
                    + " (a function given " + EVENT_BUS + " publishes lead events and needs the webhook subscribers;"
                    + " template.yaml sets both)");
        }
        return startUp(config, bus, chatWebhooks, webhooks, SNAP_START.equals(env.get(INITIALIZATION_TYPE)));
    }

    static Services startUp(AppConfig config, String eventBusName) {
        return startUp(config, eventBusName, null, null, false);
    }

    /**
     * @param chatWebhooks the chat webhooks secret's value; null for a function that posts no chat alert
     * @param webhooks     the webhooks secret's value; null for a function that delivers no webhook
     * @param snapStart    whether this init is the one a SnapStart snapshot is taken of: then the SES and EventBridge
     *                     clients are built now, so the snapshot holds them built and loaded (a restore pays nothing
     *                     for them); otherwise on the first email or event, which most requests never have
     *                     (measured: docs/performance.md, "Package and init")
     */
    static Services startUp(AppConfig config, String eventBusName, String chatWebhooks, String webhooks, boolean snapStart) {
        // One HTTP client for both, built now under SnapStart, else on the first post: building it initialises the
        // JDK's TLS context, which a request that posts nothing (a form's step 1, a page event) should not pay for.
        Supplier<HttpClient> http = builtNowOrOnFirstUse(snapStart && (chatWebhooks != null || webhooks != null),
                JsonPost::client);
        return new Services(config, Clock.systemUTC(), dynamoClient(config).build(), sesSender(config, snapStart),
                new Outlets(eventBus(config, eventBusName, snapStart), chatSender(chatWebhooks, http),
                        webhookSender(webhooks, http)));
    }

    /** The SES sender, its client built now under SnapStart, else on the first email (see {@link #startUp}). */
    static EmailSender sesSender(AppConfig config, boolean snapStart) {
        Supplier<EmailSender> ses = builtNowOrOnFirstUse(snapStart, () -> sesSender(config));
        return email -> ses.get().send(email);
    }

    /** The event bus, its client built now under SnapStart, else on the first event (see {@link #startUp}). */
    static EventPublisher eventBus(AppConfig config, String eventBusName, boolean snapStart) {
        if (eventBusName.isBlank()) {
            return EventPublisher.ELSEWHERE;
        }
        Supplier<EventPublisher> eventBridge = builtNowOrOnFirstUse(snapStart, () -> eventBus(config, eventBusName));
        return events -> eventBridge.get().publish(events);
    }

    private static <T> Supplier<T> builtNowOrOnFirstUse(boolean now, Supplier<T> build) {
        Supplier<T> built = onFirstUse(build);
        if (now) {
            built.get();
        }
        return built;
    }

    /**
     * The webhook subscribers as deployed: signed and posted with the JDK's HTTP client, in the functions given the
     * secret (the ones that publish lead events, and so store the deliveries); the others deliver none.
     */
    private static WebhookSender webhookSender(String webhooksSecret, Supplier<HttpClient> http) {
        return webhooksSecret == null ? WebhookSender.NONE
                : new HttpWebhookSender(HttpWebhookSender.subscribersIn(webhooksSecret), http, Clock.systemUTC());
    }

    /**
     * The chat webhooks as deployed: posted with the JDK's HTTP client, in the functions given the secret; the others
     * leave chat alerts to the dispatcher.
     */
    private static ChatSender chatSender(String chatWebhooksSecret, Supplier<HttpClient> http) {
        return chatWebhooksSecret == null ? ChatSender.ELSEWHERE
                : new WebhookChatSender(WebhookChatSender.webhooksIn(chatWebhooksSecret), http);
    }

    /**
     * The event bus as deployed: EventBridge, in the functions template.yaml gives a bus, and in no other (when its
     * client is built: {@link #startUp(AppConfig, String, String, String, boolean)}). Region explicit, credentials and endpoint from the SDK's default
     * chains ({@code AWS_ENDPOINT_URL_EVENTBRIDGE} for a stand-in).
     */
    public static EventPublisher eventBus(AppConfig config, String eventBusName) {
        if (eventBusName.isBlank()) {
            return EventPublisher.ELSEWHERE;
        }
        return new EventBridgePublisher(EventBridgePublisher.clientBuilder(Region.of(config.region())).build(), eventBusName);
    }

    private static boolean needsSecrets(Map<String, String> env) {
        return !secretIds(env).isEmpty();
    }

    /** The secrets this function was given (template.yaml's {@code *_SECRET_ARN} variables it sets). */
    private static List<String> secretIds(Map<String, String> env) {
        return AppConfig.SECRET_VARIABLES.stream().map(env::get).filter(v -> v != null && !v.isBlank()).toList();
    }

    private static String regionOf(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
        if (region.isBlank()) {
            throw new IllegalStateException("leadtriage is missing settings: AWS_REGION (Lambda sets it)");
        }
        return region;
    }

    /**
     * The DynamoDB client as deployed: explicit region and the JDK's HTTP client, so that building it does no
     * discovery work at cold start. Credentials and endpoint come from the SDK's default chains, never forced:
     * under SnapStart, Lambda serves credentials from the container credentials endpoint, not in access-key
     * variables; a stand-in is reached through the SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB}. Local runs
     * and tests add their endpoint and credentials to this builder.
     */
    public static DynamoDbClientBuilder dynamoClient(AppConfig config) {
        return DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(2)))
                // Bounded calls: a request makes a handful, and must answer well within the function's timeout
                // even when DynamoDB stalls (a stalled attempt is abandoned and retried once or twice).
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(DYNAMO_ATTEMPT_TIMEOUT).apiCallTimeout(DYNAMO_CALL_TIMEOUT));
    }

    public static EmailSender sesSender(AppConfig config) {
        return new SesV2EmailSender(SesV2EmailSender.clientBuilder(Region.of(config.region())).build(),
                config.email().configurationSet());
    }

    private static String readModelFile(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + file, e);
        }
    }

    public AppConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Storage storage() {
        return storage;
    }

    public TokenService tokens() {
        return tokens;
    }

    /** The model in effect and its explicit refresh. */
    public ModelInEffect models() {
        return models;
    }

    /** Where the pages and the API live, for the HTTP answers' links. */
    public Site site() {
        return new Site(config.allowedOrigins(), config.email().publicApiUrl());
    }

    /**
     * A stored change's share of its company's account; never fails the change it follows (the lead's next change rolls
     * it up again). @return the account alert the roll-up stored, to send with the change's alerts, or null
     */
    private OutboxItem rollUpAccountOf(LeadUpdates.Applied applied) {
        if (applied.repeat()) {
            return null;
        }
        try {
            return rollUpAccount().after(applied.after()).orElse(null);
        } catch (RuntimeException e) {
            Log.error("account not rolled up; the lead's next change does it", Map.of("leadId", applied.after().id()), e);
            return null;
        }
    }

    public RollUpAccount rollUpAccount() {
        return rollUpAccount.get();
    }

    public LeadUpdates leadUpdates() {
        return leadUpdates.get();
    }

    public TakeFormPost takeFormPost() {
        return takeFormPost.get();
    }

    public AnswerSurvey answerSurvey() {
        return answerSurvey.get();
    }

    public ChooseNextQuestions chooseNextQuestions() {
        return chooseNextQuestions.get();
    }

    public RecordSignal recordSignal() {
        return recordSignal.get();
    }

    public RecordSesEvent recordSesEvent() {
        return recordSesEvent.get();
    }

    public RecordDisposition recordDisposition() {
        return recordDisposition.get();
    }

    public Unsubscribe unsubscribe() {
        return unsubscribe.get();
    }

    public ConfirmSubscription confirmSubscription() {
        return confirmSubscription.get();
    }

    public DispatchOutbox dispatcher() {
        return dispatcher.get();
    }

    public ReplayWebhooks replayWebhooks() {
        return replayWebhooks.get();
    }

    public PublishLeadEvents publishLeadEvents() {
        return publishLeadEvents.get();
    }

    public ReviewTiers reviewTiers() {
        return reviewTiers.get();
    }

    public RescoreLeads rescoreLeads() {
        return rescoreLeads.get();
    }

    public CountStoredLeads countStoredLeads() {
        return countStoredLeads.get();
    }

    public ExportLeads exportLeads() {
        return exportLeads.get();
    }

    public RecordOutcome recordOutcome() {
        return recordOutcome.get();
    }

    /** A CRM's signed outcome: the same use case as the admin route's, behind a signature. */
    public RecordCrmOutcome recordCrmOutcome() {
        return recordCrmOutcome.get();
    }

    public EraseLead eraseLead() {
        return eraseLead.get();
    }

    public LookUpLeads lookUpLeads() {
        return lookUpLeads.get();
    }

    public ReportOnLeads reportOnLeads() {
        return reportOnLeads.get();
    }

    public ChangeModel changeModel() {
        return changeModel.get();
    }

    public DryRunModel dryRunModel() {
        return dryRunModel.get();
    }

    public EditModel editModel() {
        return editModel.get();
    }

    public EditNurture editNurture() {
        return editNurture.get();
    }
}
