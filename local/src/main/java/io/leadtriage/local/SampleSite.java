package io.leadtriage.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sample landing site at / (the two-step form, the survey page, thank-you pages), from the classpath
 * folder site/. For browsers without JavaScript, the token a 303 carries in {@code ?token=} is written
 * into the page's hidden {@code _token} field here, and {@code ?step=2} shows step 2: that is what a
 * marketer's own server or page builder would do.
 */
final class SampleSite implements LocalHttpServer.LocalEndpoint {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,512}");
    private static final Pattern FILE = Pattern.compile("/[a-z0-9-]+\\.(html|css|js|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon");

    @Override
    public boolean handle(HttpExchange exchange) throws IOException {
        if (!"GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            return false;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            path = "/index.html";
        }
        if (!FILE.matcher(path).matches()) {
            return false;
        }
        byte[] content;
        try (InputStream in = SampleSite.class.getClassLoader().getResourceAsStream("site" + path)) {
            if (in == null) {
                return false;
            }
            content = in.readAllBytes();
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        if (extension.equals("html")) {
            content = personalised(new String(content, StandardCharsets.UTF_8), query(exchange))
                    .getBytes(StandardCharsets.UTF_8);
        }
        LocalHttpServer.send(exchange, 200, Map.of("Content-Type", TYPES.get(extension), "Cache-Control", "no-cache",
                "X-Content-Type-Options", "nosniff"), content);
        return true;
    }

    static String personalised(String page, Map<String, String> query) {
        String token = query.getOrDefault("token", "");
        page = page.replace("{{token}}", TOKEN.matcher(token).matches() ? token : "");
        if ("2".equals(query.get("step"))) {
            page = page.replaceFirst("(<form[^>]*data-step=\"2\"[^>]*?)\\s+hidden(\\W)", "$1$2")
                    .replaceFirst("(<form[^>]*data-step=\"1\")", "$1 hidden");
        }
        return page;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
