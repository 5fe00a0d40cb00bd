package io.leadtriage.testing;

import io.leadtriage.app.ports.ChatSender;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The chat webhooks of the fast tests: {@code slack:sales-team} and {@code teams:sales-team} take every message and
 * record it, unless a test scripted the next posts to answer with an HTTP error.
 */
public final class RecordingChatSender implements ChatSender {
    public static final String SLACK = "slack:sales-team";
    public static final String TEAMS = "teams:sales-team";

    /** One message a webhook took. */
    public record Posted(String webhook, String payload) {
    }

    private final List<Posted> posted = new ArrayList<>();
    private final Deque<ChatSendException> script = new ArrayDeque<>();
    private int attempts;

    @Override
    public Set<String> webhooks() {
        return Set.of(SLACK, TEAMS);
    }

    @Override
    public synchronized void post(String webhook, String payload) {
        if (!webhooks().contains(webhook)) {
            throw new AssertionError("posted to a webhook the sender does not know: " + webhook);
        }
        attempts++;
        ChatSendException failure = script.poll();
        if (failure != null) {
            throw failure;
        }
        posted.add(new Posted(webhook, payload));
    }

    /** The next post answers {@code status} (429 and 5xx retryable), with Retry-After when given. */
    public synchronized void answerNext(int status, Duration retryAfter) {
        script.add(new ChatSendException("webhook answered HTTP " + status, status, retryAfter,
                status == 429 || status / 100 == 5));
    }

    public synchronized List<Posted> posted() {
        return List.copyOf(posted);
    }

    public synchronized int attempts() {
        return attempts;
    }
}
