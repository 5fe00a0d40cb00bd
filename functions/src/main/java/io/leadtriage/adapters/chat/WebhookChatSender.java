package io.leadtriage.adapters.chat;

import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.json.JsonTree;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Posts chat alerts to incoming webhooks (Slack, Teams Workflows) with the JDK's HTTP client: no SDK, nothing more
 * to load at cold start. The URLs come from one secret's key (SecretsManagerSource hands it over as JSON text):
 * {@code {"slack": {"sales-team": "https://hooks.slack.com/…"}, "teams": {"sales-team": "https://…"}}}; they carry the webhook's credential, so no message, log line or
 * exception of this class ever holds one: failures name the webhook and the HTTP status.
 */
public final class WebhookChatSender implements ChatSender {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Slack answers a refusal with a short code ({@code no_service}, {@code invalid_token}): that much is kept. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,60}");

    private final Map<String, URI> urls;
    private final HttpClient client;

    public WebhookChatSender(Map<String, String> urlsByWebhook) {
        this(urlsByWebhook, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    WebhookChatSender(Map<String, String> urlsByWebhook, HttpClient client) {
        Map<String, URI> parsed = new LinkedHashMap<>();
        urlsByWebhook.forEach((name, url) -> parsed.put(name, URI.create(url)));
        this.urls = Map.copyOf(parsed);
        this.client = client;
    }

    /**
     * The webhooks a secret's value names, by {@code service:name}; an empty or blank secret names none.
     *
     * @throws IllegalArgumentException the secret is not that JSON (the message quotes none of it)
     */
    public static Map<String, String> webhooksIn(String secret) {
        Map<String, String> webhooks = new LinkedHashMap<>();
        if (secret == null || secret.isBlank()) {
            return webhooks;
        }
        Object root;
        try {
            com.fasterxml.jackson.core.JsonParser p = JsonTree.parser(secret);
            root = p.nextToken() == null ? null : JsonTree.read(p);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the chat webhooks secret is not JSON");
        }
        if (!(root instanceof Map<?, ?> services)) {
            throw new IllegalArgumentException("the chat webhooks secret must be an object: {\"slack\": {\"name\": \"https://…\"}}");
        }
        services.forEach((service, named) -> {
            if (!(named instanceof Map<?, ?> byName)) {
                throw new IllegalArgumentException("the chat webhooks secret's " + service + " must map names to URLs");
            }
            byName.forEach((name, url) -> {
                if (!(url instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
                    throw new IllegalArgumentException("the chat webhook " + service + ":" + name + " is not an http(s) URL");
                }
                webhooks.put(service + ":" + name, s);
            });
        });
        return webhooks;
    }

    @Override
    public Set<String> webhooks() {
        return urls.keySet();
    }

    @Override
    public void post(String webhook, String payload) {
        URI url = urls.get(webhook);
        if (url == null) {
            throw new ChatSendException(webhook + " is not in the chat webhooks secret", 0, null, false);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The exception's own message may hold the host: it is left out.
            throw new ChatSendException(webhook + " did not answer (" + e.getClass().getSimpleName() + ")", 0, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatSendException(webhook + " not posted: interrupted", 0, null, true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.body() == null ? "" : response.body().strip();
        String code = ERROR_CODE.matcher(body).matches() ? " " + body : "";
        boolean retryable = status == 429 || status == 408 || status / 100 == 5;
        throw new ChatSendException(webhook + " answered HTTP " + status + code, status,
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)), retryable);
    }

    /** Retry-After in seconds (what Slack sends); null for none or for a date. */
    static Duration retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.strip()));
    }
}
