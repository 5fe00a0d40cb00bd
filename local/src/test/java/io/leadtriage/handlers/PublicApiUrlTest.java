package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.TestServices;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API URL a lead's later email links are built on, when no PUBLIC_API_URL is set: the URL its request came in
 * on, as the envelope says it (domain, and API Gateway's x-forwarded-proto and -port).
 */
class PublicApiUrlTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String apiBaseOfALeadPostedWith(String publicApiUrl, APIGatewayV2HTTPEvent envelope) throws Exception {
        AppConfig config = new AppConfig(DynamoBackend.LEADS_TABLE, List.of(TestServices.ORIGIN),
                SigningKeys.of(TestServices.SIGNING_KEY), "us-east-1", null, EmailSettings.local(publicApiUrl), List.of(),
                null, AbuseLimits.NONE, HumanCheckSettings.NONE, TestServices.EMAIL_INDEX_KEY);
        Services services = new Services(config, Clock.systemUTC(), DynamoBackend.client(), new MailCatcher(Clock.systemUTC()));
        String email = "url+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-analytics.io";
        APIGatewayV2HTTPResponse response = new FormHandler(services).handleRequest(
                Events.forForm(Events.withJsonBody(envelope, Map.of("email", email)), "newsletter"), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        String leadId = JSON.readTree(response.getBody()).path("leadId").asText();
        return services.storage().queries().findById(leadId).orElseThrow().apiBaseUrl();
    }

    @Test
    void deployedItIsTheHttpsDomainTheRequestCameIn() throws Exception {
        assertThat(apiBaseOfALeadPostedWith(null, Events.load("form-get-started-json.json")))
                .isEqualTo("https://abc123defg.execute-api.eu-west-1.amazonaws.com");
    }

    @Test
    void aConfiguredPublicUrlWins() throws Exception {
        assertThat(apiBaseOfALeadPostedWith("https://api.leadtriage.example", Events.load("form-get-started-json.json")))
                .isEqualTo("https://api.leadtriage.example");
    }

    @Test
    void locallyItIsTheNameAndPortTheRequestCameTo() throws Exception {
        APIGatewayV2HTTPEvent local = Events.load("form-get-started-json.json");
        local.getRequestContext().setDomainName("127.0.0.1");
        local.getHeaders().putAll(Map.of("host", "127.0.0.1:3000", "x-forwarded-proto", "http", "x-forwarded-port", "3000"));

        assertThat(apiBaseOfALeadPostedWith(null, local)).isEqualTo("http://127.0.0.1:3000");
    }

    @Test
    void aSchemeOtherThanHttpOrHttpsIsNotTaken() throws Exception {
        APIGatewayV2HTTPEvent odd = Events.load("form-get-started-json.json");
        odd.getHeaders().putAll(Map.of("x-forwarded-proto", "javascript", "x-forwarded-port", "443/x"));

        assertThat(apiBaseOfALeadPostedWith(null, odd)).isEqualTo("https://abc123defg.execute-api.eu-west-1.amazonaws.com");
    }
}
