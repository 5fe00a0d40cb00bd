package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.LocalClients;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.local.SesEmulator;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Time from a hot form submission reaching the handler to its sales alert being accepted by SES (the SES
 * v2 emulator on loopback), with DynamoDB Local in-process: the "within seconds" promise, measured.
 * {@code mvn -q -DskipTests -Pbench -Dbench=AlertLatency -pl bench -am package}
 */
public final class AlertLatency {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final int WARMUP = 20;
    static final int RUNS = 100;

    public static void main(String[] args) throws Exception {
        Path root = SamTemplate.locate().getParent();
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(null);
             SesEmulator ses = new SesEmulator(root.resolve("test-support/node_modules/.bin/aws-ses-v2-local"))) {
            DynamoDbClient client = dynamo.client();
            DynamoDbLocal.createTables(client, SamTemplate.read(SamTemplate.locate()));
            EmailSender toSes = new SesV2EmailSender(LocalClients.ses(ses.endpoint()), null);
            long[] acceptedAt = new long[1];
            EmailSender timed = email -> {
                String id = toSes.send(email);
                if (email.kind() == EmailKind.SALES_ALERT) {
                    acceptedAt[0] = System.nanoTime();
                }
                return id;
            };
            Services services = new Services(new AppConfig("LeadsTable", List.of("http://localhost:3000"),
                    SigningKeys.of("benchmark-signing-key-0123456789abcdef0123456789"), "us-east-1", null,
                    EmailSettings.local("http://localhost:3000"), List.of(), null, AbuseLimits.NONE, HumanCheckSettings.NONE, "bench-email-index-key-0123456789abcdef0123456789"), Clock.systemUTC(), client, timed);
            FormHandler handler = new FormHandler(services);
            APIGatewayV2HTTPEvent template = JSON.readValue(Files.readString(root.resolve("events/form-demo-multipart.json")),
                    APIGatewayV2HTTPEvent.class);

            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                ObjectNode body = JSON.createObjectNode()
                        .put("email", "hot+" + UUID.randomUUID() + "@northwind-saas.com").put("name", "Priya Shah")
                        .put("company", "Northwind").put("jobTitle", "VP Marketing").put("budget", "approved")
                        .put("timeline", "now").put("consent", "true");
                template.setBody(JSON.writeValueAsString(body));
                template.setIsBase64Encoded(false);
                template.getHeaders().put("content-type", "application/json");
                acceptedAt[0] = 0;
                long start = System.nanoTime();
                APIGatewayV2HTTPResponse response = handler.handleRequest(template, null);
                if (response.getStatusCode() != 201 || acceptedAt[0] == 0) {
                    throw new IllegalStateException("no alert for run " + i + ": HTTP " + response.getStatusCode());
                }
                if (i >= WARMUP) {
                    millis.add((acceptedAt[0] - start) / 1e6);
                }
            }
            Collections.sort(millis);
            System.out.printf("hot submission → sales alert accepted by SES (emulator), %d runs after %d warm-up:%n"
                    + "  p50 %.1f ms   p95 %.1f ms   max %.1f ms   (%d alerts stored by the emulator)%n",
                    RUNS, WARMUP, at(millis, 0.50), at(millis, 0.95), millis.get(millis.size() - 1),
                    ses.sentEmails().size());
        }
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
