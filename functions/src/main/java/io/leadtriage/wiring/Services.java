package io.leadtriage.wiring;

import io.leadtriage.adapters.secretsmanager.SecretsManagerSource;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.app.SubmitForm;
import io.leadtriage.app.email.NurtureComposer;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.outbox.EmailLinks;
import io.leadtriage.adapters.turnstile.TurnstileVerifier;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.AlertRouter;
import io.leadtriage.domain.Qualifier;
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
import java.util.Map;
import io.leadtriage.ops.Log;

/**
 * The application assembled once per container (in the Lambda init phase, which is also what a
 * SnapStart snapshot keeps): model, clients, adapters and use cases. Handlers get theirs from
 * {@link #shared()}; tests and the local runner build their own with a test clock, a local DynamoDB
 * and the email sender of their choice.
 */
public final class Services {
    private static volatile Services shared;
    /** A PUT of the model is in effect in every container within this time, with no deployment. */
    public static final Duration MODEL_REFRESH = Duration.ofSeconds(60);
    static final Duration DYNAMO_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DYNAMO_CALL_TIMEOUT = Duration.ofSeconds(2);

    private final AppConfig config;
    private final Clock clock;
    private final Storage storage;
    private final TokenService tokens;
    private final EmailSender emailSender;
    private final ConfigStore configStore;
    private final RateLimiter rateLimiter;
    private final HumanCheck humanCheck;
    private final QualificationModel shippedModel;
    private final String shippedModelText;
    private volatile ModelBound bound;
    private volatile long checkedAtNanos;

    /** Everything built from one version of the model; swapped whole when a new version is PUT. */
    private record ModelBound(long version, QualificationModel model, Qualifier qualifier, LeadUpdates leadUpdates,
                              SubmitForm submitForm, DispatchOutbox dispatcher, ReviewTiers reviewTiers) {
    }

    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender) {
        this(config, clock, Storage.dynamo(dynamo, config.leadsTable()), emailSender);
    }

    public Services(AppConfig config, Clock clock, Storage storage, EmailSender emailSender) {
        this.config = config;
        this.clock = clock;
        this.shippedModelText = config.modelFile() == null ? ModelLoader.defaultText() : readModelFile(config.modelFile());
        this.shippedModel = ModelLoader.load(shippedModelText,
                config.modelFile() == null ? ModelLoader.DEFAULT_RESOURCE : config.modelFile());
        this.storage = storage;
        this.tokens = new TokenService(config.tokenKeys(), clock);
        this.emailSender = emailSender;
        this.configStore = storage.models();
        this.rateLimiter = storage.rateLimiter();
        this.humanCheck = !config.humanCheck().enabled() ? HumanCheck.NONE
                : new TurnstileVerifier(config.humanCheck().endpoint(), config.humanCheck().secret(),
                config.allowedOrigins().stream().map(o -> URI.create(o).getHost()).collect(Collectors.toSet()),
                config.humanCheck().action());
        this.bound = bind(0, shippedModel);
        refreshModel();
    }

    private ModelBound bind(long version, QualificationModel model) {
        EmailSettings email = config.email();
        Qualifier qualifier = new Qualifier(model, clock);
        AlertRouter router = new AlertRouter(model, email.alertRecipients());
        DispatchOutbox dispatcher = new DispatchOutbox(storage.outbox(), storage.leads(), storage.alerts(), storage.turns(), emailSender,
                new SalesAlertComposer(model, email.senderAddress()),
                new NurtureComposer(model, email.senderAddress(), email.senderName(), email.postalAddress()),
                new EmailLinks(tokens, config.allowedOrigins(), email.publicApiUrl()), model,
                DispatchOutbox.Pacer.perSecond(email.maxSendRate()), clock,
                router.escalationRecipients());
        LeadUpdates leadUpdates = new LeadUpdates(storage.leads(), qualifier, router, clock,
                applied -> dispatcher.sendAlertsNow(applied.outbox()));
        return new ModelBound(version, model, qualifier, leadUpdates, new SubmitForm(model, leadUpdates), dispatcher,
                new ReviewTiers(leadUpdates, storage.tierReviews(), clock));
    }

    /**
     * Takes the model version PUT through the admin API, if it changed: checked at most once a
     * {@link #MODEL_REFRESH} on the request path (one read), and at once after a PUT in this container.
     */
    public void refreshModel() {
        checkedAtNanos = System.nanoTime();
        try {
            long stored = configStore.current().map(ConfigStore.ConfigVersion::version).orElse(0L);
            if (stored == bound.version()) {
                return;
            }
            QualificationModel model = stored == 0 ? shippedModel
                    : ModelLoader.load(configStore.version(stored).orElseThrow().yaml(), "model version " + stored);
            bound = bind(stored, model);
            Log.info("qualification model in effect", Map.of("version", stored));
        } catch (RuntimeException e) {
            // A model that was valid when PUT and fails now, or a read that failed: keep the one in effect.
            Log.error("model version not taken; keeping the one in effect", Map.of("version", bound.version()), e);
        }
    }

    /** After a SnapStart restore the snapshot's model may be old: check on the next request. */
    public void markModelStale() {
        checkedAtNanos = System.nanoTime() - MODEL_REFRESH.toNanos() - 1;
    }

    private ModelBound bound() {
        if (System.nanoTime() - checkedAtNanos > MODEL_REFRESH.toNanos()) {
            refreshModel();
        }
        return bound;
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
     * A cold start as Lambda runs it: the secrets this function was given are read from Secrets Manager
     * (during init, so a SnapStart snapshot holds them), then clients and model are built one after the other.
     * Building them on two threads was measured (the model beside the DynamoDB client) and gained under 20 ms
     * on two cores: the JIT compiler threads already use the second core during start-up, and a function has
     * at most one vCPU at its memory size.
     */
    static Services startUp(Map<String, String> env) {
        AppConfig config;
        if (needsSecrets(env)) {
            long started = System.nanoTime();
            try (SecretsManagerSource secrets = SecretsManagerSource.forRegion(Region.of(regionOf(env)))) {
                config = AppConfig.fromEnvironment(env, secrets);
            }
            // What the secrets cost a start without a snapshot (under SnapStart, the snapshot's init pays it once).
            Log.info("secrets read", Map.of("ms", (System.nanoTime() - started) / 1_000_000));
        } else {
            config = AppConfig.fromEnvironment(env, SecretSource.NONE);
        }
        return startUp(config);
    }

    static Services startUp(AppConfig config) {
        return new Services(config, Clock.systemUTC(), dynamoClient(config).build(), sesSender(config));
    }

    private static boolean needsSecrets(Map<String, String> env) {
        return java.util.stream.Stream.of(AppConfig.TOKEN_SECRET, AppConfig.INGEST_SECRET, AppConfig.TURNSTILE_SECRET)
                .map(env::get).anyMatch(v -> v != null && !v.isBlank());
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

    public QualificationModel model() {
        return bound().model();
    }

    /** The version of the model in effect: 0 for the file shipped with the code. */
    public long modelVersion() {
        return bound().version();
    }

    /** The model file that is in effect until the first PUT, as written (comments and all). */
    public String shippedModelText() {
        return shippedModelText;
    }

    public Qualifier qualifier() {
        return bound().qualifier();
    }

    public Storage storage() {
        return storage;
    }

    public HumanCheck humanCheck() {
        return humanCheck;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public ConfigStore configStore() {
        return configStore;
    }

    public TokenService tokens() {
        return tokens;
    }

    public LeadUpdates leadUpdates() {
        return bound().leadUpdates();
    }

    public SubmitForm submitForm() {
        return bound().submitForm();
    }

    public DispatchOutbox dispatcher() {
        return bound().dispatcher();
    }

    public ReviewTiers reviewTiers() {
        return bound().reviewTiers();
    }
}
