package io.leadtriage.local;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An email a local SES stand-in accepted, as read back from it: what the recipient would see.
 *
 * @param html   null when the email had no HTML part
 * @param text   null when the email had no text part
 * @param sentAt when the stand-in took it (second precision); null if it did not say
 */
public record StoredEmail(String messageId, String from, List<String> to, List<String> cc, List<String> bcc,
                          List<String> replyTo, String subject, String html, String text, List<Header> headers,
                          Instant sentAt) {
    public StoredEmail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        headers = List.copyOf(headers);
    }

    /** One extra header passed with the send, in the order given. */
    public record Header(String name, String value) {
    }

    /** The first value of an extra header; names match regardless of case, as in mail. */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst();
    }

    @Override
    public String toString() {
        // Addresses and names stay out of test logs and assertion messages.
        return "StoredEmail[" + messageId + ", " + to.size() + " recipient(s), " + headers.size() + " extra header(s)]";
    }
}
