package io.leadtriage.app.ports;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One email ready to hand to the mail service: rendered, escaped and addressed.
 *
 * @param replyTo may be null
 * @param headers extra headers (List-Unsubscribe, …); names and values must be single lines
 * @param tags    message tags: ids the mail service hands back with its events about this message
 */
public record OutgoingEmail(EmailKind kind, String from, List<String> to, String replyTo, String subject,
                            String html, String text, Map<String, String> headers, Map<String, String> tags) {
    public OutgoingEmail(EmailKind kind, String from, List<String> to, String replyTo, String subject, String html,
                         String text, Map<String, String> headers) {
        this(kind, from, to, replyTo, subject, html, text, headers, Map.of());
    }

    /**
     * The same email carrying message tags (SES passes them back on every event about it): identifiers
     * only, never personal data.
     */
    public OutgoingEmail withTags(Map<String, String> newTags) {
        return new OutgoingEmail(kind, from, to, replyTo, subject, html, text, headers, newTags);
    }

    public OutgoingEmail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an email needs at least one recipient");
        }
        requireSingleLine("from", from);
        requireSingleLine("subject", subject);
        if (replyTo != null) {
            requireSingleLine("replyTo", replyTo);
        }
        to.forEach(address -> requireSingleLine("to", address));
        headers.forEach((name, value) -> {
            requireSingleLine("header name", name);
            requireSingleLine("header " + name, value);
        });
    }

    /** Header injection guard: no value that reaches a header may carry a line break or NUL. */
    private static void requireSingleLine(String what, String value) {
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be a single line");
        }
    }

    @Override
    public String toString() {
        return "OutgoingEmail[" + kind.wireName() + ", " + to.size() + " recipient(s)]";
    }
}
