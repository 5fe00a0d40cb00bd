package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every field rule and error code of POST /v1/forms/{formId}, each variant made from a real envelope of
 * events/. Each refused request gets its documented 4xx and leaves the table exactly as it was.
 */
class FormHandlerBadInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AdjustableClock CLOCK = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    static Services services;
    static FormHandler handler;
    static int itemsBefore;

    @BeforeAll
    static void start() {
        services = TestServices.create(CLOCK);
        handler = new FormHandler(services);
        itemsBefore = DynamoBackend.scanAll(DynamoBackend.LEADS_TABLE).size();
    }

    @AfterAll
    static void nothingWasStored() {
        assertThat(DynamoBackend.scanAll(DynamoBackend.LEADS_TABLE)).hasSize(itemsBefore);
    }

    static APIGatewayV2HTTPEvent json() {
        return Events.load("form-get-started-json.json");
    }

    /** The JSON step-1 envelope with one field set (or removed, with null). */
    static APIGatewayV2HTTPEvent jsonWith(String field, Object value) {
        Map<String, Object> body = Events.jsonBody(json());
        body.put("email", "edge+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-analytics.io");
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return Events.withJsonBody(json(), body);
    }

    static APIGatewayV2HTTPEvent rawJson(String body) {
        return Events.withBody(json(), body, "application/json");
    }

    /** A urlencoded post from fetch (it accepts JSON; a plain HTML form gets error pages instead). */
    static APIGatewayV2HTTPEvent urlencoded(String body) {
        return acceptingJson(Events.withBody(Events.load("form-get-started-browser.json"), body,
                "application/x-www-form-urlencoded"));
    }

    static APIGatewayV2HTTPEvent acceptingJson(APIGatewayV2HTTPEvent event) {
        event.getHeaders().put("accept", "application/json");
        return event;
    }

    static APIGatewayV2HTTPEvent step2WithToken(Function<TokenService, String> token) {
        APIGatewayV2HTTPEvent event = Events.load("form-get-started-step2.json");
        Map<String, Object> body = Events.jsonBody(event);
        body.put("_token", token.apply(services.tokens()));
        body.remove("submissionId");
        return Events.withJsonBody(event, body);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static Stream<Arguments> badRequests() {
        Map<String, Object> fiftyOne = new LinkedHashMap<>();
        fiftyOne.put("email", "many@acme-analytics.io");
        for (int i = 0; i < 50; i++) {
            fiftyOne.put("extra" + i, "x");
        }
        return Stream.of(
                arguments("unknown form", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.forForm(json(), "no-such-form"), 404, "unknown_form", null),
                arguments("text/plain body", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withBody(json(), "email=a@b.io", "text/plain"), 415, "unsupported_media_type", null),
                arguments("no content type", (Function<Void, APIGatewayV2HTTPEvent>) v -> {
                    APIGatewayV2HTTPEvent e = json();
                    e.getHeaders().remove("content-type");
                    return e;
                }, 415, "unsupported_media_type", null),
                arguments("XML body", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withBody(json(), "<email>a@b.io</email>", "application/xml"), 415, "unsupported_media_type", null),
                arguments("a file upload", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withRawBody(json(),
                        ("--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@acme.io\r\n--b\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8),
                        "multipart/form-data; boundary=b"), 415, "unsupported_media_type", null),
                arguments("body over 16 KB", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("challenge", repeat('a', 17 * 1024)), 413, "payload_too_large", null),
                arguments("51 fields", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withJsonBody(json(), fiftyOne), 413, "payload_too_large", null),
                arguments("a field over 2 KB", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("challenge", repeat('a', 2049)), 400, "invalid_field", null),
                arguments("not JSON", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"email\": "), 400, "invalid_field", null),
                arguments("a JSON array", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("[\"a@b.io\"]"), 400, "invalid_field", null),
                arguments("a nested JSON value", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"email\":\"a@acme.io\",\"name\":{\"first\":\"A\"}}"), 400, "invalid_field", "name"),
                arguments("deep JSON", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}"), 400, "invalid_field", null),
                arguments("a huge number", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"email\":\"a@acme.io\",\"phone\":" + "9".repeat(400) + "}"), 400, "invalid_field", null),
                arguments("a duplicate JSON key", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"email\":\"a@acme.io\",\"email\":\"b@acme.io\"}"), 400, "invalid_field", null),
                arguments("trailing data after JSON", (Function<Void, APIGatewayV2HTTPEvent>) v -> rawJson("{\"email\":\"a@acme.io\"} {}"), 400, "invalid_field", null),
                arguments("broken percent-encoding", (Function<Void, APIGatewayV2HTTPEvent>) v -> urlencoded("email=a%4@acme.io"), 400, "invalid_field", null),
                arguments("percent-encoded invalid UTF-8", (Function<Void, APIGatewayV2HTTPEvent>) v -> urlencoded("email=a%40acme.io&name=%C3%28"), 400, "invalid_field", null),
                arguments("raw invalid UTF-8", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withRawBody(json(), new byte[]{'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json"), 400, "invalid_field", null),
                arguments("a duplicate form field", (Function<Void, APIGatewayV2HTTPEvent>) v -> urlencoded("email=a%40acme.io&email=b%40acme.io"), 400, "invalid_field", "email"),
                arguments("bad base64", (Function<Void, APIGatewayV2HTTPEvent>) v -> {
                    APIGatewayV2HTTPEvent e = acceptingJson(Events.load("form-get-started-browser.json"));
                    e.setBody("!!!not base64!!!");
                    return e;
                }, 400, "invalid_field", null),
                arguments("a broken multipart body", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.withRawBody(json(),
                        "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@acme.io".getBytes(StandardCharsets.UTF_8),
                        "multipart/form-data; boundary=b"), 400, "invalid_field", null),
                arguments("email missing", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", null), 400, "invalid_field", "email"),
                arguments("email without @", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", "jane.acme.io"), 400, "invalid_field", "email"),
                arguments("email with two @", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", "a@b@acme.io"), 400, "invalid_field", "email"),
                arguments("email without a dot in the domain", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", "jane@localhost"), 400, "invalid_field", "email"),
                arguments("email with a 65-character local part", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", repeat('a', 65) + "@acme.io"), 400, "invalid_field", "email"),
                arguments("email of 255 characters", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", emailOfLength(255)), 400, "invalid_field", "email"),
                arguments("email with CR LF (header injection)", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", "jane@acme.io\r\nBcc: all@victim.example"), 400, "invalid_field", "email"),
                arguments("email with NUL", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("email", "jane\u0000@acme.io"), 400, "invalid_field", "email"),
                arguments("name with CR LF (header injection)", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("name", "Jane\r\nSubject: win"), 400, "invalid_field", "name"),
                arguments("company with LF", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("company", "Acme\nInc"), 400, "invalid_field", "company"),
                arguments("first name with CR LF (header injection)", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("firstName", "Jo\r\nBcc: x@evil.example"), 400, "invalid_field", "firstName"),
                arguments("last name with CR (header injection)", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("lastName", "Roe\rTo: x@evil.example"), 400, "invalid_field", "lastName"),
                arguments("job title with LF (header injection)", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("jobTitle", "CEO\nReply-To: x@evil.example"), 400, "invalid_field", "jobTitle"),
                arguments("phone with CR LF", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("phone", "+1 555\r\n0100"), 400, "invalid_field", "phone"),
                arguments("a time zone that is markup", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("timezone", "<script>alert(1)</script>"), 400, "invalid_field", "timezone"),
                arguments("challenge with NUL", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("challenge", "need\u0000help"), 400, "invalid_field", "challenge"),
                arguments("challenge over 2000 characters", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("challenge", repeat('a', 2001)), 400, "invalid_field", "challenge"),
                arguments("unknown company size", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("companySize", "huge"), 400, "invalid_field", "companySize"),
                arguments("unknown budget", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("budget", "lots"), 400, "invalid_field", "budget"),
                arguments("unknown timeline", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("timeline", "soon"), 400, "invalid_field", "timeline"),
                arguments("unknown role", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("role", "boss"), 400, "invalid_field", "role"),
                arguments("industry that is not a slug", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("industry", "Software & SaaS"), 400, "invalid_field", "industry"),
                arguments("unknown country", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("country", "XX"), 400, "invalid_field", "country"),
                arguments("a phone that is not one", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("phone", "call me"), 400, "invalid_field", "phone"),
                arguments("consent that is not yes or no", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("consent", "maybe"), 400, "invalid_field", "consent"),
                arguments("submissionId that is not a UUID", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("submissionId", "1234"), 400, "invalid_field", "submissionId"),
                arguments("a javascript: page URL", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("pageUrl", "javascript:alert(1)"), 400, "invalid_field", "pageUrl"),
                arguments("an unknown time zone", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("timezone", "Mars/Olympus"), 400, "invalid_field", "timezone"),
                arguments("a UTM value with CR LF", (Function<Void, APIGatewayV2HTTPEvent>) v -> jsonWith("utm_source", "x\r\ny"), 400, "invalid_field", "utm_source"),
                arguments("demo form without its required fields", (Function<Void, APIGatewayV2HTTPEvent>) v -> Events.forForm(jsonWith("name", null), "demo"), 400, "invalid_field", "company"),
                // A required field a step 2 leaves out may be one the lead gave before (progressive profiling), which
                // only the stored lead tells; with another mistake in the post, every problem comes at once without it
                // (ChooseNextQuestionsTest: a lead that never gave it is refused too)
                arguments("step 2 without its required fields, and a wrong one", (Function<Void, APIGatewayV2HTTPEvent>) v -> {
                    APIGatewayV2HTTPEvent e = step2WithToken(t -> t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1)));
                    Map<String, Object> body = Events.jsonBody(e);
                    body.remove("company");
                    body.put("budget", "lots");
                    return Events.withJsonBody(e, body);
                }, 400, "invalid_field", "company"),
                arguments("step 2 with a tampered token", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> {
                    String token = t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1));
                    char last = token.charAt(token.length() - 1);
                    return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
                }), 403, "invalid_token", null),
                arguments("step 2 with a token for another lead's payload", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> {
                    String a = t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1));
                    String b = t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1));
                    return a.substring(0, a.indexOf('.')) + b.substring(b.indexOf('.'));
                }), 403, "invalid_token", null),
                arguments("step 2 with a token for another purpose", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> t.issue(TokenPurpose.UNSUBSCRIBE, UUID.randomUUID().toString(), Duration.ofDays(1))), 403, "invalid_token", null),
                arguments("step 2 with an expired token", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofSeconds(-1))), 403, "invalid_token", null),
                arguments("step 2 with a token signed by another key", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t ->
                        new TokenService("another-deployment-key-0123456789abcdef0123", Clock.systemUTC()).issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1))), 403, "invalid_token", null),
                arguments("step 2 with garbage for a token", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> "not.a.token"), 403, "invalid_token", null),
                arguments("step 2 with a valid token for a lead that does not exist", (Function<Void, APIGatewayV2HTTPEvent>) v -> step2WithToken(t -> t.issue(TokenPurpose.FORM, UUID.randomUUID().toString(), Duration.ofDays(1))), 403, "invalid_token", null));
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("badRequests")
    void badInputGetsItsDocumented4xxAndStoresNothing(String what, Function<Void, APIGatewayV2HTTPEvent> request,
                                                      int status, String code, String field) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request.apply(null), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode error = JSON.readTree(response.getBody()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(error.path("fields").path(field).asText()).as("message for " + field).isNotBlank();
        }
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\\r\\nBcc");
    }

    @Test
    void everyBadFieldGetsItsOwnMessageInOneAnswer() throws Exception {
        Map<String, Object> body = new HashMap<>(Events.jsonBody(json()));
        body.put("email", "nope");
        body.put("companySize", "huge");
        body.put("country", "Narnia");
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.withJsonBody(json(), body), null);

        JsonNode fields = JSON.readTree(response.getBody()).path("error").path("fields");
        assertThat(fields.path("email").asText()).isEqualTo("is not an email address");
        assertThat(fields.path("companySize").asText()).isEqualTo("must be one of: 1-10, 11-50, 51-200, 201-1000, 1000+");
        assertThat(fields.path("country").asText()).contains("two-letter country code");
    }

    @Test
    void emailLengthEdgesAreAccepted() {
        APIGatewayV2HTTPResponse local64 = handler.handleRequest(jsonWith("email", repeat('a', 56) + UUID.randomUUID().toString().substring(0, 8) + "@acme.io"), null);
        APIGatewayV2HTTPResponse whole254 = handler.handleRequest(jsonWith("email", emailOfLength(254)), null);

        assertThat(local64.getStatusCode()).isEqualTo(201);
        assertThat(whole254.getStatusCode()).isEqualTo(201);
        itemsBefore = DynamoBackend.scanAll(DynamoBackend.LEADS_TABLE).size();
    }

    /** A valid address of exactly {@code length} characters, unique per call. */
    static String emailOfLength(int length) {
        String local = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        StringBuilder domain = new StringBuilder();
        int remaining = length - local.length() - 1 - ".io".length();
        while (remaining > 0) {
            int label = Math.min(63, remaining);
            if (domain.length() > 0) {
                domain.append('.');
                label = Math.min(63, remaining - 1);
                remaining--;
            }
            if (label <= 0) {
                domain.setLength(domain.length() - 1);
                domain.append('x');
                break;
            }
            domain.append("d".repeat(label));
            remaining -= label;
        }
        String email = local + "@" + domain + ".io";
        if (email.length() != length) {
            throw new IllegalStateException("built " + email.length() + " characters, wanted " + length);
        }
        return email;
    }
}
