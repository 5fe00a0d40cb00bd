package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.ports.SecretSource;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The probe serves an event as the Lambda runtime serves a stream handler, and refuses any other kind; its CRT
 * modes build the functions' clients with the CRT client and otherwise the same settings.
 */
class ColdStartProbeTest {
    @TempDir
    Path dir;

    /** Answers with the event it is sent. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(input.readAllBytes());
        }
    }

    public static final class Pojo implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    String probe(String handler, String event) throws Exception {
        Path file = Files.writeString(dir.resolve("event.json"), event);
        return printed(() -> ColdStartProbe.main(new String[]{"TestFunction", handler, file.toString()}));
    }

    interface Probe {
        void run() throws Exception;
    }

    /** What the probe prints on System.out. */
    static String printed(Probe probe) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            probe.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} → status {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"statusCode\": 201, \"headers\": {\"statusCode\": \"500\"}, \"body\": \"{}\"} | 201",
            "{\"headers\": {\"a\": [1]}, \"body\": \"x\", \"statusCode\": 303}             | 303",
            "{\"sent\": 1, \"retried\": 0, \"dropped\": 0}                                 | 0",
            "''                                                                           | 0",
    })
    void theStatusIsTheStatusCodeOfTheAnswer(String answer, int status) throws Exception {
        String line = probe(Echo.class.getName(), answer);

        assertThat(line).startsWith("{\"probe\":\"TestFunction\",\"status\":" + status + ",");
    }

    /** A function's settings; building the clients contacts nothing. */
    static Map<String, String> environment() {
        return new HashMap<>(Map.of("LEADS_TABLE", "leads", "AWS_REGION", "eu-west-1"));
    }

    @Test
    void theSdkOnlyCrtModeBuildsTheClientsWithoutAHandlerOrAnEvent() throws Exception {
        String line = printed(() -> ColdStartProbe.probe(System.nanoTime(), new String[]{"sdk-only-crt"}, environment()));

        assertThat(line).startsWith("{\"probe\":\"sdk-only-crt\",\"status\":0,");
    }

    /**
     * The CRT clients mirror the functions' factories; what the built clients show of their settings must agree
     * (the HTTP clients' own timeouts they do not show).
     */
    @Test
    void theCrtClientsHaveTheSettingsOfTheFunctionsFactories() {
        AppConfig config = AppConfig.fromEnvironment(environment(), SecretSource.NONE);
        Region region = Region.of(config.region());
        try (DynamoDbClient shipped = Services.dynamoClient(config).build();
             DynamoDbClient crt = ColdStartProbe.CrtClients.dynamo(config);
             SesV2Client shippedSes = SesV2EmailSender.clientBuilder(region).build();
             SesV2Client crtSes = ColdStartProbe.CrtClients.ses(region)) {
            assertThat(settings(crt.serviceClientConfiguration())).isEqualTo(settings(shipped.serviceClientConfiguration()));
            assertThat(settings(crtSes.serviceClientConfiguration())).isEqualTo(settings(shippedSes.serviceClientConfiguration()));
        }
    }

    private static List<Object> settings(AwsServiceClientConfiguration c) {
        ClientOverrideConfiguration o = c.overrideConfiguration();
        return List.of(c.region(), c.endpointOverride(), c.credentialsProvider().getClass(), o.apiCallTimeout(),
                o.apiCallAttemptTimeout(), o.retryStrategy().map(RetryStrategy::maxAttempts));
    }

    @Test
    void aHandlerThatIsNoStreamHandlerIsRefused() {
        assertThatThrownBy(() -> probe(Pojo.class.getName(), "\"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Pojo.class.getName() + " is not a RequestStreamHandler");
    }
}
