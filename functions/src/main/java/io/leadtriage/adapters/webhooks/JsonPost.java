package io.leadtriage.adapters.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a webhook, with the JDK's HTTP client (no SDK, nothing more to load at cold start), and what came
 * back. A URL carries a credential more often than not (Slack's, a catch hook's token): nothing this class throws or
 * returns holds it, nor the exception's own message (which may name the host).
 */
public final class JsonPost {
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private JsonPost() {
    }

    /** The receiver's answer: its status, its body (for a short error code) and its Retry-After, if in seconds. */
    record Answer(int status, String body, Duration retryAfter) {
        boolean taken() {
            return status / 100 == 2;
        }
    }

    /** No answer came: the message says what kind of failure, never where. */
    static final class NoAnswer extends Exception {
        NoAnswer(String message) {
            super(message);
        }
    }

    /**
     * A new client. Building one initialises the JDK's TLS context (about 180 classes, a good part of a cold start), so
     * the functions build it for their first post, or at init under SnapStart (see {@code Services.startUp}).
     */
    public static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** A client built now, for a sender whose first post should not pay for it. */
    static java.util.function.Supplier<HttpClient> builtNow() {
        HttpClient built = client();
        return () -> built;
    }

    static Answer post(HttpClient client, URI url, String payload, Map<String, String> headers) throws NoAnswer {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NoAnswer("did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("not posted: interrupted");
        }
        return new Answer(response.statusCode(), response.body() == null ? "" : response.body().strip(),
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** Retry-After in seconds (what Slack and most receivers send); null for none or for a date. */
    static Duration retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.strip()));
    }
}
