package io.leadtriage.adapters.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.leadtriage.app.ports.ChatSender.ChatSendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP adapter against a stand-in webhook: what each answer means, and no URL in any message. */
class WebhookChatSenderTest {
    static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";
    HttpServer server;
    final AtomicReference<int[]> answer = new AtomicReference<>(new int[]{200});
    final AtomicReference<String> body = new AtomicReference<>("ok");
    final AtomicReference<String> retryAfter = new AtomicReference<>(null);
    final List<String> received = new ArrayList<>();
    String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (retryAfter.get() != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter.get());
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get()[0], bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    WebhookChatSender sender() {
        return new WebhookChatSender(WebhookChatSender.webhooksIn("{\"slack\": {\"sales-team\": \"" + url + "\"}}"));
    }

    @Test
    void postsThePayloadAsJson() {
        sender().post("slack:sales-team", "{\"text\":\"hi\"}");

        assertThat(received).containsExactly("{\"text\":\"hi\"}");
    }

    @Test
    void throttlingIsRetryableAfterSlacksRetryAfter() {
        answer.set(new int[]{429});
        retryAfter.set("30");
        body.set("rate_limited");

        assertThatThrownBy(() -> sender().post("slack:sales-team", "{}"))
                .isInstanceOfSatisfying(ChatSendException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void aRefusalIsFinalAndNamesTheWebhookAndCodeNeverTheUrl() {
        answer.set(new int[]{404});
        body.set("no_service");

        assertThatThrownBy(() -> sender().post("slack:sales-team", "{}"))
                .isInstanceOfSatisfying(ChatSendException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("slack:sales-team answered HTTP 404 no_service")
                            .doesNotContain("secret").doesNotContain("127.0.0.1");
                });
    }

    @Test
    void aServerErrorOrNoAnswerIsRetryableWithoutTheUrl() {
        answer.set(new int[]{503});
        body.set("<html>" + url + "</html>");
        assertThatThrownBy(() -> sender().post("slack:sales-team", "{}"))
                .isInstanceOfSatisfying(ChatSendException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageNotContaining(SECRET_PATH);

        server.stop(0);
        assertThatThrownBy(() -> sender().post("slack:sales-team", "{}"))
                .isInstanceOfSatisfying(ChatSendException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageNotContaining(SECRET_PATH).hasMessageNotContaining("127.0.0.1");
    }

    @Test
    void theSecretNamesWebhooksByServiceAndName() {
        assertThat(WebhookChatSender.webhooksIn("{\"slack\": {\"sales-team\": \"https://hooks.slack.com/x\"},"
                + " \"teams\": {\"emea\": \"https://example.webhook.office.com/y\"}}"))
                .isEqualTo(Map.of("slack:sales-team", "https://hooks.slack.com/x", "teams:emea", "https://example.webhook.office.com/y"));
        assertThat(WebhookChatSender.webhooksIn("")).isEmpty();
    }

    @Test
    void aMalformedSecretIsNamedNeverQuoted() {
        assertThatThrownBy(() -> WebhookChatSender.webhooksIn("{\"slack\": \"https://hooks.slack.com/secret\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hooks.slack.com");
        assertThatThrownBy(() -> WebhookChatSender.webhooksIn("https://hooks.slack.com/secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hooks.slack.com");
    }
}
