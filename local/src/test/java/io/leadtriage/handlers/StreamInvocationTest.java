package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP functions as Lambda calls them: the real envelopes of events/ as bytes through the stream method answer
 * as the typed call does with the event data binding reads from the same file, against DynamoDB from template.yaml.
 * Each call is another visitor (the email address and submission id in the body made unique), so both create.
 */
class StreamInvocationTest {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._-]+)(@|%40)([A-Za-z0-9.-]+)");
    static final Pattern SUBMISSION_ID = Pattern.compile("\"submissionId\": \"[0-9a-f-]+\"");
    static final Pattern TOKEN_IN_URL = Pattern.compile("token=[^&#]+");

    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final Services services = TestServices.create(clock);
    final FormHandler forms = new FormHandler(services);

    @BeforeEach
    void backend() {
        DynamoBackend.client();
    }

    /** One visitor's envelope: the file as it is but for the body, and the address it sends (null if none). */
    record Visit(byte[] envelope, String email) {
    }

    /** The file's envelope for a visitor of its own; a step 2 carries the token of a step 1 made for it. */
    Visit visit(String file) throws IOException {
        ObjectNode envelope = (ObjectNode) JSON.readTree(Files.readString(Events.dir().resolve(file)));
        boolean base64 = envelope.path("isBase64Encoded").asBoolean();
        String body = envelope.path("body").asText();
        body = base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        String visitor = UUID.randomUUID().toString().substring(0, 8);
        Matcher address = ADDRESS.matcher(body);
        String email = null;
        if (address.find()) {
            email = (address.group(1) + "." + visitor + "@" + address.group(3)).toLowerCase(Locale.ROOT);
            body = address.replaceFirst("$1." + visitor + "$2$3");
        }
        body = SUBMISSION_ID.matcher(body).replaceAll("\"submissionId\": \"" + UUID.randomUUID() + "\"");
        if (body.contains("PASTE_THE_TOKEN_FROM_STEP_1")) {
            body = body.replace("PASTE_THE_TOKEN_FROM_STEP_1", step1Token());
        }
        envelope.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        return new Visit(JSON.writeValueAsBytes(envelope), email);
    }

    String step1Token() throws IOException {
        APIGatewayV2HTTPResponse step1 = forms.handleRequest(
                JSON.readValue(visit("form-get-started-json.json").envelope(), APIGatewayV2HTTPEvent.class), null);
        assertThat(step1.getStatusCode()).isEqualTo(201);
        return JSON.readTree(step1.getBody()).path("token").asText();
    }

    static APIGatewayV2HTTPResponse typed(HttpFunction function, byte[] envelope) throws IOException {
        return function.handleRequest(JSON.readValue(envelope, APIGatewayV2HTTPEvent.class), null);
    }

    static APIGatewayV2HTTPResponse streamed(HttpFunction function, byte[] envelope) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(envelope), out, null);
        return JSON.readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class);
    }

    /** The answer with what differs from one lead to the next (its id, its tokens) blanked out. */
    static APIGatewayV2HTTPResponse withoutLeadIdentity(APIGatewayV2HTTPResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.computeIfPresent("Location", (name, url) -> TOKEN_IN_URL.matcher(url).replaceAll("token=…"));
        String body = response.getBody();
        if (headers.getOrDefault("Content-Type", "").startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            if (json.has("leadId")) {
                ((ObjectNode) json).put("leadId", "…").put("token", "…");
            }
            body = json.toString();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.getStatusCode()).withHeaders(headers)
                .withMultiValueHeaders(response.getMultiValueHeaders()).withCookies(response.getCookies())
                .withBody(body).withIsBase64Encoded(response.getIsBase64Encoded()).build();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "form-get-started-json.json,    201",
            "form-get-started-browser.json, 303",
            "form-demo-multipart.json,      201",
            "form-get-started-step2.json,   201",
    })
    void aFormPostThroughTheStreamMethodGetsTheTypedCallsAnswer(String file, int status) throws IOException {
        Visit first = visit(file);
        Visit second = visit(file);

        APIGatewayV2HTTPResponse typed = typed(forms, first.envelope());
        APIGatewayV2HTTPResponse streamed = streamed(forms, second.envelope());

        assertThat(typed.getStatusCode()).as(typed.getBody()).isEqualTo(status);
        assertThat(withoutLeadIdentity(streamed)).isEqualTo(withoutLeadIdentity(typed));
        if (second.email() != null) {
            assertThat(services.storage().leads().findLeadIdByEmail(second.email())).as(second.email()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "an IAM-signed caller, 200",
            "no caller,            401",
    })
    void theAdminFunctionSeesTheIamCallerThroughTheStreamMethod(String who, int status) throws IOException {
        ObjectNode envelope = (ObjectNode) JSON.readTree(Files.readString(Events.dir().resolve("form-get-started-json.json")));
        envelope.put("routeKey", "GET /v1/admin/leads").put("rawPath", "/v1/admin/leads").put("rawQueryString", "limit=5");
        envelope.putObject("queryStringParameters").put("limit", "5");
        envelope.remove(List.of("pathParameters", "body"));
        ObjectNode context = (ObjectNode) envelope.path("requestContext");
        context.put("routeKey", "GET /v1/admin/leads");
        ((ObjectNode) context.path("http")).put("method", "GET").put("path", "/v1/admin/leads");
        if (who.equals("an IAM-signed caller")) {
            context.putObject("authorizer").putObject("iam").put("accountId", "123456789012")
                    .put("userArn", "arn:aws:iam::123456789012:user/marketing-ops").put("userId", "AIDAEXAMPLE");
        }
        AdminHandler admin = new AdminHandler(services);
        byte[] bytes = JSON.writeValueAsBytes(envelope);

        APIGatewayV2HTTPResponse streamed = streamed(admin, bytes);

        assertThat(streamed.getStatusCode()).as(streamed.getBody()).isEqualTo(status);
        assertThat(streamed).isEqualTo(typed(admin, bytes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"form-get-started-json.json", "form-demo-multipart.json"})
    void aTruncatedEnvelopeIsRefusedBeforeAnythingIsStored(String file) throws IOException {
        Visit visit = visit(file);
        byte[] truncated = Arrays.copyOf(visit.envelope(), visit.envelope().length * 2 / 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> forms.handleRequest(new ByteArrayInputStream(truncated), out, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("API Gateway event: truncated")
                .hasMessageNotContaining("@");
        assertThat(out.size()).isZero();
        assertThat(services.storage().leads().findLeadIdByEmail(visit.email())).isEmpty();
    }
}
