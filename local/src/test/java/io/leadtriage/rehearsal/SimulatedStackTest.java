package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * template.yaml through SAM's real transform and the simulated stack: what each function gets as deployed. And
 * the intrinsic functions one by one, on a small template of the test's own.
 */
class SimulatedStackTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:[A-Za-z0-9]+-[A-Za-z0-9]{12}-[A-Za-z0-9]{6}";
    static Path template;
    static SimulatedStack stack;

    @BeforeAll
    static void deploy() {
        template = SamBuild.template();
        stack = SimulatedStack.deploy(template, SimulatedStack.Settings.fromSamConfig(template.resolveSibling("samconfig.toml")));
    }

    @Test
    void everyFunctionOfTheTemplateIsDeployedWithItsHandlerMemoryRuntimeAndSnapStart() {
        Map<String, String> codeUris = SamBuild.functionCodeUris(template);
        Map<String, SimulatedStack.Function> functions = stack.functions();
        assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(codeUris.keySet());
        functions.values().forEach(f -> {
            assertThat(f.functionName()).as(f.logicalId()).matches("leadtriage-" + f.logicalId() + "-[A-Za-z0-9]{12}");
            assertThat(f.functionName().length()).isLessThanOrEqualTo(64);
            assertThat(f.runtime()).isEqualTo("java21");
            assertThat(f.handler()).startsWith("io.leadtriage.handlers.").endsWith("::handleRequest");
            assertThat(f.memorySizeMb()).isIn(1024, 1769);
            assertThat(f.architectures()).containsExactly("arm64");
            assertThat(f.snapStart()).isTrue();
            assertThat(f.alias()).isEqualTo("live");
            assertThat(f.version()).isEqualTo("1");
        });
        assertThat(functions.get("FormFunction").memorySizeMb()).isEqualTo(1769);
        assertThat(functions.get("FormFunction").handler()).isEqualTo("io.leadtriage.handlers.FormHandler::handleRequest");
    }

    @Test
    void environmentsHoldOnlyPlainValuesAsTheStackResolvesThem() {
        String table = stack.ref("LeadsTable");
        assertThat(table).matches("leadtriage-LeadsTable-[A-Z0-9]{12}");
        Set<String> secretArns = stack.secrets().stream().map(SimulatedStack.Secret::arn).collect(Collectors.toSet());
        assertThat(secretArns).isNotEmpty().allMatch(arn -> arn.matches(SECRET_ARN));
        stack.functions().values().forEach(f -> {
            Map<String, String> env = f.environment();
            assertThat(env.get("LEADS_TABLE")).as(f.logicalId()).isEqualTo(table);
            assertThat(env.get("JAVA_TOOL_OPTIONS")).isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            assertThat(env.get("ALLOWED_ORIGINS")).isEqualTo("http://localhost:3000");
            assertThat(env.get("SES_MAX_SEND_RATE")).isEqualTo("14");
            assertThat(env.get("SES_CONFIGURATION_SET")).isEqualTo(stack.ref("EmailConfigurationSet"));
            env.forEach((name, value) -> {
                assertThat(value).as(f.logicalId() + " " + name).doesNotContain("Fn::", "{{resolve:", "${");
                if (name.endsWith("_SECRET_ARN")) {
                    // A secret's ARN, of this stack's secrets, or nothing (an optional one that is not set).
                    assertThat(value.isEmpty() || secretArns.contains(value)).as(f.logicalId() + " " + name + "=" + value).isTrue();
                }
            });
        });
    }

    @Test
    void generatedSecretsHoldTheTemplatesJsonWithARandomKey() throws Exception {
        SimulatedStack.Secret signing = stack.secret("TokenSigningSecret");
        assertThat(signing.name()).matches("TokenSigningSecret-[A-Za-z0-9]{12}");
        JsonNode value = JSON.readTree(signing.secretString());
        assertThat(value.size()).isEqualTo(1);
        assertThat(value.path("key").asText()).matches("[A-Za-z0-9]{64}");
    }

    @Test
    void parameterOverridesAndConditionsChangeWhatIsCreated() {
        SimulatedStack.Settings settings = SimulatedStack.Settings.fromSamConfig(template.resolveSibling("samconfig.toml"))
                .withParameter("AllowedOrigins", "https://www.example.com,https://go.example.com");
        boolean hasTurnstile = stack.transformed().path("Conditions").has("HasTurnstile");
        if (hasTurnstile) {
            assertThat(stack.exists("TurnstileSecretValue")).isFalse();
            settings = settings.withParameter("TurnstileSecret", "turnstile-test-secret");
        }
        SimulatedStack other = SimulatedStack.deploy(template, settings);
        assertThat(other.functions().get("FormFunction").environment().get("ALLOWED_ORIGINS"))
                .isEqualTo("https://www.example.com,https://go.example.com");
        assertThat(other.ref("LeadsTable")).isNotEqualTo(stack.ref("LeadsTable"));
        if (hasTurnstile) {
            SimulatedStack.Secret turnstile = other.secret("TurnstileSecretValue");
            assertThat(turnstile.secretString()).isEqualTo("{\"key\":\"turnstile-test-secret\"}");
            assertThat(other.functions().get("FormFunction").environment()).containsEntry("TURNSTILE_SECRET_ARN", turnstile.arn());
        }
    }

    @Test
    void parametersAreCheckedAsCloudFormationChecksThem() {
        SimulatedStack.Settings settings = SimulatedStack.Settings.fromSamConfig(template.resolveSibling("samconfig.toml"));
        assertThatThrownBy(() -> SimulatedStack.deployTransformed(stack.transformed(), settings.withParameter("LogLevel", "TRACE"),
                Map.of(), new Random(1))).hasMessageContaining("LogLevel must be one of");
        assertThatThrownBy(() -> SimulatedStack.deployTransformed(stack.transformed(), settings.withParameter("SenderAddress", "nobody"),
                Map.of(), new Random(1))).hasMessageContaining("SenderAddress must match");
        assertThatThrownBy(() -> SimulatedStack.deployTransformed(stack.transformed(), settings.withParameter("SesMaxSendRate", "0"),
                Map.of(), new Random(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SimulatedStack.deployTransformed(stack.transformed(), settings.withParameter("NoSuchParameter", "x"),
                Map.of(), new Random(1))).hasMessageContaining("no parameter NoSuchParameter");
    }

    @Test
    void provisionersCreateResourcesForRealAndTheirAnswersAreWhatRefGives() {
        List<String> created = new java.util.ArrayList<>();
        SimulatedStack provisioned = SimulatedStack.deployTransformed(stack.transformed(), stack.settings(), Map.of(
                "AWS::SecretsManager::Secret", request -> {
                    created.add(request.logicalId() + " " + request.physicalName());
                    return "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + request.physicalName() + "-AbCdEf";
                },
                "AWS::DynamoDB::Table", request -> {
                    created.add(request.logicalId() + " " + request.physicalName());
                    assertThat(request.properties().path("KeySchema").size()).isEqualTo(2);
                    return null;
                }), new Random(7));
        assertThat(created).anyMatch(c -> c.startsWith("LeadsTable leadtriage-LeadsTable-"))
                .anyMatch(c -> c.startsWith("TokenSigningSecret TokenSigningSecret-"));
        String arn = provisioned.secret("TokenSigningSecret").arn();
        assertThat(arn).endsWith("-AbCdEf");
        assertThat(provisioned.functions().get("FormFunction").environment().values()).contains(arn);
    }

    @Test
    void rolesNameTheStacksManagedPoliciesByTheirArns() {
        Map<String, SimulatedStack.Resource> policies = stack.resources("AWS::IAM::ManagedPolicy");
        assertThat(policies).isNotEmpty();
        Set<String> policyArns = new TreeSet<>();
        policies.forEach((id, policy) -> {
            assertThat(policy.ref()).as(id).matches("arn:aws:iam::123456789012:policy/leadtriage-" + id + "-[A-Z0-9]{12}");
            assertThat(policy.attributes()).containsEntry("PolicyArn", policy.ref());
            assertThat(policy.properties().toString()).as(id + " resolved").doesNotContain("Fn::", "\"Ref\"", "${");
            policyArns.add(policy.ref());
        });
        Set<String> attached = new TreeSet<>();
        stack.resources("AWS::IAM::Role").forEach((id, role) -> role.properties().path("ManagedPolicyArns").forEach(arn -> {
            if (!arn.asText().startsWith("arn:aws:iam::aws:policy/")) { // AWS's own, which SAM adds (logs, X-Ray)
                assertThat(policyArns).as(id + " names a managed policy of this stack").contains(arn.asText());
                attached.add(arn.asText());
            }
        }));
        assertThat(attached).as("every managed policy of the stack is attached to a role").isEqualTo(policyArns);
        String tableArn = stack.resource("LeadsTable").attributes().get("Arn");
        assertThat(stack.resource("LeadsReadPolicy").properties().path("PolicyDocument").path("Statement").path(0)
                .path("Resource").asText()).isEqualTo(tableArn);
    }

    @Test
    void intrinsicFunctionsResolveAsCloudFormationResolvesThem() throws Exception {
        JsonNode small = JSON.readTree("""
                {
                  "Parameters": {
                    "Origins": {"Type": "CommaDelimitedList", "Default": "https://a.example,https://b.example"},
                    "Sender": {"Type": "String", "Default": "leads@example.com"},
                    "Optional": {"Type": "String", "Default": ""},
                    "Size": {"Type": "Number", "Default": 7}
                  },
                  "Mappings": {"Tiers": {"eu-west-1": {"Name": "europe"}, "cn-north-1": {"Name": "china"}}},
                  "Conditions": {
                    "HasOptional": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Optional"}, ""]}]},
                    "Always": {"Fn::Or": [{"Condition": "HasOptional"}, {"Fn::Equals": [{"Ref": "Size"}, "7"]}]},
                    "Both": {"Fn::And": [{"Condition": "Always"}, {"Condition": "HasOptional"}]}
                  },
                  "Resources": {
                    "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": []}},
                    "OnlyWithOptional": {"Type": "AWS::SecretsManager::Secret", "Condition": "HasOptional",
                                         "Properties": {"SecretString": {"Ref": "Optional"}}},
                    "Key": {"Type": "AWS::SecretsManager::Secret",
                            "Properties": {"GenerateSecretString": {"SecretStringTemplate": "{\\"user\\":\\"x\\"}",
                                           "GenerateStringKey": "key", "PasswordLength": 20, "ExcludePunctuation": true}}},
                    "AVeryLongLogicalIdThatCloudFormationMustShortenToFitTheSixtyFourCharacterLimit": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": {
                        "Handler": "x::y", "Runtime": "java21",
                        "Environment": {"Variables": {
                          "TABLE": {"Ref": "Table"},
                          "TABLE_ARN": {"Fn::GetAtt": ["Table", "Arn"]},
                          "SUB": {"Fn::Sub": "${AWS::Region}/${AWS::AccountId}/${AWS::StackName}/${Table}/${Table.Arn}/${!Literal}/${AWS::URLSuffix}/${AWS::Partition}"},
                          "SUB_VARS": {"Fn::Sub": ["${Domain}-${Size}", {"Domain": {"Fn::Select": [1, {"Fn::Split": ["@", {"Ref": "Sender"}]}]}}]},
                          "JOINED": {"Fn::Join": [",", {"Ref": "Origins"}]},
                          "SECOND": {"Fn::Select": [1, {"Ref": "Origins"}]},
                          "IF": {"Fn::If": ["HasOptional", {"Ref": "OnlyWithOptional"}, "none"]},
                          "NO_VALUE": {"Fn::If": ["HasOptional", "x", {"Ref": "AWS::NoValue"}]},
                          "MAPPED": {"Fn::FindInMap": ["Tiers", {"Ref": "AWS::Region"}, "Name"]},
                          "AZ": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                          "BASE64": {"Fn::Base64": "hi"},
                          "RESOLVED": {"Fn::Sub": "{{resolve:secretsmanager:${Key}:SecretString:user}}"},
                          "STACK_UUID": {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]}
                        }},
                        "Layers": [{"Fn::If": ["Both", "a", {"Ref": "AWS::NoValue"}]}, "b"]
                      }
                    }
                  }
                }
                """);
        SimulatedStack small1 = SimulatedStack.deployTransformed(small,
                new SimulatedStack.Settings("a-stack-whose-name-is-rather-long-too", "eu-west-1", "123456789012", Map.of()),
                Map.of(), new Random(42));
        String table = small1.ref("Table");
        assertThat(table).matches("a-stack-whose-name-is-rather-long-too-Table-[A-Z0-9]{12}");
        SimulatedStack.Function function = small1.functions().values().iterator().next();
        assertThat(function.functionName()).hasSize(64).matches("a-stack-.*-AVeryLong.*-[A-Za-z0-9]{12}");
        Map<String, String> env = function.environment();
        String arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + table;
        assertThat(env).containsEntry("TABLE", table).containsEntry("TABLE_ARN", arn)
                .containsEntry("SUB", "eu-west-1/123456789012/a-stack-whose-name-is-rather-long-too/" + table + "/" + arn
                        + "/${Literal}/amazonaws.com/aws")
                .containsEntry("SUB_VARS", "example.com-7")
                .containsEntry("JOINED", "https://a.example,https://b.example")
                .containsEntry("SECOND", "https://b.example")
                .containsEntry("IF", "none")
                .containsEntry("MAPPED", "europe")
                .containsEntry("AZ", "eu-west-1a")
                .containsEntry("BASE64", "aGk=")
                .containsEntry("RESOLVED", "x")
                .doesNotContainKey("NO_VALUE");
        assertThat(env.get("STACK_UUID")).matches("[0-9a-f-]{36}");
        assertThat(small1.stackId()).startsWith("arn:aws:cloudformation:eu-west-1:123456789012:stack/a-stack-whose-name-is-rather-long-too/");
        assertThat(small1.condition("Always")).isTrue();
        assertThat(small1.condition("Both")).isFalse();
        assertThat(small1.exists("OnlyWithOptional")).isFalse();
        assertThat(small1.resource(function.logicalId()).properties().path("Layers").toString()).isEqualTo("[\"b\"]");
        assertThatThrownBy(() -> small1.ref("OnlyWithOptional")).hasMessageContaining("condition is false");
        assertThat(JSON.readTree(small1.secret("Key").secretString()).path("key").asText()).matches("[A-Za-z0-9]{20}");

        SimulatedStack withOptional = SimulatedStack.deployTransformed(small,
                new SimulatedStack.Settings("s", "cn-north-1", "123456789012", Map.of("Optional", "set")), Map.of(), new Random(3));
        SimulatedStack.Function f = withOptional.functions().values().iterator().next();
        assertThat(f.environment().get("IF")).isEqualTo(withOptional.ref("OnlyWithOptional"))
                .startsWith("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:OnlyWithOptional-");
        assertThat(f.environment()).containsEntry("NO_VALUE", "x").containsEntry("MAPPED", "china")
                .containsEntry("SUB", "cn-north-1/123456789012/s/" + withOptional.ref("Table") + "/arn:aws-cn:dynamodb:cn-north-1:123456789012:table/"
                        + withOptional.ref("Table") + "/${Literal}/amazonaws.com.cn/aws-cn");
        assertThat(withOptional.resource(f.logicalId()).properties().path("Layers").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(withOptional.secret("OnlyWithOptional").secretString()).isEqualTo("set");
        assertThat(new TreeSet<>(withOptional.parameters().keySet())).containsExactly("Optional", "Origins", "Sender", "Size");
    }

    @Test
    void withoutPythonOrSamtranslatorTheRehearsalSaysWhatToInstall() {
        assertThatThrownBy(() -> SamTransform.run("python3-which-is-not-installed", template, "eu-west-1", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pip install aws-sam-translator");
        // A Python without samtranslator (Debian's own, on these machines) says the same, not a stack trace.
        Path systemPython = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(systemPython), "no /usr/bin/python3 here");
        try {
            SamTransform.run(systemPython.toString(), template, "eu-west-1", Map.of());
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("install samtranslator").hasMessageContaining("pip install aws-sam-translator");
            return;
        }
        org.junit.jupiter.api.Assumptions.abort("/usr/bin/python3 has samtranslator: nothing to check");
    }
}
