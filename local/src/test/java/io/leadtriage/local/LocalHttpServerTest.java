package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.ops.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server's own behaviour, apart from any function: what it answers when something breaks. */
class LocalHttpServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORIGIN = "http://localhost:5173";
    static final SamTemplate.Cors CORS = new SamTemplate.Cors(List.of("POST", "OPTIONS"), List.of("content-type"), 600);
    final HttpClient http = HttpClient.newHttpClient();
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    LocalHttpServer server;

    @AfterEach
    void stop() {
        Log.redirectTo(System.out);
        if (server != null) {
            server.close();
        }
    }

    LocalHttpServer serving(List<ApiRoute> routes, List<LocalHttpServer.LocalEndpoint> local) {
        Log.redirectTo(new PrintStream(logged, true, StandardCharsets.UTF_8));
        server = LocalHttpServer.bind(0);
        server.serve(routes, List.of(ORIGIN), CORS, local);
        return server;
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Origin", ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"jane.roe@acme.io\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFunctionThatThrowsGetsAJson500NotADroppedConnection() throws Exception {
        serving(List.of(new ApiRoute("POST", "/v1/forms/{formId}", event -> {
            throw new IllegalStateException("boom for jane.roe@acme.io");
        })), List.of());

        HttpResponse<String> response = post("/v1/forms/demo");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .as("the page that posted can read the error").contains(ORIGIN);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("internal_error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("jane.roe", "IllegalStateException", "\tat ", "boom");
        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("logged once").hasSize(1);
        assertThat(lines.get(0)).contains("\"level\":\"ERROR\"", "IllegalStateException", "/v1/forms/demo")
                .doesNotContain("jane.roe", "boom");
    }

    @Test
    void aLocalEndpointThatFailsGetsTheSameAnswer() throws Exception {
        serving(List.of(), List.of(exchange -> {
            throw new IOException("disk full");
        }));

        HttpResponse<String> response = post("/_local/anything");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("internal_error");
        assertThat(logged.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void aClientThatLeavesMidAnswerIsNoError() throws Exception {
        serving(List.of(), List.of(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            throw new IOException("Broken pipe"); // what writing to a connection the browser closed throws
        }));

        post("/_local/anything");

        assertThat(logged.toString(StandardCharsets.UTF_8)).as("no error logged for the client's own leaving")
                .doesNotContain("\"level\":\"ERROR\"");
    }

    @Test
    void theServerKeepsAnsweringAfterAFailure() throws Exception {
        serving(List.of(new ApiRoute("POST", "/v1/forms/{formId}", event -> {
            throw new StackOverflowError();
        })), List.of());

        assertThat(post("/v1/forms/demo").statusCode()).isEqualTo(500);
        assertThat(post("/v1/forms/demo").statusCode()).isEqualTo(500);
        assertThat(post("/v1/nothing").statusCode()).isEqualTo(404);
    }
}
