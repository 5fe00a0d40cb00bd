package io.leadtriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadtriage.ops.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * API Gateway (HTTP API, payload 2.0) on loopback: turns each HTTP request into the event API Gateway
 * would send, calls the route's handler, and writes its answer back, with the template's CORS rules.
 * Bodies API Gateway base64-encodes (anything but text and JSON) are base64-encoded here too.
 */
final class LocalHttpServer implements AutoCloseable {
    /** API Gateway's own cap on a request body; larger bodies never reach the function. */
    private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final byte[] INTERNAL_ERROR = ("{\"error\":{\"code\":\"internal_error\",\"message\":"
            + "\"The local server failed to answer this request; its console says where.\"}}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LocalHttpServer bind(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "local-api");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            return new LocalHttpServer(server, executor);
        } catch (BindException e) {
            throw new StartFailure("port " + port + " is in use: set PORT=... to run on another, e.g. PORT="
                    + (port + 1) + " mvn -Prun package", e);
        } catch (IOException e) {
            throw new StartFailure("cannot listen on port " + port + ": " + e.getMessage() + " (set PORT=... to use another)", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Something the local run serves besides the template's routes: the sample site, the /_local/ console. */
    interface LocalEndpoint {
        /** @return false when the request is not this endpoint's */
        boolean handle(HttpExchange exchange) throws IOException;
    }

    void serve(List<ApiRoute> routes, List<String> allowedOrigins, SamTemplate.Cors cors, List<LocalEndpoint> local) {
        serve(routes, allowedOrigins, cors, local, null);
    }

    /** @param roles what stands for API Gateway's AWS_IAM authorizer on the routes that name it; null for none */
    void serve(List<ApiRoute> routes, List<String> allowedOrigins, SamTemplate.Cors cors, List<LocalEndpoint> local,
               LocalRoles roles) {
        server.createContext("/", exchange -> {
            try {
                for (LocalEndpoint endpoint : local) {
                    if (endpoint.handle(exchange)) {
                        return;
                    }
                }
                handle(exchange, routes, allowedOrigins, cors, roles);
            } catch (IOException | RuntimeException | Error e) {
                // Even an Error: one request's failure must cost neither the connection nor the server.
                failed(exchange, allowedOrigins, e);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /**
     * An exception nothing else handled: one log line (the exception's class and where our code threw it; never its
     * message, which may carry what the visitor typed), and a JSON 500 with a stable code if nothing was sent yet.
     */
    private static void failed(HttpExchange exchange, List<String> allowedOrigins, Throwable e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", exchange.getRequestMethod());
        fields.put("path", exchange.getRequestURI().getRawPath());
        fields.put("at", thrownAt(e));
        if (e instanceof IOException && exchange.getResponseCode() != -1) {
            // Writing an answer already begun failed: the client went away (a closed tab, a browser cancelling a
            // request it no longer needs). Nothing of ours failed, so it is no error; closing the exchange is all
            // that is left.
            Log.debug("local server: the client closed the connection before the answer was written", fields);
            return;
        }
        Log.error("local server: unexpected exception", fields, e);
        if (exchange.getResponseCode() != -1) {
            return; // the answer had begun: closing the exchange is all that is left
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            headers.put("Access-Control-Allow-Origin", origin); // so the page that posted reads the error
            headers.put("Vary", "Origin");
        }
        headers.put("Content-Type", "application/json");
        try {
            send(exchange, 500, headers, INTERNAL_ERROR);
        } catch (IOException gone) {
            // the client has gone: nobody to answer
        }
    }

    /** The first frame of leadtriage's code in the exception's stack (else its first frame). */
    static String thrownAt(Throwable e) {
        StackTraceElement[] stack = e.getStackTrace();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.leadtriage.")) {
                return frame.toString();
            }
        }
        return stack.length == 0 ? "unknown" : stack[0].toString();
    }

    private void handle(HttpExchange exchange, List<ApiRoute> routes, List<String> allowedOrigins,
                        SamTemplate.Cors cors, LocalRoles roles) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean originAllowed = origin != null && allowedOrigins.contains(origin);
        Map<String, String> corsHeaders = new LinkedHashMap<>();
        if (originAllowed) {
            corsHeaders.put("Access-Control-Allow-Origin", origin);
            corsHeaders.put("Vary", "Origin");
        }
        if (method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
            if (originAllowed) {
                corsHeaders.put("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
                corsHeaders.put("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
                corsHeaders.put("Access-Control-Max-Age", String.valueOf(cors.maxAgeSeconds()));
            }
            send(exchange, 204, corsHeaders, new byte[0]);
            return;
        }
        boolean pathKnown = false;
        for (ApiRoute route : routes) {
            Map<String, String> parameters = route.match(path);
            if (parameters == null) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(method)) {
                continue;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, 413, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPEvent event = event(exchange, route, parameters, body);
            if (roles != null && route.iam()) {
                LocalRoles.Decision decision = roles.decide(exchange.getRequestHeaders().getFirst("Authorization"), method, path);
                if (decision instanceof LocalRoles.Decision.Refused) {
                    Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
                    headers.put("Content-Type", "application/json");
                    send(exchange, 403, headers, LocalRoles.FORBIDDEN.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (decision instanceof LocalRoles.Decision.Allowed allowed && allowed.userArn() != null) {
                    event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                            .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withAccountId(LocalRoles.ACCOUNT)
                                    .withUserArn(allowed.userArn()).withUserId("local-" + allowed.role()).build()).build());
                }
            }
            APIGatewayV2HTTPResponse response = route.handler.invoke(event);
            Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
            if (response.getHeaders() != null) {
                headers.putAll(response.getHeaders());
            }
            byte[] out = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                    ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(), headers, out);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(corsHeaders);
        headers.put("Content-Type", "application/json");
        send(exchange, pathKnown ? 405 : 404, headers, (pathKnown ? "{\"message\":\"Method Not Allowed\"}"
                : "{\"message\":\"Not Found\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, ApiRoute route, Map<String, String> parameters,
                                               byte[] body) {
        Map<String, String> headers = new HashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                h.getValue().forEach(c -> cookies.addAll(List.of(c.split(";\\s*"))));
            } else {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.merge(name, value, (a, b) -> a + "," + b);
                }
            }
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        // API Gateway passes JSON and text as they are and base64-encodes everything else, urlencoded
        // and multipart forms included: the handlers see what they will see when deployed.
        boolean text = contentType.startsWith("text/") || contentType.startsWith("application/json");
        Instant now = Instant.now();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        // What API Gateway adds to every request: the client's address, and the scheme and port it was reached on.
        headers.put("x-forwarded-for", sourceIp);
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName(domainName(headers.get("host")))
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /**
     * The name the request reached this server by, as API Gateway's domainName gives the one it was reached by: a
     * browser on http://127.0.0.1:3000 must get links on 127.0.0.1, not on localhost (another origin to it).
     */
    static String domainName(String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.strip().toLowerCase(Locale.ROOT);
        int port = host.lastIndexOf(':');
        if (port > host.lastIndexOf(']')) {
            host = host.substring(0, port);
        }
        return host.equals("127.0.0.1") ? host : "localhost"; // the server listens on loopback only
    }

    /** The body, or null when it is over API Gateway's limit. */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return body.length > MAX_REQUEST_BYTES ? null : body;
        }
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        headers.forEach(out::set);
        boolean empty = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
