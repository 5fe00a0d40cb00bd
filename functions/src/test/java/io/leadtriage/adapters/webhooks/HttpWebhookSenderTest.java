package io.leadtriage.adapters.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.WebhookSender.Delivery;
import io.leadtriage.app.ports.WebhookSender.WebhookDeliveryException;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The signed webhook adapter against a receiver that checks each delivery as a subscriber should: the signature
 * over the timestamp and the raw body, the replay window, the previous key during a rotation; what each answer
 * means; and no URL or key in any message.
 */
class HttpWebhookSenderTest {
    static final String KEY = "whsec-current-0123456789abcdef";
    static final String PREVIOUS = "whsec-previous-0123456789abcdef";
    static final String SECRET_PATH = "/hooks/catch/123456/abcdefSECRET/";
    static final String BODY = "{\"event\":\"lead.hot\",\"schemaVersion\":1,\"eventId\":\"e-1\",\"leadId\":\"l-1\",\"note\":\"Grüße\"}";
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    HttpServer server;
    final AtomicInteger status = new AtomicInteger(204);
    final AtomicReference<String> retryAfter = new AtomicReference<>(null);
    final List<Map<String, String>> headers = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    final MovableClock clock = new MovableClock(NOW);
    String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            Map<String, String> h = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> h.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            headers.add(h);
            if (retryAfter.get() != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter.get());
            }
            byte[] answer = "{\"error\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
            if (status.get() == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(status.get(), answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String secret(String extra) {
        return "{\"crm-sync\": {\"url\": \"" + url + "\", \"secret\": \"" + KEY + "\"" + extra
                + ", \"events\": [\"lead.hot\", \"lead.disposition\"]}}";
    }

    HttpWebhookSender sender(String extra) {
        return new HttpWebhookSender(HttpWebhookSender.subscribersIn(secret(extra)), clock);
    }

    static Delivery delivery(int attempt) {
        return new Delivery("e-1", "lead.hot", BODY, attempt);
    }

    @Test
    void aDeliveryIsTheEventSignedAsAReceiverChecksIt() {
        sender("").deliver("crm-sync", delivery(2));

        byte[] body = bodies.get(0);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(BODY);
        Map<String, String> h = headers.get(0);
        assertThat(h).containsEntry("content-type", "application/json; charset=utf-8").containsEntry("x-leadtriage-event", "lead.hot")
                .containsEntry("x-leadtriage-event-id", "e-1").containsEntry("x-leadtriage-attempt", "2")
                .containsEntry("user-agent", "leadtriage-webhooks/1");
        String signature = h.get("x-leadtriage-signature");
        assertThat(signature).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        // The receiver's own check, as docs/webhooks.md shows it: passes now, and within the window only.
        RequestSignature receiver = new RequestSignature(List.of(KEY), RequestSignature.DEFAULT_WINDOW);
        receiver.verify(signature, body, NOW.plusSeconds(299));
        assertThat(catchThrowableOfType(Refusal.class, () -> receiver.verify(signature, body, NOW.plusSeconds(301))).code())
                .as("a replay after the window").isEqualTo(Refusal.TIMESTAMP_OUTSIDE_WINDOW);
        byte[] tampered = BODY.replace("l-1", "l-2").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(Refusal.class, () -> receiver.verify(signature, tampered, NOW)).code())
                .isEqualTo(Refusal.SIGNATURE_INVALID);
        assertThat(catchThrowableOfType(Refusal.class, () -> new RequestSignature(List.of("another-key-0123456789"),
                RequestSignature.DEFAULT_WINDOW).verify(signature, body, NOW)).code()).isEqualTo(Refusal.SIGNATURE_INVALID);
    }

    @Test
    void aRetryIsSignedWhenItIsSentNotWhenTheEventWasStored() {
        HttpWebhookSender sender = sender("");
        sender.deliver("crm-sync", delivery(1));
        clock.advance(Duration.ofHours(20));
        sender.deliver("crm-sync", delivery(40));

        new RequestSignature(List.of(KEY), RequestSignature.DEFAULT_WINDOW)
                .verify(headers.get(1).get("x-leadtriage-signature"), bodies.get(1), NOW.plus(Duration.ofHours(20)));
    }

    @Test
    void duringARotationAReceiverWithEitherKeyAccepts() {
        sender(", \"previousSecret\": \"" + PREVIOUS + "\"").deliver("crm-sync", delivery(1));

        String signature = headers.get(0).get("x-leadtriage-signature");
        assertThat(signature.split(",v1=")).hasSize(3);
        new RequestSignature(List.of(KEY), RequestSignature.DEFAULT_WINDOW).verify(signature, bodies.get(0), NOW);
        new RequestSignature(List.of(PREVIOUS), RequestSignature.DEFAULT_WINDOW).verify(signature, bodies.get(0), NOW);
    }

    @ParameterizedTest(name = "HTTP {0}: retryable {1}")
    @CsvSource({"400, true", "401, true", "404, true", "429, true", "500, true", "503, true", "410, false"})
    void anAnswerThatIsNot2xxIsRetriedButGoneIsForGood(int answer, boolean retryable) {
        status.set(answer);

        WebhookDeliveryException e = catchThrowableOfType(WebhookDeliveryException.class,
                () -> sender("").deliver("crm-sync", delivery(1)));

        assertThat(e.status()).isEqualTo(answer);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).isEqualTo("crm-sync answered HTTP " + answer);
    }

    @Test
    void aRetryAfterInSecondsIsPassedOn() {
        status.set(429);
        retryAfter.set("120");

        WebhookDeliveryException e = catchThrowableOfType(WebhookDeliveryException.class,
                () -> sender("").deliver("crm-sync", delivery(1)));

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aReceiverThatDoesNotAnswerIsRetriedAndItsAddressIsNeverSaid() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String gone = "{\"crm-sync\": {\"url\": \"http://127.0.0.1:" + closed + SECRET_PATH + "\", \"secret\": \"" + KEY
                + "\", \"events\": [\"lead.hot\"]}}";

        WebhookDeliveryException e = catchThrowableOfType(WebhookDeliveryException.class, () ->
                new HttpWebhookSender(HttpWebhookSender.subscribersIn(gone), clock).deliver("crm-sync", delivery(1)));

        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).startsWith("crm-sync did not answer").doesNotContain("127.0.0.1", SECRET_PATH, KEY);
    }

    @Test
    void theSubscriptionsAreTheSecretsNamesAndEvents() {
        assertThat(sender("").subscriptions().subscribersOf("lead.hot")).containsExactly("crm-sync");
        assertThat(sender("").subscriptions().subscribersOf("lead.created")).isEmpty();
        assertThat(HttpWebhookSender.subscribersIn("")).isEmpty();
        assertThat(HttpWebhookSender.subscribersIn("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all https://hooks.example.com/SECRET",
            "[\"https://hooks.example.com/SECRET\"]",
            "{\"crm-sync\": \"https://hooks.example.com/SECRET\"}",
            "{\"crm-sync\": {\"url\": \"ftp://hooks.example.com/SECRET\", \"secret\": \"whsec-0123456789abcdef\", \"events\": [\"lead.hot\"]}}",
            "{\"crm-sync\": {\"url\": \"https://hooks.example.com/SECRET\", \"secret\": \"short\", \"events\": [\"lead.hot\"]}}",
            "{\"crm-sync\": {\"url\": \"https://hooks.example.com/SECRET\", \"secret\": \"whsec-0123456789abcdef\", \"events\": []}}",
            "{\"crm-sync\": {\"url\": \"https://hooks.example.com/SECRET\", \"secret\": \"whsec-0123456789abcdef\", \"events\": [\"lead.won\"]}}",
            "{\"CRM Sync\": {\"url\": \"https://hooks.example.com/SECRET\", \"secret\": \"whsec-0123456789abcdef\", \"events\": [\"lead.hot\"]}}",
    })
    void aSecretThatIsNotSubscribersIsRefusedWithoutQuotingAUrlOrKey(String secret) {
        assertThatThrownBy(() -> HttpWebhookSender.subscribersIn(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("whsec-0123456789abcdef");
    }
}
