package io.leadtriage.adapters.turnstile;

import com.fasterxml.jackson.core.JsonParser;
import io.leadtriage.app.ports.HumanCheck;
import io.leadtriage.json.JsonTree;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Cloudflare Turnstile's siteverify, from the server: the token is valid, was issued for one of our
 * hostnames and, when configured, for the expected action. A verifier that does not answer in time (or
 * answers 5xx) is UNAVAILABLE, never PASSED.
 */
public final class TurnstileVerifier implements HumanCheck {
    public static final URI SITEVERIFY = URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify");
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
            Map<?, ?> answer = answer(response.body());
            boolean passed = isTrue(answer.get("success"))
                    && (hostnames.isEmpty() || hostnames.contains(text(answer.get("hostname"))))
                    && (action == null || action.equals(text(answer.get("action"))));
            return passed ? Verdict.PASSED : Verdict.FAILED;
        } catch (IOException e) {
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
    }

    /**
     * The answer's fields; none for an empty answer or one that is not an object (so it fails). Invalid JSON is
     * an IOException, as a verifier that answers garbage is as good as one that does not answer.
     */
    private static Map<?, ?> answer(String body) throws IOException {
        try (JsonParser p = JsonTree.parser(body)) {
            return p.nextToken() != null && JsonTree.read(p) instanceof Map<?, ?> fields ? fields : Map.of();
        }
    }

    /** true, "true", or a whole number other than 0: what data binding's tree read as true (asBoolean). */
    private static boolean isTrue(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return "true".equals(s.trim());
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue() != 0;
        }
        return value instanceof BigInteger big && big.signum() != 0;
    }

    /** A string, or the text of a number or boolean; "" for anything else. */
    private static String text(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
