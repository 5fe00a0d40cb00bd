package io.leadtriage.adapters.turnstile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.ports.HumanCheck;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Cloudflare Turnstile's siteverify, from the server: the token is valid, was issued for one of our
 * hostnames and, when configured, for the expected action. A verifier that does not answer in time (or
 * answers 5xx) is UNAVAILABLE, never PASSED.
 */
public final class TurnstileVerifier implements HumanCheck {
    public static final URI SITEVERIFY = URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI endpoint;
    private final String secret;
    private final Set<String> hostnames;
    private final String action;

    /** @param action the widget's expected action, or null to accept any */
    public TurnstileVerifier(URI endpoint, String secret, Set<String> hostnames, String action) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.hostnames = Set.copyOf(hostnames);
        this.action = action;
    }

    @Override
    public Verdict verify(String token, String remoteIp) {
        if (token == null || token.isBlank() || token.length() > 2048) {
            return Verdict.FAILED;
        }
        String form = "secret=" + encode(secret) + "&response=" + encode(token)
                + (remoteIp == null ? "" : "&remoteip=" + encode(remoteIp));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                return Verdict.UNAVAILABLE;
            }
            JsonNode answer = JSON.readTree(response.body());
            boolean passed = answer.path("success").asBoolean(false)
                    && (hostnames.isEmpty() || hostnames.contains(answer.path("hostname").asText("")))
                    && (action == null || action.equals(answer.path("action").asText("")));
            return passed ? Verdict.PASSED : Verdict.FAILED;
        } catch (IOException e) {
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
