package io.leadtriage.app.email;

import java.nio.charset.StandardCharsets;

/**
 * A {@code mailto:} link to one address, percent-encoded (RFC 6068) so that nothing in the address can add a header
 * or another recipient to the mail the link opens: intake refuses {@code ? & = %} in addresses, and this holds for
 * every address already stored too.
 */
public final class MailtoLink {
    private MailtoLink() {
    }

    public static String to(String address) {
        StringBuilder link = new StringBuilder("mailto:");
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '@' || c == '.' || c == '-' || c == '_' || c == '~';
            if (plain) {
                link.append((char) c);
            } else {
                link.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return link.toString();
    }
}
