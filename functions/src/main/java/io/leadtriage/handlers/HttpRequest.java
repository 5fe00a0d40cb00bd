package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.wiring.Site;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.handlers.http.FormBody;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Read access to an API Gateway HTTP API (payload 2.0) request, with header names compared case-insensitively. */
final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;

    HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /** The client's address as API Gateway saw it (not a header the client could set). */
    String sourceIp() {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getSourceIp();
    }

    String contentType() {
        return header("content-type");
    }

    /** The body's fields (JSON, urlencoded or multipart, by its content type). @throws Refusal for a body that is none */
    Map<String, String> fields() {
        return FormBody.parse(contentType(), FormBody.bodyBytes(event.getBody(), event.getIsBase64Encoded()));
    }

    /**
     * The answer to a request that failed with {@code failure} (see {@link HttpErrors}): JSON, or for a plain HTML
     * form a page with a link back to the form it came from.
     */
    APIGatewayV2HTTPResponse refused(RuntimeException failure, String route, Site site) {
        boolean asPage = isPlainBrowserForm();
        return Responses.error(HttpErrors.refusalFor(failure, route), asPage, asPage ? formPage(site.allowedOrigins()) : null);
    }


    /**
     * A browser posting a plain HTML form (no JavaScript): it asks for HTML and sends urlencoded or
     * multipart. It gets a 303 to the next page, and errors as a page rather than JSON.
     */
    boolean isPlainBrowserForm() {
        String accept = header("accept");
        String type = contentType() == null ? "" : contentType().toLowerCase(Locale.ROOT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")
                && !type.startsWith("application/json");
    }

    /**
     * The API's public URL for links in later emails: the configured one, else the URL this request came in on: the
     * domain (API Gateway's own, or a custom domain mapped to it) with the scheme and port of API Gateway's
     * {@code x-forwarded-proto} and {@code x-forwarded-port}. Deployed, API Gateway sets them (https, 443); the
     * local run's server sets them as it was reached (http, its port), so that a visit begun on
     * http://127.0.0.1:3000 gets its links there and not on localhost, another origin to a browser.
     */
    String publicApiUrl(String configured) {
        if (configured != null) {
            return configured;
        }
        String domain = event.getRequestContext() == null ? null : event.getRequestContext().getDomainName();
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String scheme = "http".equals(header("x-forwarded-proto")) ? "http" : "https";
        String port = header("x-forwarded-port");
        boolean defaultPort = port == null || !port.matches("[0-9]{1,5}") || port.equals(scheme.equals("https") ? "443" : "80");
        return scheme + "://" + domain + (defaultPort ? "" : ":" + port);
    }

    /**
     * A page URL of the model: absolute ones are kept; ones starting with / are on the site that posted
     * the form (its Origin, else its Referer, if that origin is allowed), else on the first allowed origin.
     */
    String resolveOnPostingSite(String url, List<String> allowedOrigins) {
        if (url == null || !url.startsWith("/") || url.startsWith("//")) {
            return url;
        }
        String origin = allowedOriginOf(header("origin"), allowedOrigins);
        if (origin == null) {
            origin = allowedOriginOf(originOfUrl(header("referer")), allowedOrigins);
        }
        if (origin == null && !allowedOrigins.isEmpty()) {
            origin = allowedOrigins.get(0);
        }
        return origin == null ? url : stripSlash(origin) + url;
    }

    /**
     * The page the form was posted from, for an error page's link back to it: the Referer when it is an
     * http(s) address on an allowed origin (across sites a browser sends only the origin, which is fine),
     * else the home page of the allowed origin that posted; null when neither is known.
     */
    String formPage(List<String> allowedOrigins) {
        String referer = header("referer");
        if (referer != null && referer.length() <= 2048 && referer.chars().noneMatch(c -> c <= ' ' || c == 127)
                && allowedOriginOf(originOfUrl(referer), allowedOrigins) != null) {
            return referer;
        }
        String origin = allowedOriginOf(header("origin"), allowedOrigins);
        return origin == null ? null : stripSlash(origin) + "/";
    }

    private static String allowedOriginOf(String origin, List<String> allowed) {
        if (origin == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (stripSlash(candidate).equalsIgnoreCase(stripSlash(origin))) {
                return candidate;
            }
        }
        return null;
    }

    private static String originOfUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
