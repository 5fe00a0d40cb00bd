package io.leadtriage.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The origins whose pages may call the local run from the browser, as the template's {@code AllowedOrigins}
 * parameter says for a deployed stack: the run's own, under both names a browser reaches it by
 * (http://localhost:PORT and http://127.0.0.1:PORT, so that a visit begun on one stays on it), then the ones
 * {@code ALLOWED_ORIGINS} adds (a landing page served on another port, say).
 */
final class LocalOrigins {
    private LocalOrigins() {
    }

    /** The run's own origins first (the first one hosts the sample site's pages in links), then {@code added}. */
    static List<String> of(int port, List<String> added) {
        Set<String> origins = new LinkedHashSet<>(List.of("http://localhost:" + port, "http://127.0.0.1:" + port));
        origins.addAll(added);
        return List.copyOf(origins);
    }

    /**
     * {@code ALLOWED_ORIGINS} as the template takes it: comma-separated origins. Each is written as a browser
     * sends it in {@code Origin} (no trailing slash, lower case) so that it matches.
     *
     * @throws StartFailure naming an entry that is not an origin
     */
    static List<String> parse(String commaSeparated) {
        List<String> origins = new ArrayList<>();
        if (commaSeparated == null) {
            return origins;
        }
        for (String entry : commaSeparated.split(",")) {
            if (!entry.isBlank()) {
                origins.add(origin(entry.strip()));
            }
        }
        return origins;
    }

    private static String origin(String entry) {
        String written = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        try {
            URI uri = new URI(written);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new StartFailure("ALLOWED_ORIGINS: \"" + entry + "\" is not an origin; write scheme://host[:port],"
                + " comma-separated, e.g. ALLOWED_ORIGINS=http://localhost:8080 (never *)");
    }
}
