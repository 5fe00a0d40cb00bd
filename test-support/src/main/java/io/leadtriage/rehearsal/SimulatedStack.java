package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml deployed as a stack would deploy it, without AWS: SAM's transform (the real one,
 * {@link SamTransform}), then every intrinsic function resolved against a simulated stack: parameters from
 * their defaults and the given overrides (checked as CloudFormation checks them), conditions, pseudo
 * parameters ({@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::StackName}, {@code AWS::StackId},
 * {@code AWS::Partition}, {@code AWS::URLSuffix}, {@code AWS::NoValue}), {@code Ref} and {@code Fn::GetAtt} of
 * resources, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If},
 * {@code Fn::FindInMap}, {@code Fn::Base64}, {@code Fn::GetAZs}, and secretsmanager dynamic references.
 *
 * <p>Physical ids are made as CloudFormation makes them when a template names nothing: a table is
 * {@code <stack>-<LogicalId>-<12 random>}, a function or role {@code <stack>-<LogicalId>-<12 random>} within
 * 64 characters, a secret's name {@code <LogicalId>-<12 random>} and its Ref its ARN,
 * {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random>}; a managed policy's name is
 * {@code <stack>-<LogicalId>-<12 random>} and its Ref its ARN, {@code arn:aws:iam::<account>:policy/<name>}; a
 * generated secret string is generated ({@code GenerateSecretString}: the template JSON with a random password
 * under its key).
 *
 * <p>A {@link Provisioner} may create a resource for real (a table in DynamoDB Local, a secret in a Secrets
 * Manager stand-in) and return what its Ref is, as the service's answer is what CloudFormation returns: a
 * secret's ARN is the one Secrets Manager made. Resources are created on first reference, in dependency order,
 * and {@link #deploy} creates every resource whose condition holds.
 */
public final class SimulatedStack {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands for AWS::NoValue while resolving: the property or list element is left out. */
    private static final JsonNode NO_VALUE = MissingNode.getInstance();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):([^}]*)}}");
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** Where and as what the stack is deployed; parameter values override the template's defaults. */
    public record Settings(String stackName, String region, String accountId, Map<String, String> parameterOverrides) {
        public Settings {
            parameterOverrides = Map.copyOf(parameterOverrides);
        }

        /** samconfig.toml's stack name and region when it has them (leadtriage, eu-west-1), a made-up account. */
        public static Settings fromSamConfig(Path samconfig) {
            String stack = "leadtriage";
            String region = "eu-west-1";
            if (Files.isRegularFile(samconfig)) {
                try {
                    String text = Files.readString(samconfig);
                    stack = tomlString(text, "stack_name").orElse(stack);
                    region = tomlString(text, "region").orElse(region);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Settings(stack, region, "123456789012", Map.of());
        }

        public Settings withParameter(String name, String value) {
            Map<String, String> overrides = new LinkedHashMap<>(parameterOverrides);
            overrides.put(name, value);
            return new Settings(stackName, region, accountId, overrides);
        }

        private static Optional<String> tomlString(String toml, String key) {
            Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s*=\\s*\"([^\"]*)\"").matcher(toml);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /** What a provisioner is asked to create: the name CloudFormation chose and the resolved properties. */
    public record ProvisionRequest(String logicalId, String type, String physicalName, JsonNode properties,
                                   String region, String accountId) {
    }

    /** Creates one type of resource for real; returns its Ref value, or null to keep the generated one. */
    @FunctionalInterface
    public interface Provisioner {
        String create(ProvisionRequest request);
    }

    /** A resource as created: its Ref value, its attributes for Fn::GetAtt, its resolved properties. */
    public record Resource(String logicalId, String type, String ref, Map<String, String> attributes, JsonNode properties) {
    }

    /** A secret as created, with the secret string it was given (generated, if the template asks for that). */
    public record Secret(String logicalId, String name, String arn, String secretString) {
    }

    /** A function as deployed: what Lambda runs it with. */
    public record Function(String logicalId, String functionName, String handler, String runtime, int memorySizeMb,
                           int timeoutSeconds, List<String> architectures, Map<String, String> environment,
                           boolean snapStart, boolean tracingActive, String alias, String version) {
    }

    private final Settings settings;
    private final JsonNode template;
    private final Map<String, Provisioner> provisioners;
    private final Random random;
    private final String stackId;
    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Set<String> creating = new HashSet<>();

    private SimulatedStack(JsonNode template, Settings settings, Map<String, Provisioner> provisioners, Random random) {
        this.template = template;
        this.settings = settings;
        this.provisioners = Map.copyOf(provisioners);
        this.random = random;
        this.stackId = "arn:" + partition() + ":cloudformation:" + settings.region() + ":" + settings.accountId() + ":stack/"
                + settings.stackName() + "/" + new UUID(random.nextLong(), random.nextLong());
        readParameters();
    }

    /** template.yaml through SAM's transform, every resource created (offline: ids generated). */
    public static SimulatedStack deploy(Path template, Settings settings) {
        return deploy(template, settings, Map.of());
    }

    /** As {@link #deploy(Path, Settings)}, with provisioners by resource type creating what they can for real. */
    public static SimulatedStack deploy(Path template, Settings settings, Map<String, Provisioner> provisioners) {
        JsonNode transformed = SamTransform.run(template, settings.region(), settings.parameterOverrides());
        return deployTransformed(transformed, settings, provisioners, new SecureRandom());
    }

    /** An already transformed (plain CloudFormation) template. */
    static SimulatedStack deployTransformed(JsonNode transformed, Settings settings, Map<String, Provisioner> provisioners,
                                            Random random) {
        SimulatedStack stack = new SimulatedStack(transformed, settings, provisioners, random);
        stack.template.path("Resources").fieldNames().forEachRemaining(id -> {
            if (stack.exists(id)) {
                stack.resource(id);
            }
        });
        return stack;
    }

    public Settings settings() {
        return settings;
    }

    /** The transformed template, intrinsics unresolved. */
    public JsonNode transformed() {
        return template;
    }

    public String stackId() {
        return stackId;
    }

    /** Each parameter's value as the stack has it (lists joined with commas, as CloudFormation shows them). */
    public Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach((name, value) -> values.put(name, text(value)));
        return values;
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalStateException("no condition " + name + " in the template");
        }
        JsonNode value = resolve(definition);
        if (!value.isBoolean()) {
            throw new IllegalStateException("condition " + name + " is not a boolean: " + value);
        }
        conditions.put(name, value.booleanValue());
        return value.booleanValue();
    }

    /** Whether the resource exists in this stack: it is in the template and its Condition, if any, holds. */
    public boolean exists(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            return false;
        }
        JsonNode condition = resource.path("Condition");
        return condition.isMissingNode() || condition(condition.asText());
    }

    /** The resource, created now if it was not yet. */
    public Resource resource(String logicalId) {
        Resource known = resources.get(logicalId);
        if (known != null) {
            return known;
        }
        if (!exists(logicalId)) {
            throw new IllegalStateException(template.path("Resources").has(logicalId)
                    ? logicalId + " is not created in this stack (its condition is false), yet something refers to it"
                    : "no resource " + logicalId + " in the template");
        }
        if (!creating.add(logicalId)) {
            throw new IllegalStateException("circular reference through " + logicalId);
        }
        try {
            Resource created = create(logicalId);
            resources.put(logicalId, created);
            return created;
        } finally {
            creating.remove(logicalId);
        }
    }

    /** Every created resource of a type, by logical id. */
    public Map<String, Resource> resources(String type) {
        Map<String, Resource> found = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            if (r.type().equals(type)) {
                found.put(id, r);
            }
        });
        return found;
    }

    /** What {@code Ref} of a resource gives: a table's name, a secret's ARN, a function's name. */
    public String ref(String logicalId) {
        return resource(logicalId).ref();
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets.values());
    }

    public Secret secret(String logicalId) {
        resource(logicalId);
        Secret secret = secrets.get(logicalId);
        if (secret == null) {
            throw new IllegalArgumentException(logicalId + " is not a secret");
        }
        return secret;
    }

    /** The functions (AWS::Lambda::Function after the transform), by logical id, resolved. */
    public Map<String, Function> functions() {
        Map<String, Function> functions = new LinkedHashMap<>();
        Map<String, String> aliases = new HashMap<>();
        resources("AWS::Lambda::Alias").values().forEach(alias ->
                aliases.put(alias.properties().path("FunctionName").asText(), alias.properties().path("Name").asText()));
        resources("AWS::Lambda::Function").forEach((id, r) -> {
            JsonNode p = r.properties();
            Map<String, String> environment = new LinkedHashMap<>();
            p.path("Environment").path("Variables").fields().forEachRemaining(v -> {
                if (!v.getValue().isValueNode()) {
                    throw new IllegalStateException(id + ": environment variable " + v.getKey() + " is not a plain value: " + v.getValue());
                }
                environment.put(v.getKey(), v.getValue().asText());
            });
            List<String> architectures = new ArrayList<>();
            p.path("Architectures").forEach(a -> architectures.add(a.asText()));
            if (architectures.isEmpty()) {
                architectures.add("x86_64");
            }
            String alias = aliases.get(r.ref());
            functions.put(id, new Function(id, r.ref(), p.path("Handler").asText(), p.path("Runtime").asText(),
                    p.path("MemorySize").asInt(128), p.path("Timeout").asInt(3), List.copyOf(architectures),
                    Map.copyOf(environment), "PublishedVersions".equals(p.path("SnapStart").path("ApplyOn").asText()),
                    "Active".equals(p.path("TracingConfig").path("Mode").asText()), alias, alias == null ? "$LATEST" : "1"));
        });
        return functions;
    }

    public String partition() {
        String region = settings.region();
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    public String urlSuffix() {
        return settings.region().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    private void readParameters() {
        JsonNode declared = template.path("Parameters");
        for (String name : settings.parameterOverrides().keySet()) {
            if (!declared.has(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
        }
        declared.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode definition = e.getValue();
            String raw = settings.parameterOverrides().containsKey(name) ? settings.parameterOverrides().get(name)
                    : definition.has("Default") ? text(definition.get("Default")) : null;
            if (raw == null) {
                throw new IllegalArgumentException("parameter " + name + " has no default: give it a value");
            }
            check(name, definition, raw);
            String type = definition.path("Type").asText("String");
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                ArrayNode list = NODES.arrayNode();
                if (!raw.isEmpty()) {
                    for (String item : raw.split(",", -1)) {
                        list.add(item.strip());
                    }
                }
                parameters.put(name, list);
            } else {
                parameters.put(name, NODES.textNode(raw));
            }
        });
    }

    /** AllowedValues, AllowedPattern, MinValue/MaxValue and Min/MaxLength, as CloudFormation checks a parameter. */
    private static void check(String name, JsonNode definition, String value) {
        JsonNode allowed = definition.path("AllowedValues");
        if (allowed.isArray() && allowed.size() > 0) {
            boolean ok = false;
            for (JsonNode a : allowed) {
                ok |= text(a).equals(value);
            }
            if (!ok) {
                throw new IllegalArgumentException("parameter " + name + " must be one of " + allowed + ", not '" + value + "'");
            }
        }
        if (definition.has("AllowedPattern") && !value.matches(definition.get("AllowedPattern").asText())) {
            throw new IllegalArgumentException("parameter " + name + " must match " + definition.get("AllowedPattern").asText());
        }
        if (definition.path("Type").asText().equals("Number")) {
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter " + name + " must be a number, not '" + value + "'");
            }
            if (definition.has("MinValue") && number.compareTo(new BigDecimal(text(definition.get("MinValue")))) < 0) {
                throw new IllegalArgumentException("parameter " + name + " must be at least " + text(definition.get("MinValue")));
            }
            if (definition.has("MaxValue") && number.compareTo(new BigDecimal(text(definition.get("MaxValue")))) > 0) {
                throw new IllegalArgumentException("parameter " + name + " must be at most " + text(definition.get("MaxValue")));
            }
        }
        if (definition.has("MinLength") && value.length() < definition.get("MinLength").asInt()) {
            throw new IllegalArgumentException("parameter " + name + " is shorter than " + definition.get("MinLength").asInt());
        }
        if (definition.has("MaxLength") && value.length() > definition.get("MaxLength").asInt()) {
            throw new IllegalArgumentException("parameter " + name + " is longer than " + definition.get("MaxLength").asInt());
        }
    }

    // ---- resources -------------------------------------------------------------------------------------------

    private Resource create(String logicalId) {
        JsonNode definition = template.path("Resources").path(logicalId);
        String type = definition.path("Type").asText();
        JsonNode properties = resolve(definition.path("Properties").isMissingNode() ? NODES.objectNode()
                : definition.path("Properties"));
        properties = resolveDynamicReferences(properties);
        String name = physicalName(logicalId, type, properties);
        if (type.equals("AWS::SecretsManager::Secret")) {
            properties = withSecretString(properties);
        }
        String ref = defaultRef(logicalId, type, name, properties);
        Provisioner provisioner = provisioners.get(type);
        if (provisioner != null) {
            String given = provisioner.create(new ProvisionRequest(logicalId, type, name, properties, settings.region(),
                    settings.accountId()));
            if (given != null) {
                ref = given;
            }
        }
        Map<String, String> attributes = attributes(type, name, ref, properties);
        if (type.equals("AWS::SecretsManager::Secret")) {
            secrets.put(logicalId, new Secret(logicalId, name, ref, properties.path("SecretString").asText()));
        }
        return new Resource(logicalId, type, ref, Map.copyOf(attributes), properties);
    }

    /** The name CloudFormation gives a resource the template does not name. */
    private String physicalName(String logicalId, String type, JsonNode properties) {
        String stack = settings.stackName();
        return switch (type) {
            case "AWS::DynamoDB::Table" -> named(properties, "TableName", () -> generated(stack, logicalId, 255, UPPER_DIGITS));
            case "AWS::SecretsManager::Secret" -> named(properties, "Name", () -> logicalId + "-" + randomString(MIXED, 12));
            case "AWS::Lambda::Function" -> named(properties, "FunctionName", () -> generated(stack, logicalId, 64, MIXED));
            case "AWS::IAM::Role" -> named(properties, "RoleName", () -> generated(stack, logicalId, 64, UPPER_DIGITS));
            case "AWS::IAM::ManagedPolicy" -> named(properties, "ManagedPolicyName", () -> generated(stack, logicalId, 128, UPPER_DIGITS));
            case "AWS::SES::ConfigurationSet" -> named(properties, "Name", () -> generated(stack, logicalId, 64, MIXED));
            case "AWS::Events::Rule" -> named(properties, "Name", () -> generated(stack, logicalId, 64, UPPER_DIGITS));
            case "AWS::Events::EventBus" -> named(properties, "Name", () -> generated(stack, logicalId, 256, MIXED));
            case "AWS::Scheduler::Schedule" -> named(properties, "Name", () -> generated(stack, logicalId, 64, MIXED));
            case "AWS::ApiGatewayV2::Api" -> randomString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
            case "AWS::ApiGatewayV2::Stage" -> named(properties, "StageName", () -> "$default");
            case "AWS::SQS::Queue" -> named(properties, "QueueName", () -> generated(stack, logicalId, 80, MIXED));
            case "AWS::SNS::Topic" -> named(properties, "TopicName", () -> generated(stack, logicalId, 256, MIXED));
            case "AWS::Logs::LogGroup" -> named(properties, "LogGroupName", () -> generated(stack, logicalId, 512, MIXED));
            // Cognito's own ids: a user pool's region_9 characters, a client's 26 characters, an identity pool's
            // region:UUID; a domain and a group are what the template names them.
            case "AWS::Cognito::UserPool" -> settings.region() + "_" + randomString(MIXED, 9);
            case "AWS::Cognito::UserPoolClient" -> randomString("abcdefghijklmnopqrstuvwxyz0123456789", 26);
            case "AWS::Cognito::UserPoolDomain" -> properties.path("Domain").asText();
            case "AWS::Cognito::UserPoolGroup" -> properties.path("GroupName").asText();
            case "AWS::Cognito::IdentityPool" -> settings.region() + ":" + java.util.UUID.randomUUID();
            default -> generated(stack, logicalId, 128, UPPER_DIGITS);
        };
    }

    private String defaultRef(String logicalId, String type, String name, JsonNode properties) {
        String prefix = "arn:" + partition() + ":";
        String where = settings.region() + ":" + settings.accountId();
        return switch (type) {
            case "AWS::SecretsManager::Secret" -> prefix + "secretsmanager:" + where + ":secret:" + name + "-" + randomString(MIXED, 6);
            case "AWS::Lambda::Version" -> prefix + "lambda:" + where + ":function:" + properties.path("FunctionName").asText() + ":1";
            case "AWS::Lambda::Alias" -> prefix + "lambda:" + where + ":function:" + properties.path("FunctionName").asText()
                    + ":" + properties.path("Name").asText();
            case "AWS::Lambda::Permission" -> generated(settings.stackName(), logicalId, 128, UPPER_DIGITS);
            // A role names it by this ARN (ManagedPolicyArns); its path is "/" unless the template says otherwise.
            case "AWS::IAM::ManagedPolicy" -> prefix + "iam::" + settings.accountId() + ":policy"
                    + properties.path("Path").asText("/") + name;
            case "AWS::SQS::Queue" -> "https://sqs." + settings.region() + "." + urlSuffix() + "/" + settings.accountId() + "/" + name;
            case "AWS::SNS::Topic" -> prefix + "sns:" + where + ":" + name;
            default -> name;
        };
    }

    /** What Fn::GetAtt gives for the types this project's template uses. */
    private Map<String, String> attributes(String type, String name, String ref, JsonNode properties) {
        String prefix = "arn:" + partition() + ":";
        String where = settings.region() + ":" + settings.accountId();
        Map<String, String> attributes = new HashMap<>();
        switch (type) {
            case "AWS::DynamoDB::Table" -> {
                attributes.put("Arn", prefix + "dynamodb:" + where + ":table/" + name);
                if (properties.has("StreamSpecification")) {
                    attributes.put("StreamArn", prefix + "dynamodb:" + where + ":table/" + name + "/stream/2026-01-01T00:00:00.000");
                }
            }
            case "AWS::SecretsManager::Secret" -> attributes.put("Id", ref);
            case "AWS::Cognito::UserPool" -> {
                attributes.put("Arn", prefix + "cognito-idp:" + where + ":userpool/" + ref);
                attributes.put("ProviderName", "cognito-idp." + settings.region() + "." + urlSuffix() + "/" + ref);
                attributes.put("ProviderURL", "https://cognito-idp." + settings.region() + "." + urlSuffix() + "/" + ref);
                attributes.put("UserPoolId", ref);
            }
            case "AWS::Cognito::UserPoolClient" -> attributes.put("ClientId", ref);
            case "AWS::Cognito::IdentityPool" -> {
                attributes.put("Id", ref);
                attributes.put("Name", name);
            }
            case "AWS::Lambda::Function" -> attributes.put("Arn", prefix + "lambda:" + where + ":function:" + name);
            case "AWS::Lambda::Version" -> {
                attributes.put("Version", "1");
                attributes.put("FunctionArn", ref);
            }
            case "AWS::Lambda::Alias" -> attributes.put("AliasArn", ref);
            case "AWS::IAM::Role" -> {
                attributes.put("Arn", prefix + "iam::" + settings.accountId() + ":role/" + name);
                attributes.put("RoleId", "AROA" + randomString(UPPER_DIGITS, 17));
            }
            case "AWS::IAM::ManagedPolicy" -> {
                attributes.put("PolicyArn", ref);
                attributes.put("PolicyId", "ANPA" + randomString(UPPER_DIGITS, 17));
            }
            case "AWS::ApiGatewayV2::Api" -> {
                attributes.put("ApiId", name);
                attributes.put("ApiEndpoint", "https://" + name + ".execute-api." + settings.region() + "." + urlSuffix());
            }
            case "AWS::Events::Rule" -> attributes.put("Arn", prefix + "events:" + where + ":rule/" + name);
            case "AWS::Events::EventBus" -> attributes.put("Arn", prefix + "events:" + where + ":event-bus/" + name);
            case "AWS::Scheduler::Schedule" -> attributes.put("Arn", prefix + "scheduler:" + where + ":schedule/default/" + name);
            case "AWS::SQS::Queue" -> {
                attributes.put("Arn", prefix + "sqs:" + where + ":" + name);
                attributes.put("QueueName", name);
                attributes.put("QueueUrl", ref);
            }
            case "AWS::SNS::Topic" -> {
                attributes.put("TopicArn", ref);
                attributes.put("TopicName", name);
            }
            case "AWS::Logs::LogGroup" -> attributes.put("Arn", prefix + "logs:" + where + ":log-group:" + name + ":*");
            default -> {
                // Other types: Ref only, until the template needs one of their attributes.
            }
        }
        return attributes;
    }

    /** GenerateSecretString as Secrets Manager does it: the template's JSON with a random password under its key. */
    private JsonNode withSecretString(JsonNode properties) {
        if (properties.has("SecretString") || !properties.has("GenerateSecretString")) {
            return properties;
        }
        JsonNode generate = properties.get("GenerateSecretString");
        String password = password(generate);
        String secretString;
        if (generate.has("GenerateStringKey")) {
            ObjectNode json;
            try {
                json = (ObjectNode) JSON.readTree(generate.path("SecretStringTemplate").asText("{}"));
            } catch (IOException | ClassCastException e) {
                throw new IllegalStateException("SecretStringTemplate is not a JSON object: " + generate.path("SecretStringTemplate"));
            }
            json.put(generate.get("GenerateStringKey").asText(), password);
            secretString = json.toString();
        } else {
            secretString = password;
        }
        ObjectNode copy = ((ObjectNode) properties).deepCopy();
        copy.put("SecretString", secretString);
        return copy;
    }

    private String password(JsonNode generate) {
        StringBuilder alphabet = new StringBuilder();
        if (!generate.path("ExcludeUppercase").asBoolean(false)) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!generate.path("ExcludeLowercase").asBoolean(false)) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!generate.path("ExcludeNumbers").asBoolean(false)) {
            alphabet.append("0123456789");
        }
        if (!generate.path("ExcludePunctuation").asBoolean(false)) {
            alphabet.append(PUNCTUATION);
        }
        if (generate.path("IncludeSpace").asBoolean(false)) {
            alphabet.append(' ');
        }
        String excluded = generate.path("ExcludeCharacters").asText("");
        String chars = alphabet.chars().filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return randomString(chars, generate.path("PasswordLength").asInt(32));
    }

    // ---- intrinsic functions ---------------------------------------------------------------------------------

    /** A value with every intrinsic function resolved; AWS::NoValue leaves properties and list items out. */
    public JsonNode resolve(JsonNode value) {
        if (value.isObject()) {
            if (value.size() == 1) {
                String key = value.fieldNames().next();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, value.get(key));
                }
            }
            ObjectNode resolved = NODES.objectNode();
            value.fields().forEachRemaining(e -> {
                JsonNode v = resolve(e.getValue());
                if (!v.isMissingNode()) {
                    resolved.set(e.getKey(), v);
                }
            });
            return resolved;
        }
        if (value.isArray()) {
            ArrayNode resolved = NODES.arrayNode();
            value.forEach(item -> {
                JsonNode v = resolve(item);
                if (!v.isMissingNode()) {
                    resolved.add(v);
                }
            });
            return resolved;
        }
        return value;
    }

    private JsonNode intrinsic(String function, JsonNode argument) {
        return switch (function) {
            case "Ref" -> refValue(argument.asText());
            case "Condition" -> NODES.booleanNode(condition(argument.asText()));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> NODES.textNode(sub(argument));
            case "Fn::Join" -> {
                JsonNode items = resolve(argument.get(1));
                List<String> parts = new ArrayList<>();
                items.forEach(item -> parts.add(text(item)));
                yield NODES.textNode(String.join(argument.get(0).asText(), parts));
            }
            case "Fn::Select" -> {
                int index = Integer.parseInt(text(resolve(argument.get(0))));
                JsonNode list = resolve(argument.get(1));
                if (!list.isArray() || index < 0 || index >= list.size()) {
                    throw new IllegalStateException("Fn::Select index " + index + " out of " + list);
                }
                yield list.get(index);
            }
            case "Fn::Split" -> {
                ArrayNode parts = NODES.arrayNode();
                String delimiter = argument.get(0).asText();
                for (String part : text(resolve(argument.get(1))).split(Pattern.quote(delimiter), -1)) {
                    parts.add(part);
                }
                yield parts;
            }
            case "Fn::If" -> condition(argument.get(0).asText()) ? resolve(argument.get(1)) : resolve(argument.get(2));
            case "Fn::Equals" -> NODES.booleanNode(text(resolve(argument.get(0))).equals(text(resolve(argument.get(1)))));
            case "Fn::Not" -> NODES.booleanNode(!bool(argument.get(0)));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : argument) {
                    all &= bool(c);
                }
                yield NODES.booleanNode(all);
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode c : argument) {
                    any |= bool(c);
                }
                yield NODES.booleanNode(any);
            }
            case "Fn::FindInMap" -> {
                JsonNode found = template.path("Mappings").path(text(resolve(argument.get(0))))
                        .path(text(resolve(argument.get(1)))).path(text(resolve(argument.get(2))));
                if (found.isMissingNode()) {
                    throw new IllegalStateException("Fn::FindInMap finds nothing for " + argument);
                }
                yield found;
            }
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder().encodeToString(text(resolve(argument)).getBytes(StandardCharsets.UTF_8)));
            case "Fn::GetAZs" -> {
                ArrayNode zones = NODES.arrayNode();
                for (String zone : List.of("a", "b", "c")) {
                    zones.add(settings.region() + zone);
                }
                yield zones;
            }
            default -> throw new IllegalStateException(function + " is not resolved by the rehearsal's simulated stack: "
                    + "teach SimulatedStack.intrinsic() if the template needs it");
        };
    }

    private boolean bool(JsonNode condition) {
        JsonNode value = resolve(condition);
        if (!value.isBoolean()) {
            throw new IllegalStateException("not a condition: " + condition);
        }
        return value.booleanValue();
    }

    private JsonNode refValue(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> NODES.textNode(settings.region());
            case "AWS::AccountId" -> NODES.textNode(settings.accountId());
            case "AWS::StackName" -> NODES.textNode(settings.stackName());
            case "AWS::StackId" -> NODES.textNode(stackId);
            case "AWS::Partition" -> NODES.textNode(partition());
            case "AWS::URLSuffix" -> NODES.textNode(urlSuffix());
            case "AWS::NotificationARNs" -> NODES.arrayNode();
            default -> {
                JsonNode parameter = parameters.get(name);
                yield parameter != null ? parameter : NODES.textNode(resource(name).ref());
            }
        };
    }

    private JsonNode getAtt(JsonNode argument) {
        String logicalId;
        String attribute;
        if (argument.isTextual()) {
            String[] parts = argument.asText().split("\\.", 2);
            logicalId = parts[0];
            attribute = parts.length > 1 ? parts[1] : "";
        } else {
            logicalId = argument.get(0).asText();
            attribute = text(resolve(argument.get(1)));
        }
        Resource resource = resource(logicalId);
        String value = resource.attributes().get(attribute);
        if (value == null) {
            throw new IllegalStateException("Fn::GetAtt " + logicalId + "." + attribute + ": the simulated stack knows no such"
                    + " attribute of " + resource.type() + " (it knows " + resource.attributes().keySet() + ")");
        }
        return NODES.textNode(value);
    }

    private String sub(JsonNode argument) {
        String text;
        Map<String, JsonNode> variables = new HashMap<>();
        if (argument.isTextual()) {
            text = argument.asText();
        } else {
            text = argument.get(0).asText();
            argument.get(1).fields().forEachRemaining(e -> variables.put(e.getKey(), resolve(e.getValue())));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = text(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                replacement = text(getAtt(NODES.textNode(name)));
            } else {
                replacement = text(refValue(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * {@code {{resolve:secretsmanager:<id>:SecretString:<key>}}} as CloudFormation resolves it at deploy time,
     * from the secrets of this stack; other services' references cannot be resolved offline and fail.
     */
    private JsonNode resolveDynamicReferences(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            if (!text.contains("{{resolve:")) {
                return value;
            }
            Matcher m = DYNAMIC_REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                if (!m.group(1).equals("secretsmanager")) {
                    throw new IllegalStateException("dynamic reference {{resolve:" + m.group(1) + ":...}} cannot be resolved by"
                            + " the simulated stack");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(secretReference(m.group(2))));
            }
            m.appendTail(out);
            return NODES.textNode(out.toString());
        }
        if (value.isObject()) {
            ObjectNode copy = NODES.objectNode();
            value.fields().forEachRemaining(e -> copy.set(e.getKey(), resolveDynamicReferences(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            value.forEach(item -> copy.add(resolveDynamicReferences(item)));
            return copy;
        }
        return value;
    }

    private String secretReference(String reference) {
        // <secret-id>:SecretString:<json-key>:<version-stage>:<version-id>; the id may be an ARN (with colons).
        String id = reference;
        String jsonKey = null;
        int at = reference.indexOf(":SecretString");
        if (at >= 0) {
            id = reference.substring(0, at);
            String[] rest = reference.substring(at + ":SecretString".length()).split(":", -1);
            jsonKey = rest.length > 1 && !rest[1].isEmpty() ? rest[1] : null;
        }
        for (Secret secret : secrets.values()) {
            if (secret.arn().equals(id) || secret.name().equals(id)) {
                if (jsonKey == null) {
                    return secret.secretString();
                }
                try {
                    JsonNode json = JSON.readTree(secret.secretString());
                    if (!json.has(jsonKey)) {
                        throw new IllegalStateException("secret " + secret.name() + " has no key " + jsonKey);
                    }
                    return json.get(jsonKey).asText();
                } catch (IOException e) {
                    throw new IllegalStateException("secret " + secret.name() + " is not JSON", e);
                }
            }
        }
        throw new IllegalStateException("dynamic reference to a secret this stack does not have: " + id);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String named(JsonNode properties, String property, java.util.function.Supplier<String> generated) {
        JsonNode given = properties.path(property);
        return given.isMissingNode() || given.asText().isEmpty() ? generated.get() : given.asText();
    }

    /** {@code <stack>-<logical id>-<12 random>}, the stack name and logical id shortened to fit {@code limit}. */
    private String generated(String stack, String logicalId, int limit, String alphabet) {
        String suffix = randomString(alphabet, 12);
        int room = limit - suffix.length() - 2;
        String s = stack;
        String l = logicalId;
        while (s.length() + l.length() > room) {
            if (s.length() >= l.length()) {
                s = s.substring(0, s.length() - 1);
            } else {
                l = l.substring(0, l.length() - 1);
            }
        }
        return s + "-" + l + "-" + suffix;
    }

    private String randomString(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A scalar as CloudFormation passes it on (numbers and booleans as text); a list joined with commas. */
    static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                items.add(text(it.next()));
            }
            return String.join(",", items);
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new IllegalStateException("not a plain value: " + value);
    }
}
