package io.leadtriage.smoke;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadtriage.handlers.AdminHandler;
import io.leadtriage.app.Refusal;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.local.LocalRunner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed HTTP API as the smoke test meets it, on loopback, in front of the real local run
 * ({@link LocalRunner}: the same handlers on DynamoDB Local). It does what API Gateway does before a function
 * runs:
 * <ul>
 *   <li>{@code POST /v1/forms/{formId}} (no authorizer): forwarded to the local run's route as it came.</li>
 *   <li>{@code GET|DELETE /v1/admin/leads/{leadId}} (AWS_IAM): an unsigned request is answered
 *       {@code 403 {"message":"Forbidden"}}; a signed one is checked ({@link SigV4Verifier}: the signature
 *       recomputed with the SDK's signer from the caller's credentials) and refused with API Gateway's 403
 *       messages; a valid one reaches the admin function with the caller in
 *       {@code requestContext.authorizer.iam}, through the function's stream method, as Lambda calls it.</li>
 *   <li>Anything else: {@code 404 {"message":"Not Found"}}.</li>
 * </ul>
 * Two misdeployments can be played: {@link Mode#NO_AUTHORIZER} (admin routes without AWS_IAM: requests reach
 * the function as they came) and {@link Mode#TURNSTILE} (the form function refuses posts without a passed
 * human check, with its own error answer).
 *
 * <p>Why the admin function is invoked here rather than over the local run's HTTP admin route with
 * {@code Authorization: Bearer $ADMIN_TOKEN}: the local run takes its admin token from the process
 * environment only, which a test JVM cannot set; and the IAM identity is what the deployed function gets.
 */
final class DeployedApiStandIn implements AutoCloseable {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";

    enum Mode { IAM_ENFORCED, NO_AUTHORIZER, TURNSTILE }

    /** A request as the stand-in saw it and answered it. */
    record Seen(String method, String path, boolean signed, int status) {
    }

    private static final Pattern ADMIN_LEAD = Pattern.compile("/v1/admin/leads/([^/]+)");
    private static final Pattern FORM = Pattern.compile("/v1/forms/([^/]+)");
    private static final ObjectMapper ENVELOPES = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final LocalRunner runner;
    private final AwsSessionCredentialsIdentity caller;
    private final Mode mode;
    private final SigV4Verifier verifier;
    private final AdminHandler admin;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> adminAnswers = new CopyOnWriteArrayList<>();

    DeployedApiStandIn(LocalRunner runner, AwsSessionCredentialsIdentity caller, Mode mode) throws IOException {
        this.runner = runner;
        this.caller = caller;
        this.mode = mode;
        this.verifier = new SigV4Verifier(caller, "execute-api", REGION);
        this.admin = new AdminHandler(runner.services());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (RuntimeException e) {
                e.printStackTrace();
                send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The bodies the admin function answered with, in order. */
    List<String> adminAnswers() {
        return List.copyOf(adminAnswers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean signed = exchange.getRequestHeaders().containsKey("Authorization");
        Matcher lead = ADMIN_LEAD.matcher(path);
        int status;
        if (FORM.matcher(path).matches() && method.equals("POST")) {
            status = mode == Mode.TURNSTILE ? answer(exchange, Responses.error(Refusal.invalidFields(
                    Map.of("cf-turnstile-response", "please complete the challenge"))))
                    : forward(exchange, method, path, body);
        } else if (lead.matches() && (method.equals("GET") || method.equals("DELETE"))) {
            if (mode == Mode.NO_AUTHORIZER) {
                status = forward(exchange, method, path, body);
            } else {
                Optional<String> refusal = verifier.refusal(method, path + (rawQuery == null ? "" : "?" + rawQuery),
                        exchange.getRequestHeaders(), body);
                status = refusal.isPresent()
                        ? send(exchange, 403, "application/json", "{\"message\":\"" + refusal.get() + "\"}")
                        : answer(exchange, invokeAdmin(method, path, lead.group(1)));
            }
        } else {
            status = send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
        }
        seen.add(new Seen(method, path, signed, status));
    }

    /** The request on to the local run's own route, headers and body as they came (API Gateway without authorizer). */
    private int forward(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : List.of("Content-Type", "Accept", "Authorization", "User-Agent")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The admin function, invoked as API Gateway invokes it for an IAM-authorized route (payload 2.0). */
    private APIGatewayV2HTTPResponse invokeAdmin(String method, String path, String leadId) throws IOException {
        Instant now = Instant.now();
        String routeKey = method + " /v1/admin/leads/{leadId}";
        Map<String, String> headers = new HashMap<>();
        headers.put("accept", "application/json");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withPathParameters(Map.of("leadId", leadId))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(ACCOUNT)
                        .withApiId("standin")
                        .withDomainName("standin.execute-api." + REGION + ".amazonaws.com")
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withTimeEpoch(now.toEpochMilli())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withAccessKey(caller.accessKeyId())
                                        .withAccountId(ACCOUNT)
                                        .withCallerId("AROAEXAMPLE:smoke")
                                        .withUserArn("arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/smoke")
                                        .withUserId("AROAEXAMPLE:smoke")
                                        .build())
                                .build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").withUserAgent(AwsHttp.USER_AGENT).build())
                        .build())
                .build();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        admin.handleRequest(new ByteArrayInputStream(ENVELOPES.writeValueAsBytes(event)), answer, null);
        APIGatewayV2HTTPResponse response = ENVELOPES.readValue(answer.toByteArray(), APIGatewayV2HTTPResponse.class);
        adminAnswers.add(response.getBody() == null ? "" : response.getBody());
        return response;
    }

    private static int answer(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        String contentType = response.getHeaders() == null ? "application/json"
                : response.getHeaders().getOrDefault("Content-Type", response.getHeaders().getOrDefault("content-type", "application/json"));
        return send(exchange, response.getStatusCode(), contentType, bytes);
    }

    private static int send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        return send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
