package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, end to end: {@code mvn -Prun package} runs io.leadtriage.local.LocalRunner
 * in its own JVM; this test does the same (same class, same class path, PORT from the environment), then
 * talks plain HTTP to it as curl would, moves its clock three days, dispatches, sees the next nurture
 * step, and stops it the way Ctrl-C does, leaving no process behind.
 */
class QuickstartProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theReadmeCommandRunsThePiece() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("mvn -Prun package").contains("mvn verify");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<id>run</id>").contains("io.leadtriage.local.LocalRunner");
    }

    @Test
    void startPostWaitThreeDaysDispatchAndStop() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"),
                "-cp", System.getProperty("java.class.path"), "io.leadtriage.local.LocalRunner")
                .directory(Path.of("..").toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("LEADTRIAGE_MODEL_FILE", TestModelText.file());
        Process stack = builder.start();
        List<String> output = new ArrayList<>();
        String base = "http://localhost:" + port;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.contains("Press Ctrl-C to stop.")) {
                    break;
                }
            }
            assertThat(output).as("startup prints the URLs to open").anyMatch(l -> l.contains(base + "/"))
                    .anyMatch(l -> l.contains(base + "/_local/"));
            assertThat(output).as("startup says which model is in effect").anyMatch(l -> l.contains("Model:")
                    && l.contains(Path.of(TestModelText.file()).toAbsolutePath().normalize() + " (LEADTRIAGE_MODEL_FILE)"));
            Thread drain = new Thread(() -> lines.lines().forEach(line -> { }));
            drain.setDaemon(true);
            drain.start();

            String email = "quick+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-analytics.io";
            HttpResponse<String> json = post(base + "/v1/forms/newsletter", "application/json", "application/json",
                    "{\"email\":\"" + email + "\",\"name\":\"Quinn Start\",\"timeline\":\"now\",\"consent\":true}");
            assertThat(json.statusCode()).isEqualTo(201);
            HttpResponse<String> plain = post(base + "/v1/forms/get-started", "application/x-www-form-urlencoded",
                    "text/html", "email=plain%2B" + UUID.randomUUID().toString().substring(0, 8) + "%40acme.io&name=Pat&consent=on");
            assertThat(plain.statusCode()).isEqualTo(303);
            assertThat(plain.headers().firstValue("Location").orElseThrow()).startsWith(base + "/?step=2&token=");

            post(base + "/_local/dispatch", "application/json", "application/json", "");
            assertThat(subjectsTo(base, email)).containsExactly("Thanks for reaching out, Quinn");
            HttpResponse<String> moved = post(base + "/_local/clock", "application/json", "application/json",
                    "{\"advance\":\"P3D\"}");
            assertThat(moved.statusCode()).isEqualTo(200);
            post(base + "/_local/dispatch", "application/json", "application/json", "");
            assertThat(subjectsTo(base, email)).containsExactly("Thanks for reaching out, Quinn",
                    "How a 40-person agency halved its cost per qualified lead");
        } finally {
            stack.destroy(); // SIGTERM: the JVM's shutdown hooks run, as on Ctrl-C
            boolean stopped = stack.waitFor(20, TimeUnit.SECONDS);
            if (!stopped) {
                stack.destroyForcibly();
            }
            assertThat(stopped).as("the stack stops cleanly").isTrue();
        }
        assertThat(stack.descendants().filter(ProcessHandle::isAlive).count()).as("no stray processes").isZero();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }

    List<String> subjectsTo(String base, String email) throws IOException, InterruptedException {
        HttpResponse<String> emails = http.send(HttpRequest.newBuilder(URI.create(base + "/_local/emails")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> subjects = new ArrayList<>();
        for (JsonNode e : JSON.readTree(emails.body())) {
            if (e.path("to").get(0).asText().equals(email)) {
                subjects.add(e.path("subject").asText());
            }
        }
        return subjects;
    }

    HttpResponse<String> post(String url, String contentType, String accept, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
