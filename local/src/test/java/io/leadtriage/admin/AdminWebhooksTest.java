package io.leadtriage.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.outbox.WebhookSubscriptions;
import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.app.ports.EventPublisher;
import io.leadtriage.app.ports.WebhookSender;
import io.leadtriage.handlers.AdminHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.AdminRequests;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Outlets;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks' dead letters through the admin routes, on DynamoDB Local: a subscriber that removed its hook (410)
 * leaves dead letters, listed page by page without the events' bodies; replayed one by its ids or all of the
 * subscriber once the hook is back, then delivered by the dispatcher's next pass; bad input refused with a code.
 */
class AdminWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEAD_LETTERS = "/v1/admin/webhooks/dead-letters";
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-10-20T10:00:00Z"));
    final Subscriber crm = new Subscriber();
    Services services;
    FormHandler forms;
    AdminHandler admin;

    /** A CRM's hook that takes lead.created and answers 410 Gone while it is removed. */
    static final class Subscriber implements WebhookSender {
        volatile boolean gone = true;
        final List<Delivery> taken = new ArrayList<>();

        @Override
        public WebhookSubscriptions subscriptions() {
            return new WebhookSubscriptions(Map.of("crm-sync", Set.of("lead.created")));
        }

        @Override
        public synchronized void deliver(String subscriber, Delivery delivery) {
            if (gone) {
                throw new WebhookDeliveryException(subscriber + " answered HTTP 410", 410, null, false);
            }
            taken.add(delivery);
        }
    }

    @BeforeEach
    void start() {
        services = TestServices.create(clock, new MailCatcher(clock), DynamoBackend.freshTable("webhooks"),
                TestServices.ADMIN_TOKEN, new Outlets(EventPublisher.NONE, ChatSender.ELSEWHERE, crm));
        forms = new FormHandler(services);
        admin = new AdminHandler(services);
    }

    String newLead(int i) {
        String leadId = FormPosts.submit(forms, "newsletter", Map.of("email", "dead" + i + "@acme-analytics.io"));
        clock.advance(Duration.ofSeconds(1));
        services.publishLeadEvents().publishDue(100, Duration.ofSeconds(5));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));
        return leadId;
    }

    JsonNode call(String method, String routePath, String rawPath, Map<String, String> path, Map<String, String> query,
                  String body, int expectedStatus) throws Exception {
        return AdminRequests.call(admin, method, routePath, rawPath, path, query, body, expectedStatus);
    }

    JsonNode list(Map<String, String> query) throws Exception {
        return call("GET", DEAD_LETTERS, DEAD_LETTERS, null, query, null, 200);
    }

    @Test
    void deadLettersAreListedPageByPageWithoutTheirBodiesThenReplayedAndDelivered() throws Exception {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leads.add(newLead(i));
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2", "subscriber", "crm-sync"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = list(query);
            for (JsonNode d : page.path("deadLetters")) {
                listed.add(d.path("leadId").asText());
                assertThat(d.path("subscriber").asText()).isEqualTo("crm-sync");
                assertThat(d.path("event").asText()).isEqualTo("lead.created");
                assertThat(d.path("attempts").asInt()).isEqualTo(1);
                assertThat(d.path("error").asText()).isEqualTo("crm-sync answered HTTP 410");
                assertThat(d.path("deliveryId").asText()).startsWith("webhook-crm-sync-event-");
                assertThat(d.has("body")).isFalse();
                assertThat(d.toString()).doesNotContain("@acme-analytics.io");
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null && listed.size() < 10);
        assertThat(listed).containsExactlyElementsOf(leads);

        crm.gone = false;
        JsonNode first = list(Map.of("limit", "1")).path("deadLetters").get(0);
        String deliveryId = first.path("deliveryId").asText();
        String path = DEAD_LETTERS + "/" + leads.get(0) + "/" + deliveryId + "/replay";
        assertThat(call("POST", DEAD_LETTERS + "/{leadId}/{deliveryId}/replay", path,
                Map.of("leadId", leads.get(0), "deliveryId", deliveryId), null, null, 200).path("replayed").asInt()).isEqualTo(1);
        call("POST", DEAD_LETTERS + "/{leadId}/{deliveryId}/replay", path,
                Map.of("leadId", leads.get(0), "deliveryId", deliveryId), null, null, 404);
        JsonNode all = call("POST", DEAD_LETTERS + "/replay", DEAD_LETTERS + "/replay", null, null,
                "{\"subscriber\":\"crm-sync\"}", 200);
        assertThat(all.path("replayed").asInt()).isEqualTo(2);
        assertThat(all.path("more").asBoolean()).isFalse();
        assertThat(list(Map.of()).path("deadLetters")).isEmpty();

        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));
        assertThat(crm.taken).hasSize(3).allMatch(d -> d.attempt() == 1 && d.eventType().equals("lead.created"));
    }

    @Test
    void badInputIsRefusedWithAStableCode() throws Exception {
        assertThat(call("GET", DEAD_LETTERS, DEAD_LETTERS, null, Map.of("limit", "0"), null, 400).toString()).contains("invalid_field", "limit");
        assertThat(call("GET", DEAD_LETTERS, DEAD_LETTERS, null, Map.of("limit", "many"), null, 400).toString()).contains("limit");
        assertThat(call("GET", DEAD_LETTERS, DEAD_LETTERS, null, Map.of("cursor", "bm90LWEtY3Vyc29y"), null, 400).toString())
                .contains("cursor");
        assertThat(call("GET", DEAD_LETTERS, DEAD_LETTERS, null, Map.of("subscriber", "CRM Sync!"), null, 400).toString())
                .contains("subscriber");
        assertThat(call("POST", DEAD_LETTERS + "/replay", DEAD_LETTERS + "/replay", null, null, "{\"subscriber\":\"../x\"}", 400)
                .toString()).contains("subscriber");
        assertThat(call("POST", DEAD_LETTERS + "/{leadId}/{deliveryId}/replay", DEAD_LETTERS + "/nobody/nothing/replay",
                Map.of("leadId", "nobody", "deliveryId", "nothing"), null, null, 404).toString()).contains("not_found");
    }
}
