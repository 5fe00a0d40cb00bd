package io.leadtriage.handlers;

import io.leadtriage.TestModelText;
import io.leadtriage.app.tokens.SigningKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.TestServices;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-IP and per-email limits on form posts: 429 with Retry-After, nothing stored for the refused ones. */
class AbuseLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:10Z"));
    String table;
    FormHandler forms;

    @BeforeEach
    void start() {
        table = DynamoBackend.freshTable("limits");
        AppConfig config = new AppConfig(table, List.of(TestServices.ORIGIN), SigningKeys.of(TestServices.SIGNING_KEY), "us-east-1",
                TestModelText.file(), EmailSettings.local("https://api.leadtriage.example"), List.of(), null, new AbuseLimits(3, 2),
                HumanCheckSettings.NONE, TestServices.EMAIL_INDEX_KEY);
        forms = new FormHandler(new Services(config, clock, DynamoBackend.client(), new MailCatcher(clock)));
    }

    APIGatewayV2HTTPResponse post(String email, String ip) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "submissionId", UUID.randomUUID().toString()));
        APIGatewayV2HTTPEvent event = Events.forForm(Events.withJsonBody(Events.load("form-get-started-json.json"), body),
                "newsletter");
        event.getRequestContext().getHttp().setSourceIp(ip);
        return forms.handleRequest(event, null);
    }

    @Test
    void oneClientAboveItsLimitGets429WithRetryAfterAndItsRequestIsNotStored() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("client" + i + "@acme.io", "198.51.100.7").getStatusCode()).isEqualTo(201);
        }
        int stored = DynamoBackend.scanAll(table).size();

        APIGatewayV2HTTPResponse refused = post("client3@acme.io", "198.51.100.7");

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refused.getBody()).path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.getHeaders().get("Retry-After"))).isBetween(1, 50);
        assertThat(DynamoBackend.scanAll(table).size()).as("only the counter moved").isEqualTo(stored);
        assertThat(post("other@acme.io", "203.0.113.99").getStatusCode()).as("another client is not affected").isEqualTo(201);

        clock.advance(Duration.ofMinutes(1));
        assertThat(post("client3@acme.io", "198.51.100.7").getStatusCode()).as("a new window").isEqualTo(201);
    }

    @Test
    void oneAddressSubmittedTooOftenGets429FromAnyClient() {
        assertThat(post("same@acme.io", "198.51.100.1").getStatusCode()).isEqualTo(201);
        assertThat(post("same@acme.io", "198.51.100.2").getStatusCode()).isEqualTo(201);
        assertThat(post("SAME@acme.io", "198.51.100.3").getStatusCode()).isEqualTo(429);
        assertThat(DynamoBackend.scanAll(table)).noneMatch(item -> item.toString().contains("198.51.100")
                || item.toString().contains("same@acme.io") && item.get("pk").s().startsWith("RATE#"));
    }
}
