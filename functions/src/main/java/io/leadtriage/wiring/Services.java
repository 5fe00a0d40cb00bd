package io.leadtriage.wiring;

import io.leadtriage.adapters.dynamodb.CapacityMeter;
import io.leadtriage.adapters.dynamodb.DynamoLeadStore;
import io.leadtriage.app.SubmitForm;
import io.leadtriage.app.ports.LeadStore;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.config.ModelLoader;
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
 * {@link #shared()}; tests and the local runner build their own with a test clock or a local DynamoDB.
 */
public final class Services {
    private static volatile Services shared;

    private final AppConfig config;
    private final Clock clock;
    private final QualificationModel model;
    private final Qualifier qualifier;
    private final LeadStore leadStore;
    private final TokenService tokens;
    private final SubmitForm submitForm;
    private final CapacityMeter capacity = new CapacityMeter();

    public Services(AppConfig config, Clock clock, DynamoDbClient dynamo) {
        this.config = config;
        this.clock = clock;
        this.model = config.modelFile() == null ? ModelLoader.loadDefault() : loadModelFile(config.modelFile());
        this.qualifier = new Qualifier(model, clock);
        this.leadStore = new DynamoLeadStore(dynamo, config.leadsTable(), capacity);
        this.tokens = new TokenService(config.tokenSigningKey(), clock);
        this.submitForm = new SubmitForm(leadStore, qualifier, clock);
    }

    /** The services of this container, built on first use from the process environment. */
    public static Services shared() {
        Services s = shared;
        if (s == null) {
            synchronized (Services.class) {
                s = shared;
                if (s == null) {
                    AppConfig config = AppConfig.fromEnvironment(System.getenv());
                    s = new Services(config, Clock.systemUTC(), dynamoClient(config));
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

    public TokenService tokens() {
        return tokens;
    }

    public SubmitForm submitForm() {
        return submitForm;
    }

    public CapacityMeter capacity() {
        return capacity;
    }
}
