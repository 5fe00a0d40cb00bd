package io.leadtriage.handlers;

import io.leadtriage.TestModelText;
import io.leadtriage.app.tokens.SigningKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.Tier;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optional Turnstile verification against a stand-in siteverify on loopback: a passed challenge goes
 * through, a failed one (or one for another hostname) is a 400, and a verifier that is down keeps the
 * lead as a spam suspect and alerts nobody.
 */
class HumanCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final MailCatcher mail = new MailCatcher(clock);
    final AtomicReference<String> siteverifyAnswer = new AtomicReference<>();
    HttpServer siteverify;
    Services services;

    @BeforeEach
    void start() throws IOException {
        siteverify = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        siteverify.createContext("/siteverify", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = siteverifyAnswer.get();
            int status = answer.startsWith("5") ? 503 : 200;
            byte[] body = (status == 200 ? answer.replace("$secretOk", String.valueOf(form.contains("secret=test-secret")))
                    : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        siteverify.start();
    }

    @AfterEach
    void stop() {
        siteverify.stop(0);
    }

    Services services(URI endpoint) {
        AppConfig config = new AppConfig(DynamoBackend.freshTable("human"), List.of(TestServices.ORIGIN), SigningKeys.of(TestServices.SIGNING_KEY),
                "us-east-1", TestModelText.file(), EmailSettings.local("https://api.leadtriage.example"), List.of(), null,
                AbuseLimits.NONE, new HumanCheckSettings("test-secret", endpoint, "get-started"), TestServices.EMAIL_INDEX_KEY);
        return new Services(config, clock, DynamoBackend.client(), mail);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "passed                   | 201 | {\"success\":$secretOk,\"hostname\":\"localhost\",\"action\":\"get-started\"}",
            "failed                   | 400 | {\"success\":false,\"error-codes\":[\"invalid-input-response\"]}",
            "for another hostname     | 400 | {\"success\":true,\"hostname\":\"evil.example\",\"action\":\"get-started\"}",
            "for another action       | 400 | {\"success\":true,\"hostname\":\"localhost\",\"action\":\"newsletter\"}",
            "verifier answering 503   | 201 | 503",
            "verifier down            | 201 | down",
    })
    void theChallengeIsVerifiedOnTheServer(String what, int status, String answer) throws Exception {
        siteverifyAnswer.set(answer);
        URI endpoint = answer.equals("down") ? URI.create("http://127.0.0.1:9/siteverify")
                : URI.create("http://127.0.0.1:" + siteverify.getAddress().getPort() + "/siteverify");
        services = services(endpoint);
        FormHandler forms = new FormHandler(services);
        Map<String, Object> body = new HashMap<>(Map.of("email", "human+" + UUID.randomUUID().toString().substring(0, 8)
                        + "@northwind-saas.com", "name", "Hu Man", "company", "Northwind", "timeline", "now",
                "cf-turnstile-response", "XXXX.DUMMY.TOKEN", "submissionId", UUID.randomUUID().toString()));
        APIGatewayV2HTTPEvent event = Events.forForm(Events.withJsonBody(Events.load("form-get-started-json.json"), body), "demo");

        APIGatewayV2HTTPResponse response = forms.handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        if (status == 400) {
            assertThat(JSON.readTree(response.getBody()).path("error").path("fields").path("cf-turnstile-response").asText())
                    .isEqualTo("please complete the challenge");
            return;
        }
        LeadRecord lead = services.storage().queries().findById(JSON.readTree(response.getBody()).path("leadId").asText()).orElseThrow();
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        boolean verifierDown = !what.equals("passed");
        assertThat(lead.sales().spamSuspect()).isEqualTo(verifierDown);
        assertThat(mail.caught()).as("a spam suspect alerts nobody").hasSize(verifierDown ? 0 : 1);
    }
}
