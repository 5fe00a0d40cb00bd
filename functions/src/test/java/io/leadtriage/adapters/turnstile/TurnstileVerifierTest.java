package io.leadtriage.adapters.turnstile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leadtriage.app.ports.HumanCheck.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How siteverify's answer is read: a verdict for every shape of answer, and the same verdict data binding's
 * tree gave (the reading it replaced), which stays here as the reference.
 */
class TurnstileVerifierTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AtomicReference<String> answer = new AtomicReference<>();
    HttpServer siteverify;
    TurnstileVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        siteverify = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        siteverify.createContext("/siteverify", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        siteverify.start();
        verifier = new TurnstileVerifier(URI.create("http://127.0.0.1:" + siteverify.getAddress().getPort() + "/siteverify"),
                "secret", Set.of("localhost", "42"), "get-started");
    }

    @AfterEach
    void stop() {
        siteverify.stop(0);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"success\":true,\"hostname\":\"localhost\",\"action\":\"get-started\"}                      | PASSED",
            "{\"success\":false,\"hostname\":\"localhost\",\"action\":\"get-started\"}                     | FAILED",
            "{\"success\":true,\"hostname\":\"evil.example\",\"action\":\"get-started\"}                   | FAILED",
            "{\"success\":true,\"hostname\":\"localhost\",\"action\":\"newsletter\"}                       | FAILED",
            "{\"success\":true,\"hostname\":\"localhost\"}                                                 | FAILED",
            "{\"success\":true,\"action\":\"get-started\"}                                                 | FAILED",
            "{\"success\":\" true \",\"hostname\":\"localhost\",\"action\":\"get-started\"}                | PASSED",
            "{\"success\":\"yes\",\"hostname\":\"localhost\",\"action\":\"get-started\"}                   | FAILED",
            "{\"success\":1,\"hostname\":\"localhost\",\"action\":\"get-started\"}                         | PASSED",
            "{\"success\":0,\"hostname\":\"localhost\",\"action\":\"get-started\"}                         | FAILED",
            "{\"success\":12345678901234567890123,\"hostname\":\"localhost\",\"action\":\"get-started\"}   | PASSED",
            "{\"success\":1.0,\"hostname\":\"localhost\",\"action\":\"get-started\"}                       | FAILED",
            "{\"success\":null,\"hostname\":\"localhost\",\"action\":\"get-started\"}                      | FAILED",
            "{\"success\":true,\"hostname\":42,\"action\":\"get-started\"}                                 | PASSED",
            "{\"success\":true,\"hostname\":[\"localhost\"],\"action\":\"get-started\"}                    | FAILED",
            "{\"success\":false,\"success\":true,\"hostname\":\"localhost\",\"action\":\"get-started\"}    | PASSED",
            "{\"success\":true,\"hostname\":\"localhost\",\"action\":\"get-started\"} and more            | PASSED",
            "[true]                                                                                        | FAILED",
            "true                                                                                          | FAILED",
            "``                                                                                            | FAILED",
            "{\"success\":true,\"hostname\":\"localhost\"                                                  | UNAVAILABLE",
            "<html>bad gateway</html>                                                                      | UNAVAILABLE",
    })
    void everyAnswerGetsTheVerdictDataBindingGaveIt(String body, Verdict expected) {
        answer.set(body);

        Verdict verdict = verifier.verify("XXXX.DUMMY.TOKEN", "203.0.113.24");

        assertThat(verdict).isEqualTo(expected).isEqualTo(withDataBinding(body));
    }

    /** The former reading of the answer, with data binding's tree. */
    static Verdict withDataBinding(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            boolean passed = answer.path("success").asBoolean(false)
                    && Set.of("localhost", "42").contains(answer.path("hostname").asText(""))
                    && "get-started".equals(answer.path("action").asText(""));
            return passed ? Verdict.PASSED : Verdict.FAILED;
        } catch (IOException e) {
            return Verdict.UNAVAILABLE;
        }
    }
}
