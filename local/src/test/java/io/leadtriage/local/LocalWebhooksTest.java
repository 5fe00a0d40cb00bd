package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.testing.LeadEventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed webhooks on the local run, through the real HTTP adapter: a hot lead's events reach the local subscriber
 * ({@value WebhookReceiver#SUBSCRIBER}) signed, each verified as a subscriber would and the same as on the bus;
 * lead.hot within a second of the post; a delivery the receiver refuses for good is a dead letter that a replay
 * delivers; and a forged or unsigned request is refused by the receiver.
 */
class LocalWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final LocalRunForTheClass local = new LocalRunForTheClass();

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String postHotLead(String name) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/v1/forms/demo"))
                .header("Content-Type", "application/json").header("Accept", "application/json").header("Origin", local.runner().baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + name.toLowerCase().replace(' ', '.') + "+"
                        + UUID.randomUUID().toString().substring(0, 8) + "@acme.io\",\"name\":\"" + name
                        + "\",\"company\":\"Acme\",\"timeline\":\"now\"}")));
        assertThat(answer.statusCode()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("leadId").asText();
    }

    static List<JsonNode> deliveriesFor(String leadId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode d : JSON.readTree(send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/_local/webhooks")).GET()).body())) {
            if (leadId.equals(d.path("body").path("leadId").asText())) {
                found.add(d);
            }
        }
        return found;
    }

    @Test
    void aHotLeadsEventsReachTheLocalSubscriberSignedAndVerifiedLeadHotWithTheAlert() throws Exception {
        postHotLead("Warm Up"); // a fresh JVM's first hot lead loads the code paths
        String leadId = postHotLead("Ada Webhook");
        // Read once, right after the answer, never polled: lead.hot's deliveries go out with the alert, inside the
        // request. How long that takes is a benchmark's figure (AlertLatency), not an assertion on a shared machine.
        List<JsonNode> deliveries = deliveriesFor(leadId);

        assertThat(deliveries).extracting(d -> d.path("event").asText()).containsExactly("lead.created", "lead.hot");
        for (JsonNode d : deliveries) {
            assertThat(d.path("verified").asBoolean()).as(d.toString()).isTrue();
            assertThat(d.path("status").asInt()).isEqualTo(204);
            assertThat(d.path("attempt").asInt()).isEqualTo(1);
            assertThat(d.path("eventId").asText()).isEqualTo(d.path("body").path("eventId").asText());
            LeadEventSchemas.check(d.path("event").asText(), d.path("body").toString());
        }
        JsonNode onTheBus = null;
        for (JsonNode e : JSON.readTree(send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/_local/events")).GET()).body())) {
            if ("lead.hot".equals(e.path("detail-type").asText()) && leadId.equals(e.path("detail").path("leadId").asText())) {
                onTheBus = e.path("detail");
            }
        }
        assertThat(deliveries.get(1).path("body")).as("the event as the bus has it").isEqualTo(onTheBus);
        String console = send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/_local/")).GET()).body();
        assertThat(console).contains("<h2>Webhooks</h2>", "signature verified");
    }

    @Test
    void aDeliveryRefusedForGoodIsADeadLetterThatAReplayDelivers() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/_local/webhooks/fail"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"times\":2,\"status\":410}"))).statusCode()).isEqualTo(200);
        String leadId = postHotLead("Bo Deadletter");
        assertThat(deliveriesFor(leadId)).extracting(d -> d.path("status").asInt()).containsExactly(410, 410);
        assertThat(local.runner().services().replayWebhooks().list(WebhookReceiver.SUBSCRIBER, 10, null).deadLetters())
                .extracting(d -> d.item().leadId()).contains(leadId);

        local.runner().services().replayWebhooks().replayAll(WebhookReceiver.SUBSCRIBER, Duration.ofSeconds(5));
        assertThat(send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/_local/dispatch"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);

        List<JsonNode> deliveries = deliveriesFor(leadId);
        assertThat(deliveries).extracting(d -> d.path("status").asInt()).containsExactly(410, 410, 204, 204);
        assertThat(deliveries.subList(2, 4)).allMatch(d -> d.path("verified").asBoolean() && d.path("attempt").asInt() == 1);
        assertThat(local.runner().services().replayWebhooks().list(WebhookReceiver.SUBSCRIBER, 10, null).deadLetters())
                .noneMatch(d -> d.item().leadId().equals(leadId));
    }

    @Test
    void theReceiverRefusesAForgedSignatureAndAnUnsignedBody() throws Exception {
        URI hook = URI.create(local.runner().baseUrl() + WebhookReceiver.PATH + WebhookReceiver.SUBSCRIBER);
        byte[] body = "{\"event\":\"lead.hot\",\"leadId\":\"forged\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> forged = send(HttpRequest.newBuilder(hook)
                .header("X-Leadtriage-Signature", RequestSignature.header("not-the-subscribers-key-0123", java.time.Instant.now(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("signature_invalid");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(deliveriesFor("forged")).extracting(d -> d.path("verified").asBoolean()).containsExactly(false, false);
    }
}
