package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack and the tests take from template.yaml, so they cannot drift from what deploys:
 * the DynamoDB tables (keys, indexes, TTL) and the functions (handler, environment, HTTP routes).
 * CloudFormation tags (!Ref, !Sub, …) are read as their plain values; a {@code !Ref} to a table becomes
 * that table's local name, its logical id.
 */
public final class SamTemplate {
    private static final JsonNode NO_NODE = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    /** Lambda's MemorySize when neither the function nor the template's Globals set one. */
    private static final int DEFAULT_MEMORY_MB = 128;
    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        try {
            return new SamTemplate(new YAMLMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** template.yaml at the project root, found from the working directory or one of its parents. */
    public static Path locate() {
        String configured = System.getProperty("leadtriage.template");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found from " + Path.of("").toAbsolutePath());
    }

    /** One CreateTableRequest per AWS::DynamoDB::Table, named by logical id. */
    public List<CreateTableRequest> tables() {
        List<CreateTableRequest> tables = new ArrayList<>();
        resources("AWS::DynamoDB::Table").forEach((name, resource) -> {
            JsonNode p = resource.path("Properties");
            List<AttributeDefinition> attributes = new ArrayList<>();
            p.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                    .attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText()).build()));
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            p.path("GlobalSecondaryIndexes").forEach(g -> indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(g.path("IndexName").asText())
                    .keySchema(keySchema(g.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(g.path("Projection").path("ProjectionType").asText("ALL"))
                            .nonKeyAttributes(texts(g.path("Projection").path("NonKeyAttributes")))
                            .build())
                    .build()));
            CreateTableRequest.Builder table = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(keySchema(p.path("KeySchema")));
            if (!indexes.isEmpty()) {
                table.globalSecondaryIndexes(indexes);
            }
            tables.add(table.build());
        });
        return tables;
    }

    /** The TTL attribute of a table, if the template enables one. */
    public String timeToLiveAttribute(String table) {
        JsonNode ttl = resources("AWS::DynamoDB::Table").get(table).path("Properties").path("TimeToLiveSpecification");
        return ttl.path("Enabled").asBoolean(false) ? ttl.path("AttributeName").asText(null) : null;
    }

    /** The HTTP API's CORS settings (origins come from the AllowedOrigins parameter, so they are set apart). */
    public Cors cors() {
        JsonNode cors = NO_NODE;
        for (JsonNode api : resources("AWS::Serverless::HttpApi").values()) {
            cors = api.path("Properties").path("CorsConfiguration");
        }
        return new Cors(texts(cors.path("AllowMethods")) == null ? List.of() : texts(cors.path("AllowMethods")),
                texts(cors.path("AllowHeaders")) == null ? List.of() : texts(cors.path("AllowHeaders")),
                cors.path("MaxAge").asInt(0));
    }

    /** Each parameter's default value (lists joined with commas, as CloudFormation passes them). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        root.path("Parameters").fields().forEachRemaining(e -> {
            JsonNode value = e.getValue().path("Default");
            if (!value.isMissingNode()) {
                defaults.put(e.getKey(), value.asText());
            }
        });
        return defaults;
    }

    /** Functions by logical id. */
    public Map<String, FunctionDefinition> functions() {
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        JsonNode globals = root.path("Globals").path("Function");
        resources("AWS::Serverless::Function").forEach((name, resource) -> {
            JsonNode p = resource.path("Properties");
            Map<String, String> parameters = parameterDefaults();
            Map<String, String> env = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(),
                    plainValue(e.getValue(), parameters)));
            p.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(),
                    plainValue(e.getValue(), parameters)));
            List<Route> routes = new ArrayList<>();
            p.path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                if ("HttpApi".equals(event.path("Type").asText())) {
                    routes.add(new Route(event.path("Properties").path("Method").asText().toUpperCase(),
                            event.path("Properties").path("Path").asText(), e.getKey()));
                }
            });
            int memory = p.path("MemorySize").asInt(globals.path("MemorySize").asInt(DEFAULT_MEMORY_MB));
            functions.put(name, new FunctionDefinition(name, p.path("Handler").asText(), env, routes, memory));
        });
        return functions;
    }

    private Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** A !Ref to a parameter becomes the parameter's default; one to a resource stays its logical id. */
    private static String resolved(String value, Map<String, String> parameters) {
        return parameters.getOrDefault(value, value);
    }

    /**
     * A value as CloudFormation would resolve it locally: a !Ref to a parameter is its default, one to a
     * resource its logical id; {@code !Join [",", !Ref List]} joins; anything more intricate (!Sub) reads
     * as its first text.
     */
    private static String plainValue(JsonNode value, Map<String, String> parameters) {
        if (value.isTextual()) {
            return resolved(value.asText(), parameters);
        }
        if (value.isArray() && value.size() == 2 && value.get(0).isTextual() && value.get(0).asText().length() <= 1) {
            String delimiter = value.get(0).asText();
            JsonNode parts = value.get(1);
            if (parts.isArray()) {
                List<String> joined = new ArrayList<>();
                parts.forEach(part -> joined.add(plainValue(part, parameters)));
                return String.join(delimiter, joined);
            }
            return plainValue(parts, parameters);
        }
        if (value.isArray() && !value.isEmpty()) {
            return plainValue(value.get(0), parameters);
        }
        return value.toString();
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return keys;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts.isEmpty() ? null : texts;
    }

    /** A function of the template: its handler ("class::method"), environment, HTTP routes and memory size. */
    public record FunctionDefinition(String logicalId, String handler, Map<String, String> environment,
                                     List<Route> routes, int memorySizeMb) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }
    }

    /** CORS of the HTTP API, as API Gateway applies it. */
    public record Cors(List<String> allowMethods, List<String> allowHeaders, int maxAgeSeconds) {
    }

    /** An HTTP API route, e.g. POST /v1/forms/{formId}. */
    public record Route(String method, String path, String eventName) {
    }
}
