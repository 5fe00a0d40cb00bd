package io.leadtriage.local;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local stack and the tests take from template.yaml, so they cannot drift from what deploys:
 * the DynamoDB tables (keys, indexes, TTL) and the functions (handler, environment, HTTP routes).
 * CloudFormation's short forms (!Ref, !Sub, !If, …) are read as their long forms ({"Ref": …}, {"Fn::Sub": …})
 * and resolved locally with the parameters' defaults: a {@code !Ref} to a parameter is its default, one to a
 * resource that resource's logical id (a table's local name; a secret's name for the local runner to map),
 * {@code !If} takes the branch its condition picks, {@code !Ref AWS::NoValue} leaves the value out.
 */
public final class SamTemplate {
    private static final JsonNode NO_NODE = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Lambda's MemorySize when neither the function nor the template's Globals set one. */
    private static final int DEFAULT_MEMORY_MB = 128;
    /** CloudFormation's short-form tags: `!Tag x` stands for {"Fn::Tag": x}, except these two ({"Ref": x}). */
    private static final List<String> UNPREFIXED_TAGS = List.of("Ref", "Condition");
    private static final String NO_VALUE = "AWS::NoValue";
    private static final String STACK_NAME = "AWS::StackName";
    /** The stack's name in the local run (the Stack dimension of its metrics). */
    public static final String LOCAL_STACK = "local";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        try {
            return new SamTemplate(parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The YAML document as a tree, CloudFormation's short-form tags turned into their long forms. */
    private static JsonNode parse(String yaml) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            return parser.nextToken() == null ? NO_NODE : node(parser);
        }
    }

    private static JsonNode node(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId(); // "Ref" for `!Ref x`; null when the value carries no tag
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + parser.currentToken() + " in the template");
        };
        return tag == null ? value : longForm(tag, value);
    }

    /**
     * `!Sub x` as {"Fn::Sub": x}, `!Ref x` as {"Ref": x}, `!GetAtt A.B` as {"Fn::GetAtt": [A, B]}. YAML's own
     * tags (`!!str`, read as tag:yaml.org,2002:str) change nothing.
     */
    private static JsonNode longForm(String tag, JsonNode value) {
        if (tag.contains(":")) {
            return value;
        }
        if (UNPREFIXED_TAGS.contains(tag)) {
            return NODES.objectNode().set(tag, value);
        }
        if (tag.equals("GetAtt") && value.isTextual()) {
            ArrayNode parts = NODES.arrayNode();
            Arrays.stream(value.asText().split("\\.", 2)).forEach(parts::add);
            value = parts;
        }
        return NODES.objectNode().set("Fn::" + tag, value);
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

    /**
     * Whether a condition of the template's Conditions section holds with the parameters' defaults
     * (!Equals, !Not, !And, !Or and !Condition, as CloudFormation evaluates them).
     */
    public boolean condition(String name) {
        JsonNode condition = root.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return holds(condition, parameterDefaults());
    }

    /** Functions by logical id. */
    public Map<String, FunctionDefinition> functions() {
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        JsonNode globals = root.path("Globals").path("Function");
        resources("AWS::Serverless::Function").forEach((name, resource) -> {
            JsonNode p = resource.path("Properties");
            Map<String, String> parameters = parameterDefaults();
            Map<String, String> env = new LinkedHashMap<>();
            // The function's own variables override the Globals ones (SAM merges the two maps); a variable
            // that resolves to AWS::NoValue is left out, as CloudFormation leaves it out.
            for (JsonNode variables : List.of(globals.path("Environment").path("Variables"),
                    p.path("Environment").path("Variables"))) {
                for (Map.Entry<String, JsonNode> e : variables.properties()) {
                    String value = plainValue(e.getValue(), parameters);
                    if (value == null) {
                        env.remove(e.getKey());
                    } else {
                        env.put(e.getKey(), value);
                    }
                }
            }
            List<Route> routes = new ArrayList<>();
            p.path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                if ("HttpApi".equals(event.path("Type").asText())) {
                    JsonNode route = event.path("Properties");
                    routes.add(new Route(route.path("Method").asText().toUpperCase(), route.path("Path").asText(), e.getKey(),
                            route.path("Auth").path("Authorizer").asText(null)));
                }
            });
            int memory = p.path("MemorySize").asInt(globals.path("MemorySize").asInt(DEFAULT_MEMORY_MB));
            functions.put(name, new FunctionDefinition(name, p.path("Handler").asText(), env, routes, memory));
        });
        return functions;
    }

    /**
     * The IAM policy statements of the role each Cognito user pool group names (its RoleArn's !GetAtt), by group
     * name, as the template writes them: ARNs resolved with {@code values} for the pseudo parameters and resources
     * they name (e.g. AWS::Region, HttpApi), else as {@link #referenced} reads them. Managed policies are not read.
     */
    public Map<String, List<PolicyStatement>> groupPolicies(Map<String, String> values) {
        Map<String, String> parameters = new LinkedHashMap<>(parameterDefaults());
        parameters.putAll(values);
        Map<String, JsonNode> roles = resources("AWS::IAM::Role");
        Map<String, List<PolicyStatement>> policies = new LinkedHashMap<>();
        resources("AWS::Cognito::UserPoolGroup").values().forEach(group -> {
            JsonNode p = group.path("Properties");
            JsonNode role = roles.getOrDefault(p.path("RoleArn").path("Fn::GetAtt").path(0).asText(), NO_NODE);
            List<PolicyStatement> statements = new ArrayList<>();
            for (JsonNode policy : role.path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    statements.add(new PolicyStatement(statement.path("Effect").asText(),
                            listValue(statement.path("Action"), parameters), listValue(statement.path("Resource"), parameters)));
                }
            }
            policies.put(p.path("GroupName").asText(), List.copyOf(statements));
        });
        return policies;
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

    /**
     * What a !Ref (or a ${name} of a !Sub) reads as locally: a parameter's default; the stack's name is
     * {@code local}; a resource's (or another pseudo parameter's) own name, e.g. LeadsTable, the local table's name;
     * null for AWS::NoValue.
     */
    private static String referenced(String name, Map<String, String> parameters) {
        if (NO_VALUE.equals(name)) {
            return null;
        }
        if (STACK_NAME.equals(name)) {
            return LOCAL_STACK;
        }
        return parameters.getOrDefault(name, name);
    }

    /**
     * A value as CloudFormation would resolve it, locally: plain values as they are; !Ref as
     * {@link #referenced}; !Join, !Sub, !Select and !Split computed; !If by its condition; !GetAtt A.B as
     * "A.B"; any other function as its first plain value. Null for AWS::NoValue (the value is left out).
     */
    private String plainValue(JsonNode value, Map<String, String> parameters) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode args = value.get(function);
            switch (function) {
                case "Ref":
                    return referenced(args.asText(), parameters);
                case "Fn::If": {
                    requireArguments(function, args, 3);
                    return plainValue(args.get(holds(conditionNamed(args.get(0).asText()), parameters) ? 1 : 2),
                            parameters);
                }
                case "Fn::Join": {
                    requireArguments(function, args, 2);
                    return String.join(args.get(0).asText(), listValue(args.get(1), parameters));
                }
                case "Fn::Select": {
                    requireArguments(function, args, 2);
                    return listValue(args.get(1), parameters).get(Integer.parseInt(plainValue(args.get(0), parameters)));
                }
                case "Fn::Sub":
                    return substituted(args, parameters);
                case "Fn::GetAtt":
                    return args.isArray() ? String.join(".", listValue(args, parameters)) : args.asText();
                default:
                    return plainValue(args, parameters);
            }
        }
        if (value.isArray() && !value.isEmpty()) {
            return plainValue(value.get(0), parameters);
        }
        return value.toString();
    }

    /** A list value: an array, !Split, or a !Ref to a CommaDelimitedList parameter (its default, split). */
    private List<String> listValue(JsonNode value, Map<String, String> parameters) {
        List<String> list = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> {
                String plain = plainValue(item, parameters);
                if (plain != null) {
                    list.add(plain);
                }
            });
        } else if (value.has("Fn::Split")) {
            JsonNode args = value.get("Fn::Split");
            requireArguments("Fn::Split", args, 2);
            list.addAll(Arrays.asList(plainValue(args.get(1), parameters).split(Pattern.quote(args.get(0).asText()), -1)));
        } else {
            String plain = plainValue(value, parameters);
            if (plain != null) {
                list.addAll(Arrays.asList(plain.split(",", -1)));
            }
        }
        return list;
    }

    /** !Sub "text ${Name}" or !Sub ["text ${Var}", {Var: value}]: each ${…} resolved; ${!Literal} is "${Literal}". */
    private String substituted(JsonNode args, Map<String, String> parameters) {
        String text = args.isArray() ? args.path(0).asText() : args.asText();
        Map<String, String> variables = new LinkedHashMap<>();
        if (args.isArray()) {
            for (Map.Entry<String, JsonNode> e : args.path(1).properties()) {
                variables.put(e.getKey(), plainValue(e.getValue(), parameters));
            }
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = name.startsWith("!") ? "${" + name.substring(1) + "}"
                    : variables.containsKey(name) ? variables.get(name) : referenced(name, parameters);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JsonNode conditionNamed(String name) {
        JsonNode condition = root.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new IllegalStateException("template.yaml uses condition " + name + " but does not define it");
        }
        return condition;
    }

    /** A condition's value with the parameters' defaults: !Equals, !Not, !And, !Or, !Condition. */
    private boolean holds(JsonNode condition, Map<String, String> parameters) {
        String function = condition.isObject() && condition.size() == 1 ? condition.fieldNames().next() : "";
        JsonNode args = condition.path(function);
        switch (function) {
            case "Fn::Equals":
                requireArguments(function, args, 2);
                return java.util.Objects.equals(plainValue(args.get(0), parameters), plainValue(args.get(1), parameters));
            case "Fn::Not":
                requireArguments(function, args, 1);
                return !holds(args.get(0), parameters);
            case "Fn::And": {
                boolean all = true;
                for (JsonNode c : args) {
                    all &= holds(c, parameters);
                }
                return all;
            }
            case "Fn::Or": {
                boolean any = false;
                for (JsonNode c : args) {
                    any |= holds(c, parameters);
                }
                return any;
            }
            case "Condition":
                return holds(conditionNamed(args.asText()), parameters);
            default:
                throw new IllegalStateException("cannot evaluate the condition " + condition
                        + " locally: only !Equals, !Not, !And, !Or and !Condition are understood");
        }
    }

    private static void requireArguments(String function, JsonNode args, int count) {
        if (!args.isArray() || args.size() != count) {
            throw new IllegalStateException(function + " takes " + count + " arguments, not " + args);
        }
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

    /** An HTTP API route, e.g. POST /v1/forms/{formId}; its authorizer (AWS_IAM) or null for none. */
    public record Route(String method, String path, String eventName, String authorizer) {
        public Route(String method, String path, String eventName) {
            this(method, path, eventName, null);
        }
    }

    /** An IAM policy statement: Allow or Deny, its actions and resources. */
    public record PolicyStatement(String effect, List<String> actions, List<String> resources) {
    }
}
