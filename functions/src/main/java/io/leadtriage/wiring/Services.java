package io.leadtriage.wiring;

import io.leadtriage.adapters.dynamodb.CapacityMeter;
import io.leadtriage.adapters.dynamodb.DynamoLeadStore;
import io.leadtriage.adapters.dynamodb.DynamoOutbox;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.app.SubmitForm;
import io.leadtriage.app.email.NurtureComposer;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.outbox.EmailLinks;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.LeadStore;
import io.leadtriage.app.ports.Outbox;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.AlertRouter;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.QualificationModel;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The application assembled once per container (in the Lambda init phase, which is also what a
 * SnapStart snapshot keeps): model, clients, adapters and use cases. Handlers get theirs from
 * {@link #shared()}; tests and the local runner build their own with a test clock, a local DynamoDB
 * and the email sender of their choice.
 */
public final class Services {
    private static volatile Services shared;

    private final AppConfig config;
    private final Clock clock;
    private final QualificationModel model;
    private final Qualifier qualifier;
    private final DynamoLeadStore leadStore;
    private final Outbox outbox;
    private final TokenService tokens;
    private final LeadUpdates leadUpdates;
    private final SubmitForm submitForm;
    private final DispatchOutbox dispatcher;
    private final ReviewTiers reviewTiers;
    private final CapacityMeter capacity = new CapacityMeter();

    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo, EmailSender emailSender) {
        this.config = config;
        this.clock = clock;
        this.model = config.modelFile() == null ? ModelLoader.loadDefault() : loadModelFile(config.modelFile());
        this.qualifier = new Qualifier(model, clock);
        this.leadStore = new DynamoLeadStore(dynamo, config.leadsTable(), capacity);
        this.outbox = new DynamoOutbox(dynamo, config.leadsTable(), leadStore);
        this.tokens = new TokenService(config.tokenSigningKey(), clock);
        EmailSettings email = config.email();
        this.leadUpdates = new LeadUpdates(leadStore, qualifier, new AlertRouter(model, email.alertRecipients()), clock);
        this.submitForm = new SubmitForm(model, leadUpdates);
        this.dispatcher = new DispatchOutbox(outbox, leadStore, emailSender,
                new SalesAlertComposer(email.senderAddress()),
                new NurtureComposer(model, email.senderAddress(), email.senderName(), email.postalAddress()),
                new EmailLinks(tokens, config.allowedOrigins(), email.publicApiUrl()), model,
                DispatchOutbox.Pacer.perSecond(email.maxSendRate()), clock);
        this.reviewTiers = new ReviewTiers(leadUpdates, leadStore, clock);
    }

    /** The services of this container, built on first use from the process environment. */
    public static Services shared() {
        Services s = shared;
        if (s == null) {
            synchronized (Services.class) {
                s = shared;
                if (s == null) {
                    AppConfig config = AppConfig.fromEnvironment(System.getenv());
                    s = new Services(config, Clock.systemUTC(), dynamoClient(config), sesSender(config));
                    shared = s;
                }
            }
        }
        return s;
    }

    /**
     * The DynamoDB client: explicit region, credentials from the Lambda environment and the JDK's HTTP
     * client, so that building it does no discovery work at cold start.
     */
    public static DynamoDbClient dynamoClient(AppConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create());
        if (config.dynamoEndpoint() != null) {
            builder.endpointOverride(config.dynamoEndpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return builder.build();
    }

    public static EmailSender sesSender(AppConfig config) {
        return new SesV2EmailSender(SesV2EmailSender.client(Region.of(config.region()), config.email().sesEndpoint()),
                config.email().configurationSet());
    }

    private static QualificationModel loadModelFile(String file) {
        try {
            return ModelLoader.load(Files.readString(Path.of(file)), file);
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
        return model;
    }

    public Qualifier qualifier() {
        return qualifier;
    }

    public LeadStore leadStore() {
        return leadStore;
    }

    public Outbox outbox() {
        return outbox;
    }

    public TokenService tokens() {
        return tokens;
    }

    public LeadUpdates leadUpdates() {
        return leadUpdates;
    }

    public SubmitForm submitForm() {
        return submitForm;
    }

    public DispatchOutbox dispatcher() {
        return dispatcher;
    }

    public ReviewTiers reviewTiers() {
        return reviewTiers;
    }

    public CapacityMeter capacity() {
        return capacity;
    }
}
