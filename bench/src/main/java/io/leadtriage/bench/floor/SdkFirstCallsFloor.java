package io.leadtriage.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.SecretSource;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The SDK's floor for a function: at init (the constructor, which the runtime calls before its first
 * {@code invocation/next}) the two clients every function builds, by the functions' own factories
 * ({@link Services#dynamoClient}, {@link SesV2EmailSender#clientBuilder}) from the function's environment; at the
 * first invocation one GetItem on the stack's leads table and one SendEmail, then {@code {}}. What a function's
 * start cannot avoid with these clients: the SDK's classes, the credentials fetch, the endpoint rules, the first
 * connections. Secrets are the functions' own work, not the SDK's floor: none is read ({@link SecretSource#NONE}),
 * so the environment it runs with has no secret variables.
 */
public final class SdkFirstCallsFloor implements RequestStreamHandler {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final AppConfig config;
    private final DynamoDbClient dynamo;
    private final SesV2Client ses;

    public SdkFirstCallsFloor() {
        this.config = AppConfig.fromEnvironment(System.getenv(), SecretSource.NONE);
        this.dynamo = Services.dynamoClient(config).build();
        this.ses = SesV2EmailSender.clientBuilder(Region.of(config.region())).build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        firstCalls(config, dynamo, ses, "sdk-first-calls");
        output.write(EMPTY_OBJECT);
    }

    /**
     * A consistent GetItem that finds nothing and a one-line email to the configured sender's SES: what the SDK loads
     * and warms on first use. Shared with the in-process probe, so both floors make the same calls.
     */
    public static void firstCalls(AppConfig config, DynamoDbClient dynamo, SesV2Client ses, String label) {
        dynamo.getItem(r -> r.tableName(config.leadsTable()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("BENCH#cold-start"), "sk", AttributeValue.fromS("NONE"))));
        ses.sendEmail(r -> r.fromEmailAddress(config.email().senderAddress())
                .destination(d -> d.toAddresses("cold-start-probe@example.com"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("cold start probe"))
                        .body(b -> b.text(t -> t.data(label))))));
    }
}
