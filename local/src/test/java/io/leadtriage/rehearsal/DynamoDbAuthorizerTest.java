package io.leadtriage.rehearsal;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal's stand-in for IAM before DynamoDB Local: template.yaml's roles as the stack resolves them, and
 * calls as the SDK makes them (the X-Amz-Target header and the JSON body), before a made-up DynamoDB that answers
 * every call it gets.
 */
class DynamoDbAuthorizerTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger reached = new AtomicInteger();
    static SimulatedStack stack;
    static HttpServer dynamo;
    static String table;

    @BeforeAll
    static void deploy() throws IOException {
        stack = SimulatedStack.deploy(SamBuild.template(), SimulatedStack.Settings.fromSamConfig(
                SamBuild.template().resolveSibling("samconfig.toml")));
        table = stack.ref("LeadsTable");
        dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        dynamo.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"Item\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("x-amz-crc32", "1234");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        dynamo.start();
    }

    @AfterAll
    static void stop() {
        dynamo.stop(0);
    }

    static HttpResponse<String> call(DynamoDbAuthorizer authorizer, String operation, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(authorizer.endpoint().resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    DynamoDbAuthorizer authorizer(String function) {
        return DynamoDbAuthorizer.start(stack, function, URI.create("http://127.0.0.1:" + dynamo.getAddress().getPort()));
    }

    String onTable(String... extra) {
        return "{\"TableName\":\"" + table + "\"" + String.join("", extra) + "}";
    }

    String transaction(String... kinds) {
        StringBuilder items = new StringBuilder();
        for (String kind : kinds) {
            items.append(items.isEmpty() ? "" : ",").append("{\"").append(kind).append("\":{\"TableName\":\"").append(table).append("\"}}");
        }
        return "{\"TransactItems\":[" + items + "]}";
    }

    @Test
    void whatTheRoleAllowsGoesThroughUnchangedAndTheRestIsAccessDenied() throws Exception {
        try (DynamoDbAuthorizer unsubscribe = authorizer("UnsubscribeFunction")) {
            int before = reached.get();
            HttpResponse<String> get = call(unsubscribe, "GetItem", onTable());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("{\"Item\":{}}");
            assertThat(get.headers().firstValue("x-amz-crc32")).hasValue("1234");
            assertThat(call(unsubscribe, "TransactWriteItems", transaction("Put", "Delete")).statusCode()).isEqualTo(200);

            // Its lead changes carry the report counters' updates: UpdateItem, in and out of a transaction.
            assertThat(call(unsubscribe, "UpdateItem", onTable()).statusCode()).isEqualTo(200);
            assertThat(call(unsubscribe, "TransactWriteItems", transaction("Put", "Update")).statusCode()).isEqualTo(200);

            HttpResponse<String> query = call(unsubscribe, "Query", onTable());
            assertThat(query.statusCode()).isEqualTo(400);
            assertThat(query.body()).contains("AccessDeniedException", "dynamodb:Query", table);
            assertThat(call(unsubscribe, "TransactWriteItems", transaction("ConditionCheck")).statusCode()).isEqualTo(400);
            assertThat(call(unsubscribe, "Scan", onTable()).statusCode()).isEqualTo(400);

            assertThat(reached.get() - before).as("calls that reached DynamoDB").isEqualTo(4);
            String arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + table;
            assertThat(unsubscribe.denied()).containsExactly("dynamodb:Query " + arn, "dynamodb:ConditionCheckItem " + arn,
                    "dynamodb:Scan " + arn);
            assertThat(unsubscribe.allowed()).containsExactlyInAnyOrder("dynamodb:GetItem table/" + table,
                    "dynamodb:UpdateItem table/" + table,
                    "dynamodb:PutItem table/" + table, "dynamodb:DeleteItem table/" + table);
        }
    }

    @Test
    void anIndexIsQueriedOnItsOwnArn() throws Exception {
        try (DynamoDbAuthorizer admin = authorizer("AdminFunction"); DynamoDbAuthorizer dispatch = authorizer("DispatchFunction")) {
            for (String index : List.of("LeadsIndex", "TierIndex", "StageIndex")) {
                assertThat(call(admin, "Query", onTable(",\"IndexName\":\"" + index + "\"")).statusCode()).as(index).isEqualTo(200);
            }
            assertThat(call(admin, "Query", onTable()).statusCode()).isEqualTo(200);
            // The webhooks' dead letters are a shard of the DueIndex; the tier review's index is not the admin's.
            assertThat(call(admin, "Query", onTable(",\"IndexName\":\"DueIndex\"")).statusCode()).isEqualTo(200);
            assertThat(call(admin, "Query", onTable(",\"IndexName\":\"ReviewIndex\"")).statusCode()).isEqualTo(400);
            assertThat(call(admin, "Scan", onTable()).statusCode()).isEqualTo(400);

            assertThat(call(dispatch, "Query", onTable(",\"IndexName\":\"DueIndex\"")).statusCode()).isEqualTo(200);
            // The table itself: a lead's pending events, in order (PublishEventsPolicy); not another function's index.
            assertThat(call(dispatch, "Query", onTable()).statusCode()).isEqualTo(200);
            assertThat(call(dispatch, "Query", onTable(",\"IndexName\":\"ReviewIndex\"")).statusCode()).isEqualTo(400);
            assertThat(call(dispatch, "TransactWriteItems", transaction("Put", "Update")).statusCode()).isEqualTo(200);
            assertThat(call(dispatch, "TransactWriteItems", transaction("Delete")).statusCode()).isEqualTo(400);
        }
    }
}
