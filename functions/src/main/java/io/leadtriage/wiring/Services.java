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
 * model in effect, and each use case when it is first asked for. It only builds: its accessors hand out what they
 * built and do no I/O. A handler's Lambda constructor takes its use cases from {@link #shared()}; tests and the local runner build their own
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
    private final EmailSender emailSender;
    private final Outlets outlets;
    private final HumanCheck humanCheck;
    // The use cases, each built by its accessor on its first use (under this object's lock): a function's handler
    // takes the few it serves in its constructor (at init, so a SnapStart snapshot holds them), and a start neither
    // builds nor loads the classes of the twenty others. Plain fields rather than lazy suppliers: a lambda per use case
    // would spin a class at init and load its use case's class for the lambda's signature (docs/performance.md,
    // "Package and init").
    private DispatchOutbox dispatcher;
    private PublishLeadEvents publishLeadEvents;
    private LeadUpdates leadUpdates;
    private LeadUpdates scheduledUpdates;
    private AbuseGuard abuse;
    private RollUpAccount rollUpAccount;
    private TakeFormPost takeFormPost;
    private AnswerSurvey answerSurvey;
    private ChooseNextQuestions chooseNextQuestions;
    private RecordSignal recordSignal;
    private RecordSesEvent recordSesEvent;
    private RecordDisposition recordDisposition;
    private Unsubscribe unsubscribe;
    private ConfirmSubscription confirmSubscription;
    private ReviewTiers reviewTiers;
    private RescoreLeads rescoreLeads;
    private CountStoredLeads countStoredLeads;
    private ExportLeads exportLeads;
    private RecordOutcome recordOutcome;
    private RecordCrmOutcome recordCrmOutcome;
    private EraseLead eraseLead;
    private LookUpLeads lookUpLeads;
    private ReportOnLeads reportOnLeads;
    private ChangeModel changeModel;
    private EditNurture editNurture;
    private DryRunModel dryRunModel;
    private EditModel editModel;
    private ReplayWebhooks replayWebhooks;

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
     * Builds the model in effect and the tokens now, each use case on its first use; reads nothing from storage (the
     * model's refresh is the use cases' first step).
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
     * Builds the model in effect and the tokens now, each use case on its first use; reads nothing from storage (the
     * model's refresh is the use cases' first step).
     *
     * @param events where lead events are published
     * @param chat   where chat alerts are posted
     */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender, EventPublisher events,
                    ChatSender chat) {
        this(config, clock, storage, emailSender, new Outlets(events, chat, WebhookSender.NONE));
    }

    /**
     * Builds the model in effect and the tokens now, each use case on its first use; reads nothing from storage (the
     * model's refresh is the use cases' first step).
     *
     * @param outlets where lead events, chat alerts and webhook deliveries go
     */
    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender, Outlets outlets) {
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
        this.emailSender = emailSender;
        this.outlets = outlets;
        this.humanCheck = !config.humanCheck().enabled() ? HumanCheck.NONE
                : new TurnstileVerifier(config.humanCheck().endpoint(), config.humanCheck().secret(),
                config.allowedOrigins().stream().map(o -> URI.create(o).getHost()).collect(Collectors.toSet()),
                config.humanCheck().action());
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
        BuiltOnFirstUse<T> built = new BuiltOnFirstUse<>(build);
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

    /** The limits every public intake shares (per client, per address). */
    private synchronized AbuseGuard abuse() {
        if (abuse == null) {
            abuse = new AbuseGuard(storage.rateLimiter(), config.limits(), clock, config.tokenKeys());
        }
        return abuse;
    }

    /** The scheduled passes change leads only: an alert they plan goes out with the dispatcher's next minute. */
    private synchronized LeadUpdates scheduledUpdates() {
        if (scheduledUpdates == null) {
            scheduledUpdates = new LeadUpdates(storage.leads(), models, clock, applied -> { });
        }
        return scheduledUpdates;
    }

    /** What follows a stored change made by a request: its alerts sent now, and lead.hot with them. */
    private void afterChange(LeadUpdates.Applied applied) {
        OutboxItem accountAlert = rollUpAccountOf(applied);
        List<OutboxItem> planned = accountAlert == null ? applied.outbox()
                : Stream.concat(applied.outbox().stream(), Stream.of(accountAlert)).toList();
        if (planned.stream().anyMatch(item -> item.kind().alert())) {
            // Only then the dispatcher: a change that alerts nobody (most of them) does not build it.
            dispatcher().sendAlertsNow(planned);
        }
        if (applied.turnedHot() && outlets.events() != EventPublisher.ELSEWHERE) {
            // lead.hot goes with the alert (its earlier events first); every other event waits for the dispatcher.
            dispatcher().deliverWebhooksNow(publishLeadEvents().publishNow(applied.after().id(), PUBLISH_NOW_BUDGET));
        }
    }

    private NurtureComposer nurtureComposer(QualificationModel model) {
        EmailSettings email = config.email();
        return new NurtureComposer(model, email.senderAddress(), email.senderName(), email.postalAddress());
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

    public synchronized RollUpAccount rollUpAccount() {
        if (rollUpAccount == null) {
            rollUpAccount = new RollUpAccount(storage.accounts(), models, config.email().alertRecipients(), clock);
        }
        return rollUpAccount;
    }

    public synchronized LeadUpdates leadUpdates() {
        if (leadUpdates == null) {
            leadUpdates = new LeadUpdates(storage.leads(), models, clock, this::afterChange);
        }
        return leadUpdates;
    }

    public synchronized TakeFormPost takeFormPost() {
        if (takeFormPost == null) {
            takeFormPost = new TakeFormPost(models, leadUpdates(), abuse(), humanCheck, tokens);
        }
        return takeFormPost;
    }

    public synchronized AnswerSurvey answerSurvey() {
        if (answerSurvey == null) {
            answerSurvey = new AnswerSurvey(models, leadUpdates(), abuse(), tokens);
        }
        return answerSurvey;
    }

    public synchronized ChooseNextQuestions chooseNextQuestions() {
        if (chooseNextQuestions == null) {
            chooseNextQuestions = new ChooseNextQuestions(models, storage.queries(), leadUpdates(), abuse(), tokens);
        }
        return chooseNextQuestions;
    }

    public synchronized RecordSignal recordSignal() {
        if (recordSignal == null) {
            recordSignal = new RecordSignal(leadUpdates(), models, abuse(), tokens, config.ingestKeys(), clock);
        }
        return recordSignal;
    }

    public synchronized RecordSesEvent recordSesEvent() {
        if (recordSesEvent == null) {
            recordSesEvent = new RecordSesEvent(models, leadUpdates(), storage.messages(), new LinkScannerDetector());
        }
        return recordSesEvent;
    }

    public synchronized RecordDisposition recordDisposition() {
        if (recordDisposition == null) {
            recordDisposition = new RecordDisposition(models, storage.alerts(), storage.queries(), leadUpdates(), tokens,
                    clock);
        }
        return recordDisposition;
    }

    public synchronized Unsubscribe unsubscribe() {
        if (unsubscribe == null) {
            unsubscribe = new Unsubscribe(leadUpdates(), tokens);
        }
        return unsubscribe;
    }

    public synchronized ConfirmSubscription confirmSubscription() {
        if (confirmSubscription == null) {
            confirmSubscription = new ConfirmSubscription(leadUpdates(), tokens);
        }
        return confirmSubscription;
    }

    public synchronized DispatchOutbox dispatcher() {
        if (dispatcher == null) {
            dispatcher = new DispatchOutbox(storage.outbox(), storage.leads(), storage.alerts(), storage.turns(),
                    emailSender, outlets.chat(), outlets.webhooks(), models,
                    model -> new SalesAlertComposer(model, config.email().senderAddress()), this::nurtureComposer,
                    new EmailLinks(tokens, config.allowedOrigins(), config.email().publicApiUrl()),
                    new WelcomeBudget(storage.rateLimiter(), config.tokenKeys(), config.limits()),
                    DispatchOutbox.Pacer.perSecond(config.email().maxSendRate()), storage.accounts(),
                    new AccountAlertComposer(config.email().senderAddress()), clock);
        }
        return dispatcher;
    }

    public synchronized ReplayWebhooks replayWebhooks() {
        if (replayWebhooks == null) {
            replayWebhooks = new ReplayWebhooks(storage.outbox(), clock);
        }
        return replayWebhooks;
    }

    public synchronized PublishLeadEvents publishLeadEvents() {
        if (publishLeadEvents == null) {
            publishLeadEvents = new PublishLeadEvents(storage.outbox(), outlets.events(), outlets.webhooks().subscriptions(),
                    clock);
        }
        return publishLeadEvents;
    }

    public synchronized ReviewTiers reviewTiers() {
        if (reviewTiers == null) {
            reviewTiers = new ReviewTiers(models, scheduledUpdates(), storage.tierReviews(), clock);
        }
        return reviewTiers;
    }

    public synchronized RescoreLeads rescoreLeads() {
        if (rescoreLeads == null) {
            rescoreLeads = new RescoreLeads(models, scheduledUpdates(), storage.queries(), storage.models(), clock);
        }
        return rescoreLeads;
    }

    public synchronized CountStoredLeads countStoredLeads() {
        if (countStoredLeads == null) {
            countStoredLeads = new CountStoredLeads(storage.queries(), storage.messages(), storage.counters(), clock);
        }
        return countStoredLeads;
    }

    public synchronized ExportLeads exportLeads() {
        if (exportLeads == null) {
            exportLeads = new ExportLeads(storage.queries());
        }
        return exportLeads;
    }

    public synchronized RecordOutcome recordOutcome() {
        if (recordOutcome == null) {
            recordOutcome = new RecordOutcome(leadUpdates());
        }
        return recordOutcome;
    }

    /** A CRM's signed outcome: the same use case as the admin route's, behind a signature. */
    public synchronized RecordCrmOutcome recordCrmOutcome() {
        if (recordCrmOutcome == null) {
            recordCrmOutcome = new RecordCrmOutcome(recordOutcome(), config.crmOutcomes(), clock);
        }
        return recordCrmOutcome;
    }

    public synchronized EraseLead eraseLead() {
        if (eraseLead == null) {
            eraseLead = new EraseLead(storage.erasure(), storage.accounts(), clock);
        }
        return eraseLead;
    }

    public synchronized LookUpLeads lookUpLeads() {
        if (lookUpLeads == null) {
            lookUpLeads = new LookUpLeads(storage.queries(), storage.leads(), storage.messages(), models, clock);
        }
        return lookUpLeads;
    }

    public synchronized ReportOnLeads reportOnLeads() {
        if (reportOnLeads == null) {
            reportOnLeads = new ReportOnLeads(storage.counters(), models, clock);
        }
        return reportOnLeads;
    }

    public synchronized ChangeModel changeModel() {
        if (changeModel == null) {
            changeModel = new ChangeModel(storage.models(), models, config.modelFile(), clock);
        }
        return changeModel;
    }

    public synchronized DryRunModel dryRunModel() {
        if (dryRunModel == null) {
            dryRunModel = new DryRunModel(storage.queries(), models, clock);
        }
        return dryRunModel;
    }

    public synchronized EditModel editModel() {
        if (editModel == null) {
            editModel = new EditModel();
        }
        return editModel;
    }

    public synchronized EditNurture editNurture() {
        if (editNurture == null) {
            editNurture = new EditNurture(changeModel(), storage.leads(), emailSender, storage.rateLimiter(),
                    this::nurtureComposer, config.email().alertRecipients(), clock);
        }
        return editNurture;
    }
}
