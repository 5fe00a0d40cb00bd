package io.leadtriage.adapters.webhooks;

import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.json.JsonTree;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
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
    /** Slack answers a refusal with a short code ({@code no_service}, {@code invalid_token}): that much is kept. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,60}");

    private final Map<String, URI> urls;
    private final Supplier<HttpClient> client;

    public WebhookChatSender(Map<String, String> urlsByWebhook) {
        this(urlsByWebhook, JsonPost.builtNow());
    }

    /** @param client the HTTP client, asked for at each post (the functions build theirs on the first one) */
    public WebhookChatSender(Map<String, String> urlsByWebhook, Supplier<HttpClient> client) {
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
            root = JsonTree.parse(secret);
        } catch (IllegalArgumentException e) {
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
        JsonPost.Answer answer;
        try {
            answer = JsonPost.post(client.get(), url, payload, Map.of());
        } catch (JsonPost.NoAnswer e) {
            throw new ChatSendException(webhook + " " + e.getMessage(), 0, null, true);
        }
        if (answer.taken()) {
            return;
        }
        int status = answer.status();
        String code = ERROR_CODE.matcher(answer.body()).matches() ? " " + answer.body() : "";
        boolean retryable = status == 429 || status == 408 || status / 100 == 5;
        throw new ChatSendException(webhook + " answered HTTP " + status + code, status, answer.retryAfter(), retryable);
    }
}
