package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * IAM for one function's DynamoDB calls, before DynamoDB Local (which checks no permission at all): each call is
 * allowed only when the function's role, as the stack resolves it (its own policies and the stack's managed
 * policies it names), has an Allow statement for the call's action on the call's resource. A call that is not is
 * answered as DynamoDB answers it, 400 AccessDeniedException, and kept in {@link #denied()}; the others go on to
 * DynamoDB Local unchanged. The actions are IAM's: a transaction's Put, Update, Delete and ConditionCheck are
 * authorised as PutItem, UpdateItem, DeleteItem and ConditionCheckItem; a Query or Scan of an index on the index's
 * ARN ({@code <table ARN>/index/<name>}).
 *
 * <p>What it leaves out of IAM: Deny statements, conditions, NotAction and NotResource (the template writes none for
 * DynamoDB; TemplateTransformTest checks that), and AWS managed policies (SAM's own, which grant no DynamoDB access).
 */
public final class DynamoDbAuthorizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    /** Headers java.net.http sets itself and refuses from the caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final String function;
    private final String tableArnPrefix;
    private final List<Grant> grants;
    private final URI dynamo;
    private final HttpClient client = HttpClient.newHttpClient();
    private final HttpServer server;
    private final Set<String> allowed = Collections.synchronizedSet(new TreeSet<>());
    private final List<String> denied = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> calls = new TreeMap<>();

    /** One statement's Allow of an action (IAM's wildcards * and ?) on a resource (likewise). */
    record Grant(Pattern action, Pattern resource) {
        boolean allows(String action, String resource) {
            return this.action.matcher(action).matches() && this.resource.matcher(resource).matches();
        }
    }

    private DynamoDbAuthorizer(String function, String tableArnPrefix, List<Grant> grants, URI dynamo) throws IOException {
        this.function = function;
        this.tableArnPrefix = tableArnPrefix;
        this.grants = List.copyOf(grants);
        this.dynamo = dynamo;
        // Calls are taken one at a time, on the server's own thread, as a function makes them.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts one before {@code dynamo} for the function {@code logicalId} of the stack, with its role's grants. */
    public static DynamoDbAuthorizer start(SimulatedStack stack, String logicalId, URI dynamo) {
        SimulatedStack.Settings settings = stack.settings();
        String partition = stack.resource(logicalId).properties().path("Role").asText().split(":")[1];
        String tableArnPrefix = "arn:" + partition + ":dynamodb:" + settings.region() + ":" + settings.accountId() + ":table/";
        try {
            return new DynamoDbAuthorizer(logicalId, tableArnPrefix, grantsOf(stack, logicalId), dynamo);
        } catch (IOException e) {
            throw new UncheckedIOException("the DynamoDB authorizer cannot listen on loopback", e);
        }
    }

    /** The Allow statements of the function's role: its own policies and the stack's managed policies it names. */
    static List<Grant> grantsOf(SimulatedStack stack, String logicalId) {
        String roleArn = stack.resource(logicalId).properties().path("Role").asText();
        SimulatedStack.Resource role = stack.resources("AWS::IAM::Role").values().stream()
                .filter(r -> roleArn.equals(r.attributes().get("Arn"))).findFirst()
                .orElseThrow(() -> new IllegalStateException(logicalId + "'s role " + roleArn + " is not a role of the stack"));
        List<JsonNode> documents = new ArrayList<>();
        role.properties().path("Policies").forEach(policy -> documents.add(policy.path("PolicyDocument")));
        role.properties().path("ManagedPolicyArns").forEach(arn -> stack.resources("AWS::IAM::ManagedPolicy").values()
                .stream().filter(p -> p.ref().equals(arn.asText()))
                .forEach(p -> documents.add(p.properties().path("PolicyDocument"))));
        List<Grant> grants = new ArrayList<>();
        for (JsonNode document : documents) {
            for (JsonNode statement : list(document.path("Statement"))) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;
                }
                for (JsonNode action : list(statement.path("Action"))) {
                    for (JsonNode resource : list(statement.path("Resource"))) {
                        grants.add(new Grant(wildcard(action.asText(), Pattern.CASE_INSENSITIVE), wildcard(resource.asText(), 0)));
                    }
                }
            }
        }
        return grants;
    }

    /** The endpoint to give the function as AWS_ENDPOINT_URL_DYNAMODB. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The calls refused, as "action resource", in order. */
    public List<String> denied() {
        synchronized (denied) {
            return List.copyOf(denied);
        }
    }

    /** The actions allowed so far, as "action resource" with the table's ARN prefix left out. */
    public Set<String> allowed() {
        synchronized (allowed) {
            return Set.copyOf(allowed);
        }
    }

    /** Every call made through it so far, by operation (GetItem, TransactWriteItems…), refused ones included. */
    public Map<String, Integer> calls() {
        synchronized (calls) {
            return Map.copyOf(calls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            synchronized (calls) {
                calls.merge(target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target, 1, Integer::sum);
            }
            List<String[]> needed = needed(target, JSON.readTree(body));
            for (String[] call : needed) {
                if (grants.stream().noneMatch(g -> g.allows(call[0], call[1]))) {
                    denied.add(call[0] + " " + call[1]);
                    send(exchange, 400, ("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"User: "
                            + function + " is not authorized to perform: " + call[0] + " on resource: " + call[1]
                            + " because no identity-based policy allows the " + call[0] + " action\"}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            needed.forEach(call -> allowed.add(call[0] + " " + call[1].replace(tableArnPrefix, "table/")));
            forward(exchange, body);
        }
    }

    /** The (action, resource) pairs IAM checks for one call. */
    private List<String[]> needed(String target, JsonNode request) {
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        List<String[]> needed = new ArrayList<>();
        if (operation.equals("TransactWriteItems") || operation.equals("TransactGetItems")) {
            for (JsonNode item : request.path("TransactItems")) {
                item.properties().forEach(e -> needed.add(new String[] {
                        "dynamodb:" + switch (e.getKey()) {
                            case "ConditionCheck" -> "ConditionCheckItem";
                            default -> e.getKey() + "Item";
                        },
                        tableArnPrefix + e.getValue().path("TableName").asText()}));
            }
        } else if (request.has("TableName")) {
            String table = tableArnPrefix + request.path("TableName").asText();
            needed.add(new String[] {"dynamodb:" + operation,
                    request.has("IndexName") ? table + "/index/" + request.path("IndexName").asText() : table});
        } else if (request.has("RequestItems")) {
            request.path("RequestItems").fieldNames().forEachRemaining(table ->
                    needed.add(new String[] {"dynamodb:" + operation, tableArnPrefix + table}));
        } else {
            needed.add(new String[] {"dynamodb:" + operation, "*"});
        }
        return needed;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynamo.resolve(exchange.getRequestURI().getRawPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to DynamoDB Local", e);
        }
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESTRICTED.contains(lower) && !lower.equals("transfer-encoding") && !lower.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An IAM pattern (* any run of characters, ? one) as a regular expression. */
    private static Pattern wildcard(String iam, int flags) {
        StringBuilder regex = new StringBuilder();
        for (char c : iam.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), flags);
    }

    private static List<JsonNode> list(JsonNode value) {
        List<JsonNode> list = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(list::add);
        } else if (!value.isMissingNode() && !value.isNull()) {
            list.add(value);
        }
        return list;
    }
}
