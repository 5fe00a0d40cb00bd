package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.leadtriage.adapters.webhooks.HttpWebhookSender;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.outbox.WebhookSubscriptions;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.handlers.http.Html;
import io.leadtriage.json.JsonTree;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The local run's webhook subscriber: {@value #SUBSCRIBER} takes every lead event at
 * {@code POST /_local/webhook-receiver/local-crm}, through the real signed-webhook adapter, and checks each delivery
 * the way a subscriber should (the signature over the timestamp and the raw body, a five-minute window), answering
 * 204 or 401 with why. What it took is at {@code GET /_local/webhooks} and on the console. {@link #failNext} makes it
 * answer an error for a while, to watch the retries (and, from the admin API, the dead letters' replay).
 */
public final class WebhookReceiver implements LocalHttpServer.LocalEndpoint {
    public static final String SUBSCRIBER = "local-crm";
    static final String PATH = "/_local/webhook-receiver/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final String key;
    private final RequestSignature signature;
    private final List<Received> received = new ArrayList<>();
    private int failuresLeft;
    private int failureStatus;

    public WebhookReceiver(Clock clock) {
        this.clock = clock;
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        // A new key every run: nothing outside this process signs for it.
        this.key = HexFormat.of().formatHex(bytes);
        this.signature = new RequestSignature(List.of(key), RequestSignature.DEFAULT_WINDOW);
    }

    /**
     * One delivery as it arrived.
     *
     * @param verified the signature matched the body and the timestamp was within the window
     * @param problem  why not (the refusal's code), or null
     * @param status   what the receiver answered
     */
    public record Received(Instant at, String event, String eventId, int attempt, boolean verified, String problem,
                           int status, String body) {
    }

    /** The subscriber as the adapter is given it: this receiver, at the local server's port, for every event. */
    public Map<String, HttpWebhookSender.Subscriber> subscribers(int port) {
        return Map.of(SUBSCRIBER, new HttpWebhookSender.Subscriber(URI.create("http://127.0.0.1:" + port + PATH + SUBSCRIBER),
                List.of(key), new LinkedHashSet<>(WebhookSubscriptions.eventNames())));
    }

    /** The next {@code times} deliveries are answered {@code status} (a 503, a 410), whatever their signature. */
    public synchronized void failNext(int times, int status) {
        this.failuresLeft = times;
        this.failureStatus = status;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public boolean handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        if (method.equals("GET") && path.equals("/_local/webhooks")) {
            LocalConsole.json(exchange, 200, json());
            return true;
        }
        if (method.equals("POST") && path.equals("/_local/webhooks/fail")) {
            JsonNode body = JSON.readTree(LocalHttpServer.readBody(exchange));
            failNext(body.path("times").asInt(1), body.path("status").asInt(503));
            LocalConsole.json(exchange, 200, Map.of("failNext", body.path("times").asInt(1)));
            return true;
        }
        if (!path.equals(PATH + SUBSCRIBER)) {
            return false;
        }
        byte[] body = LocalHttpServer.readBody(exchange);
        String problem = null;
        try {
            signature.verify(exchange.getRequestHeaders().getFirst(HttpWebhookSender.SIGNATURE), body, clock.instant());
        } catch (Refusal refusal) {
            problem = refusal.code();
        }
        int status;
        synchronized (this) {
            status = failuresLeft > 0 ? failureStatus : problem == null ? 204 : 401;
            if (failuresLeft > 0) {
                failuresLeft--;
            }
            String attempt = exchange.getRequestHeaders().getFirst(HttpWebhookSender.ATTEMPT);
            received.add(new Received(clock.instant(), exchange.getRequestHeaders().getFirst(HttpWebhookSender.EVENT),
                    exchange.getRequestHeaders().getFirst(HttpWebhookSender.EVENT_ID),
                    attempt == null || !attempt.matches("[0-9]{1,6}") ? 0 : Integer.parseInt(attempt), problem == null,
                    problem, status, new String(body, StandardCharsets.UTF_8)));
        }
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            LocalConsole.json(exchange, status, Map.of("error", problem == null ? "failing on purpose" : problem));
        }
        return true;
    }

    /** {@code GET /_local/webhooks}: every delivery, oldest first, with its body as JSON. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Received r : received()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("subscriber", SUBSCRIBER);
            item.put("at", LocalConsole.iso(r.at()));
            item.put("event", r.event());
            item.put("eventId", r.eventId());
            item.put("attempt", r.attempt());
            item.put("verified", r.verified());
            item.put("problem", r.problem());
            item.put("status", r.status());
            item.put("body", bodyOf(r.body()));
            list.add(item);
        }
        return list;
    }

    /** The console's section: newest first. */
    String html() {
        StringBuilder out = new StringBuilder();
        List<Received> all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            Received r = all.get(i);
            out.append("<details class=\"event\"><summary><span class=\"kind event\">").append(Html.escape(String.valueOf(r.event())))
                    .append("</span> ").append(r.verified() ? "signature verified" : "refused: " + Html.escape(String.valueOf(r.problem())))
                    .append(" · HTTP ").append(r.status()).append(" · try ").append(r.attempt()).append(" <small>")
                    .append(LocalConsole.time(LocalConsole.iso(r.at()))).append("</small></summary><pre>")
                    .append(Html.escape(parse(r.body()).toPrettyString())).append("</pre></details>");
        }
        return out.toString();
    }

    /** The body as JSON values, or as the text it was when it is not JSON. */
    private static Object bodyOf(String body) {
        try {
            return JsonTree.parse(body);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
