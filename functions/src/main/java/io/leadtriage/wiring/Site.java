package io.leadtriage.wiring;

import java.util.List;

/**
 * Where the landing pages and the API live, for the answers' links: the origins allowed to post (AllowedOrigins),
 * whose pages relative links point at, and the API's configured public URL (null: the URL a request came in on).
 */
public record Site(List<String> allowedOrigins, String configuredApiUrl) {
    public Site {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
