package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.handlers.http.Html;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local run's Slack and Teams stand-in: catches the chat alerts the webhooks {@code slack:sales-team} and
 * {@code teams:sales-team} would get, behind the port the HTTP adapter implements, and shows them on the console with
 * their buttons as plain links, so a developer can click "I'm on it" and see the disposition page as a rep would.
 */
public final class ChatCatcher implements ChatSender {
    /** The webhooks the local run knows: the local model's alerts name them. */
    public static final Set<String> WEBHOOKS = Set.of("slack:sales-team", "teams:sales-team");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final List<Caught> caught = new ArrayList<>();

    public ChatCatcher(Clock clock) {
        this.clock = clock;
    }

    /** One message a webhook took, as posted. */
    public record Caught(Instant at, String webhook, String payload) {
    }

    @Override
    public Set<String> webhooks() {
        return WEBHOOKS;
    }

    @Override
    public synchronized void post(String webhook, String payload) {
        if (!WEBHOOKS.contains(webhook)) {
            throw new ChatSendException(webhook + " answered HTTP 404 no_service", 404, null, false);
        }
        caught.add(new Caught(clock.instant(), webhook, payload));
    }

    public synchronized List<Caught> caught() {
        return List.copyOf(caught);
    }

    /** {@code GET /_local/chat}: the messages, oldest first, each with its payload as JSON and its buttons' links. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Caught c : caught()) {
            JsonNode payload = parse(c.payload());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("webhook", c.webhook());
            item.put("at", c.at().toString());
            item.put("text", title(payload));
            item.put("buttons", buttons(payload));
            item.put("payload", payload);
            list.add(item);
        }
        return list;
    }

    /** The console's section: newest first, the message's text as Slack would show it, its buttons as links. */
    String html() {
        StringBuilder out = new StringBuilder();
        List<Map<String, Object>> messages = json();
        for (int i = messages.size() - 1; i >= 0; i--) {
            Map<String, Object> m = messages.get(i);
            JsonNode payload = (JsonNode) m.get("payload");
            out.append("<details class=\"event\" open><summary><span class=\"kind chat\">")
                    .append(Html.escape((String) m.get("webhook"))).append("</span> <strong>")
                    .append(Html.escape(unescaped((String) m.get("text")))).append("</strong> <small>")
                    .append(Html.escape((String) m.get("at"))).append("</small></summary><pre>");
            for (String line : lines(payload)) {
                out.append(Html.escape(unescaped(line))).append('\n');
            }
            out.append("</pre><p>");
            for (Object b : (List<?>) m.get("buttons")) {
                Map<?, ?> button = (Map<?, ?>) b;
                out.append("<a class=\"button\" href=\"").append(Html.escape((String) button.get("url"))).append("\">")
                        .append(Html.escape((String) button.get("label"))).append("</a> ");
            }
            out.append("</p></details>");
        }
        return out.toString();
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(payload);
        }
    }

    /** Slack's notification text, or a Teams card's first text block. */
    private static String title(JsonNode payload) {
        if (payload.has("text")) {
            return payload.path("text").asText();
        }
        return card(payload).path("body").path(0).path("text").asText();
    }

    private static JsonNode card(JsonNode payload) {
        return payload.path("attachments").path(0).path("content");
    }

    /** Each button's label and link: Slack's URL buttons, a Teams card's Action.OpenUrl. */
    private static List<Map<String, String>> buttons(JsonNode payload) {
        List<Map<String, String>> buttons = new ArrayList<>();
        for (JsonNode block : payload.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (element.has("url")) {
                    buttons.add(Map.of("label", element.path("text").path("text").asText(), "url", element.path("url").asText()));
                }
            }
        }
        for (JsonNode action : card(payload).path("actions")) {
            buttons.add(Map.of("label", action.path("title").asText(), "url", action.path("url").asText()));
        }
        return buttons;
    }

    /** The message's text lines: Slack's sections and fields, a Teams card's text blocks and facts. */
    private static List<String> lines(JsonNode payload) {
        List<String> lines = new ArrayList<>();
        for (JsonNode block : payload.path("blocks")) {
            if (block.path("text").has("text") && !"header".equals(block.path("type").asText())) {
                lines.add(block.path("text").path("text").asText());
            }
            for (JsonNode field : block.path("fields")) {
                lines.add(field.path("text").asText());
            }
        }
        for (JsonNode item : card(payload).path("body")) {
            if (item.has("text")) {
                lines.add(item.path("text").asText());
            }
            for (JsonNode fact : item.path("facts")) {
                lines.add(fact.path("title").asText() + ": " + fact.path("value").asText());
            }
        }
        return lines;
    }

    /** Slack's escapes undone for display (the page escapes for HTML itself). */
    private static String unescaped(String slackText) {
        return slackText.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
