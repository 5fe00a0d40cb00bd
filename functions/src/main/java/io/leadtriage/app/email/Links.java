package io.leadtriage.app.email;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The links this package puts into emails are made by the app, never by a lead: they must be plain web addresses. */
final class Links {
    private Links() {
    }

    /**
     * @throws IllegalArgumentException unless {@code url} is an absolute http(s) address with no
     *         whitespace or angle brackets (it may go inside {@code <…>} in a List-Unsubscribe header)
     */
    static String requireWebAddress(String what, String url) {
        if (url == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>') {
                throw new IllegalArgumentException(what + " must be a URL without spaces or angle brackets");
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL: " + e.getReason());
        }
        return url;
    }

    static String optionalWebAddress(String what, String url) {
        return url == null || url.isEmpty() ? null : requireWebAddress(what, url);
    }
}
