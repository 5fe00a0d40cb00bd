package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.adapters.dynamodb.CapacityMeter;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.AbuseLimits;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Prints the DynamoDB capacity one form submission consumes (as DynamoDB reports it with
 * ReturnConsumedCapacity), for a new lead's step 1, its step 2 and a repeated submission: the figures
 * behind the cost model. A benchmark, not a test: {@code mvn -q -Pbench -Dbench=IntakeCapacity package}.
 */
public final class IntakeCapacity {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static void main(String[] args) throws Exception {
        Path events = SamTemplate.locate().getParent().resolve("events");
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(null)) {
            DynamoDbClient client = dynamo.client();
            DynamoDbLocal.createTables(client, SamTemplate.read(SamTemplate.locate()));
            Services services = new Services(new AppConfig("LeadsTable", List.of("http://localhost:3000"),
                    "benchmark-signing-key-0123456789abcdef0123456789", "us-east-1", null, null,
                    EmailSettings.local("http://localhost:3000", null), null, null, AbuseLimits.NONE, HumanCheckSettings.NONE), Clock.systemUTC(), client,
                    new MailCatcher(Clock.systemUTC()));
            FormHandler handler = new FormHandler(services);
            CapacityMeter meter = services.capacity();

            ObjectNode step1Body = (ObjectNode) JSON.readTree(body(events, "form-get-started-json.json"));
            step1Body.put("email", "capacity+" + UUID.randomUUID() + "@acme-analytics.io");
            APIGatewayV2HTTPEvent step1 = withBody(events, "form-get-started-json.json", step1Body);

            System.out.println("DynamoDB capacity per form submission. 'reported' is what DynamoDB Local returns with"
                    + " ReturnConsumedCapacity=TOTAL; 'by AWS rules' is computed from the items written, at the"
                    + " documented rates (transactional write: 2 WCU per KB per item; consistent read: 1 RCU per 4 KB).");
            TableDiff diff = new TableDiff(client, "LeadsTable");
            meter.reset();
            APIGatewayV2HTTPResponse created = handler.handleRequest(step1, null);
            print("new lead, step 1", created, meter, diff);

            ObjectNode step2Body = (ObjectNode) JSON.readTree(body(events, "form-get-started-step2.json"));
            step2Body.put("_token", JSON.readTree(created.getBody()).path("token").asText());
            meter.reset();
            print("step 2", handler.handleRequest(withBody(events, "form-get-started-step2.json", step2Body), null),
                    meter, diff);

            meter.reset();
            print("repeated submission", handler.handleRequest(step1, null), meter, diff);

            ObjectNode known = step1Body.deepCopy();
            known.put("submissionId", UUID.randomUUID().toString());
            meter.reset();
            print("known lead, new submission", handler.handleRequest(withBody(events, "form-get-started-json.json", known),
                    null), meter, diff);
        }
    }

    private static String body(Path events, String file) throws Exception {
        return JSON.readTree(Files.readString(events.resolve(file))).path("body").asText();
    }

    private static APIGatewayV2HTTPEvent withBody(Path events, String file, JsonNode body) throws Exception {
        APIGatewayV2HTTPEvent event = JSON.readValue(Files.readString(events.resolve(file)), APIGatewayV2HTTPEvent.class);
        event.setBody(JSON.writeValueAsString(body));
        event.setIsBase64Encoded(false);
        return event;
    }

    /** Each consistent GetItem of an item under 4 KB is 1 RCU; every item here is far below that. */
    private static void print(String what, APIGatewayV2HTTPResponse response, CapacityMeter meter, TableDiff diff) {
        long reads = meter.readRequests();
        List<Integer> written = diff.changedItemSizes();
        int wcu = written.stream().mapToInt(size -> 2 * (int) Math.ceil(size / 1024.0)).sum();
        System.out.printf("%-28s HTTP %d   reported: %4.1f RCU %4.1f WCU   by AWS rules: %2d RCU %3d WCU"
                        + " (%d items written, largest %d bytes)%n", what, response.getStatusCode(), meter.readUnits(),
                meter.writeUnits(), reads, wcu, written.size(), written.stream().mapToInt(i -> i).max().orElse(0));
    }
}
