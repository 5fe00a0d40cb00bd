package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.json.JsonTree;
import io.leadtriage.wiring.Services;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The console for marketers and sales, served by the stack itself at {@code /console/} (same origin as the API: no
 * CORS): its page, script and styles from the jar, uPlot from its webjar (copied at build time, never a CDN), and
 * {@code config.json}, which tells the page how to sign in: with the stack's Cognito user pool and identity pool
 * (deployed: the page signs each admin request with the temporary IAM credentials of the user's group's role, so
 * the admin API keeps one authorization model, IAM; the pools' ids come in each request's stage variables), or with
 * the local run's admin token.
 *
 * <p>It builds no AWS client and reads no table: a cold start is the JVM's and this class's.
 */
public final class ConsoleHandler extends HttpFunction {
    /** The assets, by the name in the path; nothing else is served (no directory, no traversal). */
    static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "model.js", "text/javascript; charset=utf-8",
            "users.js", "text/javascript; charset=utf-8",
            "nurture.js", "text/javascript; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Under the package's own name: the local run has a console/ folder of its own on the class path. */
    static final String ASSET_FOLDER = "io/leadtriage/console/";

    /** The local run's sign-in (its admin token), or null deployed: the Cognito ids come with each request. */
    private final Map<String, Object> localConfig;
    private final String region;
    /** Each asset's text, gzipped form and ETags, made once at init: under SnapStart the snapshot holds them. */
    private final Map<String, Asset> assets;

    /**
     * One file as served: as is, or gzipped for a browser that accepts it (HTTP APIs compress nothing themselves;
     * the page and its scripts shrink to about a third). Each form has its own ETag, as two representations must.
     */
    record Asset(String text, String etag, String gzipBase64, String gzipEtag, int gzipBytes) {
        static Asset of(String text) {
            byte[] gzipped = gzip(text.getBytes(StandardCharsets.UTF_8));
            String tag = digest(text);
            return new Asset(text, "\"" + tag + "\"", Base64.getEncoder().encodeToString(gzipped), "\"" + tag + "-gzip\"",
                    gzipped.length);
        }
    }

    /** Lambda's: signed in with the stack's Cognito pools, whose ids HttpApi's stage variables carry. */
    public ConsoleHandler() {
        this(null, System.getenv().getOrDefault("AWS_REGION", ""));
    }

    /** The local run's: signed in with its admin token. */
    public ConsoleHandler(Services services) {
        this(Map.of("auth", "token"), services.config().region());
    }

    ConsoleHandler(Map<String, Object> localConfig, String region) {
        this.localConfig = localConfig;
        this.region = region;
        Map<String, Asset> read = new LinkedHashMap<>();
        ASSETS.keySet().forEach(name -> read.put(name, Asset.of(read(name.startsWith("uPlot") ? UPLOT + name : ASSET_FOLDER + name))));
        this.assets = Map.copyOf(read);
    }

    /**
     * How the page signs in: locally with the admin token; deployed with the user pool's hosted UI (authorization
     * code with PKCE), then the identity pool, from the stage variables template.yaml sets.
     */
    Map<String, Object> config(APIGatewayV2HTTPEvent event) {
        if (localConfig != null) {
            return localConfig;
        }
        Map<String, String> stage = event.getStageVariables() == null ? Map.of() : event.getStageVariables();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("auth", "cognito");
        c.put("region", region);
        c.put("userPoolId", stage.getOrDefault("consoleUserPoolId", ""));
        c.put("clientId", stage.getOrDefault("consoleClientId", ""));
        c.put("identityPoolId", stage.getOrDefault("consoleIdentityPoolId", ""));
        c.put("authDomain", stage.getOrDefault("consoleAuthDomain", ""));
        return c;
    }

    /**
     * No inline script or style, nothing from elsewhere but, deployed, the two Cognito endpoints the sign-in talks
     * to and the user pool's API (the Users screen, for admins); no framing.
     */
    static String csp(Map<String, Object> config) {
        String connect = "'self'";
        String forms = "'self'";
        if ("cognito".equals(config.get("auth"))) {
            String domain = "https://" + config.get("authDomain");
            connect += " " + domain + " https://cognito-identity." + config.get("region") + ".amazonaws.com"
                    + " https://cognito-idp." + config.get("region") + ".amazonaws.com";
            forms += " " + domain;
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; form-action " + forms + "; frame-ancestors 'none'; base-uri 'none'";
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, Object> config = config(event);
        String csp = csp(config);
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        if (path.equals("/console")) {
            // The page's relative URLs resolve under /console/.
            return answer(csp, 308, "text/plain; charset=utf-8", "", Map.of("Location", "/console/"));
        }
        String name = path.endsWith("/") ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("config.json")) {
            return answer(csp, 200, "application/json; charset=utf-8", JsonTree.write(config), Map.of("Cache-Control", "no-store"));
        }
        String type = ASSETS.get(name);
        if (type == null) {
            return answer(csp, 404, "text/plain; charset=utf-8", "Not found", Map.of());
        }
        Asset asset = assets.get(name);
        Map<String, String> request = event.getHeaders() == null ? Map.of() : event.getHeaders();
        boolean gzip = acceptsGzip(request.get("accept-encoding"));
        String etag = gzip ? asset.gzipEtag() : asset.etag();
        // Revalidated each time (no-cache), so a deploy is seen at once; a 304 saves the transfer.
        Map<String, String> headers = new LinkedHashMap<>(Map.of("ETag", etag, "Cache-Control", "no-cache",
                "Vary", "Accept-Encoding"));
        if (etag.equals(request.get("if-none-match"))) {
            return answer(csp, 304, type, "", headers);
        }
        if (!gzip) {
            return answer(csp, 200, type, asset.text(), headers);
        }
        headers.put("Content-Encoding", "gzip");
        APIGatewayV2HTTPResponse response = answer(csp, 200, type, asset.gzipBase64(), headers);
        response.setIsBase64Encoded(true);
        return response;
    }

    /** Whether an Accept-Encoding header takes gzip: named (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] coding = part.split(";");
            String name = coding[0].strip();
            boolean refused = coding.length > 1 && coding[1].replace(" ", "").matches("q=0(\\.0*)?");
            if ((name.equals("gzip") || name.equals("*")) && !refused) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static APIGatewayV2HTTPResponse answer(String csp, int status, String type, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", csp);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private static String read(String resource) {
        try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + resource + " is not in the package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
