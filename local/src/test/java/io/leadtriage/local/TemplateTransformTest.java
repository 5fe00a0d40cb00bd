package io.leadtriage.local;

import io.leadtriage.rehearsal.SamTransform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What CloudFormation really deploys from template.yaml. The template is written in SAM's shorthand: one
 * AWS::Serverless::Function becomes a Lambda function, its IAM role, a version, the `live` alias,
 * permissions and schedules. Those expanded resources are what must be right, so this test runs the real
 * SAM transform (rehearsal/SamTransform and its sam_transform.py, with samtranslator: the library CloudFormation, `sam
 * validate` and cfn-lint use) and checks its output:
 * <ul>
 *   <li>the stack can be deployed twice in one account and region (staging and production): no resource
 *       has a fixed physical name;</li>
 *   <li>no function reserves concurrency (a new account's quota of 10 cannot spare any);</li>
 *   <li>the generated secrets outlive the stack (the links already sent are signed with the token key);</li>
 *   <li>no secret is in a function's environment: the functions that need one get its ARN, and may read
 *       that secret and no other;</li>
 *   <li>each function may do in DynamoDB and SES exactly what its code does ({@link #DATA_ACCESS_OF}), on the
 *       table, the indexes and the sender as narrowly as before, and each of those grants is written once.</li>
 * </ul>
 * Skipped when python3 or samtranslator is not installed (`pip install aws-sam-translator`).
 */
class TemplateTransformTest {
    /** The secret ARN variables each function gets (its environment), and so the secrets it may read (its role). */
    static final Map<String, Map<String, SecretUse>> SECRETS_OF = Map.of(
            "FormFunction", Map.of(
                    "TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret"),
                    "EMAIL_INDEX_SECRET_ARN", SecretUse.always("EmailIndexSecret"),
                    "TURNSTILE_SECRET_ARN", SecretUse.when("HasTurnstile", "TurnstileSecretValue"),
                    "CHAT_WEBHOOKS_SECRET_ARN", SecretUse.always("ChatWebhooksSecret"),
                    "WEBHOOKS_SECRET_ARN", SecretUse.always("WebhooksSecret")),
            "SurveyFunction", Map.of("TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret"),
                    "WEBHOOKS_SECRET_ARN", SecretUse.always("WebhooksSecret")),
            "EventsFunction", Map.of(
                    "TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret"),
                    "INGEST_KEY_SECRET_ARN", SecretUse.always("IngestKeySecret"),
                    "EMAIL_INDEX_SECRET_ARN", SecretUse.always("EmailIndexSecret"),
                    "CRM_OUTCOME_SECRET_ARN", SecretUse.always("CrmOutcomeSecret"),
                    "WEBHOOKS_SECRET_ARN", SecretUse.always("WebhooksSecret")),
            "DispositionFunction", Map.of("TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret")),
            "UnsubscribeFunction", Map.of("TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret")),
            "DispatchFunction", Map.of("TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret"),
                    "CHAT_WEBHOOKS_SECRET_ARN", SecretUse.always("ChatWebhooksSecret"),
                    "WEBHOOKS_SECRET_ARN", SecretUse.always("WebhooksSecret")),
            "SesEventFunction", Map.of("TOKEN_SIGNING_SECRET_ARN", SecretUse.always("TokenSigningSecret"),
                    "WEBHOOKS_SECRET_ARN", SecretUse.always("WebhooksSecret")),
            "AdminFunction", Map.of("EMAIL_INDEX_SECRET_ARN", SecretUse.always("EmailIndexSecret")),
            "ReviewTiersFunction", Map.of(),
            "ConsoleFunction", Map.of());

    /**
     * What each function's code calls in DynamoDB and SES (its handler, the use cases it runs, adapters/dynamodb
     * and adapters/ses), and so what its role may do there: an action alone is on the leads table, "Query X" on
     * its index X, "SendEmail" from the sender address with the configuration set. Where the calls come from:
     * <ul>
     *   <li>GetItem: every function (the model version in effect, at init and then each minute; priming's read);</li>
     *   <li>PutItem and DeleteItem: every lead change (LeadUpdates: the lead, its timeline, outbox items and marker
     *       in one transaction, whose Delete withdraws a nurture step), and erasure; the dispatcher puts sent
     *       messages and timeline entries, and deletes nothing;</li>
     *   <li>UpdateItem: rate limits (form, survey, events), an alert sent at once or by the dispatcher (claim, sent,
     *       round robin), dispositions, SES deliveries and clicks, the erasure count, a model rescoring's lease and
     *       progress (the tier review); the report counters, added to in every lead change's transaction (so the
     *       unsubscribe page too), the erasure's and the first alert's send, and their backfill (the tier review);</li>
     *   <li>Query: the admin's listings and reports (LeadsIndex, TierIndex, StageIndex), a lead's timeline and
     *       emails, erasure and model versions (the table); the dispatcher's DueIndex; the tier review's ReviewIndex;
     *       a lead's pending events (the table), in the functions that publish lead events (PublishEventsPolicy);</li>
     *   <li>SendEmail: the functions that send a hot lead's alert at once (form, survey, events, SES events), the
     *       dispatcher, and the admin's test of a nurture template (to the company's own addresses);</li>
     *   <li>Scan LeadsIndex and BatchGetItem: what reads every lead, a page at a time (the admin's model dry run, the
     *       tier review's rescoring after a model change);</li>
     *   <li>ConditionCheckItem: a published event's webhook deliveries, stored while the event is still the
     *       publisher's, in the functions that publish lead events; Query DueIndex in the admin's: the webhooks' dead
     *       letters;</li>
     * </ul>
     * Nothing scans the table, nor writes in batches.
     */
    static final Map<String, List<String>> DATA_ACCESS_OF = Map.of(
            "FormFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem", "SendEmail"),
            "SurveyFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem", "SendEmail"),
            "EventsFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem", "SendEmail"),
            "DispositionFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem"),
            "UnsubscribeFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem"),
            "AdminFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
                    "Query", "Query LeadsIndex", "Query TierIndex", "Query StageIndex", "Query DueIndex", "Scan LeadsIndex",
                    "BatchGetItem", "SendEmail"),
            "DispatchFunction", List.of("GetItem", "PutItem", "UpdateItem", "Query", "ConditionCheckItem", "Query DueIndex",
                    "SendEmail"),
            "ReviewTiersFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query ReviewIndex",
                    "Scan LeadsIndex", "BatchGetItem"),
            "SesEventFunction", List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem", "SendEmail"),
            "ConsoleFunction", List.of());
    /** The AWS managed policies SAM attaches to every function's role itself: logs, and X-Ray (Tracing: Active). */
    static final Set<String> AWS_MANAGED_POLICIES = Set.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");
    /** What SAM grants a function whose EventInvokeConfig names the dead-letter queue as its failure destination. */
    static final String FAILURE_DESTINATION_GRANT =
            "{\"Action\":\"sqs:SendMessage\",\"Effect\":\"Allow\",\"Resource\":{\"Fn::GetAtt\":[\"DeadLetterQueue\",\"Arn\"]}}";
    /** IAM's default quota of managed policies attached to one role. */
    static final int MANAGED_POLICIES_PER_ROLE = 10;
    /**
     * Properties by which a resource is named in its account and region: a literal value is the same in
     * every stack of this template, so the second stack's create fails ("already exists").
     */
    static final Set<String> NAME_PROPERTIES = Set.of("Name", "FunctionName", "TableName", "RoleName",
            "ManagedPolicyName", "InstanceProfileName", "ScheduleName", "TopicName", "QueueName", "BucketName",
            "SecretName", "LogGroupName", "StateMachineName", "RuleName", "ApiName", "ConfigurationSetName",
            "EventBusName", "ClusterName", "AliasName");
    /** Names that are unique only inside their parent, so the same value in every stack is fine. */
    static final Map<String, String> NAMES_WITHIN_A_PARENT = Map.of(
            "AWS::Lambda::Alias", "Name"); // `live`, one per function
    /** EventBridge Scheduler's rule for a schedule's name. */
    static final Pattern SCHEDULE_NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");

    /** Two stacks of this template in one account and region, as CloudFormation would describe them. */
    static final Map<String, String> STAGING = Map.of(
            "AWS::StackName", "leadtriage-staging",
            "AWS::StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/leadtriage-staging/"
                    + "1c2fa620-982a-11e3-aff7-50e2416294e0",
            "AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012", "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com");
    static final Map<String, String> PRODUCTION = Map.of(
            "AWS::StackName", "leadtriage-production-" + "x".repeat(100), // stack names go up to 128 characters
            "AWS::StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/leadtriage-production-"
                    + "x".repeat(100) + "/6f0a8c40-1d2e-11f0-9b3c-0a1b2c3d4e5f",
            "AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012", "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com");

    /** The stack the grants are read in: STAGING, with the leads table's ARN and the configuration set's name. */
    static final Map<String, String> GRANTS_IN;

    static {
        Map<String, String> stack = new LinkedHashMap<>(STAGING);
        stack.put("LeadsTable.Arn", "arn:aws:dynamodb:eu-west-1:123456789012:table/leads");
        stack.put("EmailConfigurationSet", "emails");
        GRANTS_IN = Map.copyOf(stack);
    }

    /** template.yaml after the SAM transform, as CloudFormation JSON. */
    static JsonNode cfn;

    /**
     * The same transform the deployment rehearsal resolves (SamTransform, with samtranslator). Like the rehearsal,
     * it fails rather than skips where python3 or samtranslator is missing, saying what to install.
     */
    @BeforeAll
    static void transformTheTemplate() {
        cfn = SamTransform.run(SamTemplate.locate(), "us-east-1", Map.of());
    }

    @Test
    void noResourceHasAFixedPhysicalName() {
        List<String> fixed = new ArrayList<>();
        resources().forEach((id, resource) -> resource.path("Properties").properties().forEach(property -> {
            String type = resource.path("Type").asText();
            if (!NAME_PROPERTIES.contains(property.getKey()) || property.getKey().equals(NAMES_WITHIN_A_PARENT.get(type))) {
                return;
            }
            JsonNode name = property.getValue();
            if (!referencedResources(name).isEmpty()) {
                return; // points at (or is named after) a resource of this stack, itself checked here
            }
            String staging = render(name, STAGING);
            String production = render(name, PRODUCTION);
            if (staging.equals(production)) {
                fixed.add(id + " (" + type + ") " + property.getKey() + " = " + staging);
            }
        }));
        assertThat(fixed).as("names that two stacks of this template in one account and region would both take:"
                + " leave the name out (CloudFormation then generates one) or build it from the stack id").isEmpty();
    }

    @Test
    void scheduleNamesAreUniquePerStackAndFitSchedulersRules() {
        Map<String, JsonNode> schedules = resources("AWS::Scheduler::Schedule");
        assertThat(schedules).as("the dispatcher's and the tier review's schedules").hasSize(2);
        schedules.forEach((id, schedule) -> {
            JsonNode name = schedule.path("Properties").path("Name");
            assertThat(name.isMissingNode()).as(id + ": SAM gives a ScheduleV2 the name " + id + " unless told otherwise")
                    .isFalse();
            String staging = render(name, STAGING);
            String production = render(name, PRODUCTION);
            assertThat(staging).as(id + "'s name in staging").matches(SCHEDULE_NAME);
            assertThat(production).as(id + "'s name in a stack with a 128-character name").matches(SCHEDULE_NAME);
            assertThat(staging).as(id + "'s name differs between two stacks").isNotEqualTo(production);
        });
    }

    @Test
    void noFunctionReservesConcurrency() {
        assertThat(resources("AWS::Lambda::Function")).allSatisfy((id, function) ->
                assertThat(function.path("Properties").has("ReservedConcurrentExecutions"))
                        .as(id + " reserves concurrency: the outbox claim (dispatch) and the lead's version"
                                + " (tier review) already make overlapping runs safe").isFalse());
    }

    @Test
    void generatedSecretsOutliveTheStack() {
        Map<String, JsonNode> generated = new TreeMap<>();
        resources("AWS::SecretsManager::Secret").forEach((id, secret) -> {
            if (secret.path("Properties").has("GenerateSecretString")) {
                generated.put(id, secret);
            }
        });
        assertThat(generated.keySet()).containsExactly("CrmOutcomeSecret", "EmailIndexSecret", "IngestKeySecret",
                "TokenSigningSecret");
        generated.forEach((id, secret) -> {
            assertThat(secret.path("DeletionPolicy").asText()).as(id + " DeletionPolicy").isEqualTo("Retain");
            assertThat(secret.path("UpdateReplacePolicy").asText()).as(id + " UpdateReplacePolicy").isEqualTo("Retain");
        });
    }

    @Test
    void secretsReachTheFunctionsAsArnsOnlyWhereNeeded() {
        Map<String, JsonNode> functions = resources("AWS::Lambda::Function");
        assertThat(functions.keySet()).as("every function of the template is listed in SECRETS_OF (a new one: decide"
                + " which secrets it may read)").containsExactlyInAnyOrderElementsOf(SECRETS_OF.keySet());
        Set<String> secretIds = resources("AWS::SecretsManager::Secret").keySet();
        List<String> noEchoParameters = new ArrayList<>();
        cfn.path("Parameters").properties().forEach(p -> {
            if (p.getValue().path("NoEcho").asBoolean(false) || "true".equals(p.getValue().path("NoEcho").asText())) {
                noEchoParameters.add(p.getKey());
            }
        });
        assertThat(noEchoParameters).contains("TurnstileSecret");

        functions.forEach((id, function) -> {
            Map<String, SecretUse> secretVariables = new TreeMap<>();
            function.path("Properties").path("Environment").path("Variables").properties().forEach(variable -> {
                String name = variable.getKey();
                JsonNode value = variable.getValue();
                assertThat(value.toString()).as(id + " " + name + " holds a resolved secret").doesNotContain("{{resolve:");
                assertThat(referencedNames(value)).as(id + " " + name + " holds a NoEcho parameter's value")
                        .doesNotContainAnyElementsOf(noEchoParameters);
                Set<String> secretsReferenced = new HashSet<>(referencedResources(value));
                secretsReferenced.retainAll(secretIds);
                if (name.endsWith("_SECRET_ARN") || !secretsReferenced.isEmpty()) {
                    secretVariables.put(name, SecretUse.of(id + " " + name, value));
                }
            });
            assertThat(secretVariables).as(id + "'s secret ARN variables").isEqualTo(new TreeMap<>(SECRETS_OF.get(id)));
            secretVariables.values().stream().filter(use -> use.condition() != null).forEach(use ->
                    assertThat(resources().get(use.secret()).path("Condition").asText())
                            .as(use.secret() + " exists exactly when " + use.condition() + " holds").isEqualTo(use.condition()));
            System.out.println(id + ": " + (secretVariables.isEmpty() ? "no secret" : secretVariables));
        });
    }

    static final String SECRETS_IN_ONE_CALL = "ReadSecretsInOneCallPolicy";

    @Test
    void eachFunctionMayReadItsSecretsAndNoOther() {
        Map<String, JsonNode> managed = new TreeMap<>(resources("AWS::IAM::ManagedPolicy"));
        JsonNode inOneCall = managed.remove(SECRETS_IN_ONE_CALL);
        assertThat(inOneCall).as(SECRETS_IN_ONE_CALL + ": the functions' BatchGetSecretValue at init").isNotNull();
        assertThat(asList(inOneCall.path("Properties").path("PolicyDocument").path("Statement")).toString())
                .as(SECRETS_IN_ONE_CALL + " allows BatchGetSecretValue alone, which yields no secret without the"
                        + " function's own GetSecretValue on it")
                .isEqualTo("[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:BatchGetSecretValue\",\"Resource\":\"*\"}]");
        assertThat(resources("AWS::IAM::Policy").values().toString() + managed.values())
                .as("no other separate IAM policy grants Secrets Manager access (this test reads the roles' own policies)")
                .doesNotContainIgnoringCase("secretsmanager");
        resources("AWS::Lambda::Function").keySet().forEach(id -> {
            JsonNode role = roleOf(id);
            assertThat(role.path("Properties").path("ManagedPolicyArns").toString()).as(id + "'s managed policies")
                    .doesNotContainIgnoringCase("SecretsManager");
            assertThat(role.path("Properties").path("ManagedPolicyArns").toString().contains(SECRETS_IN_ONE_CALL))
                    .as(id + " names " + SECRETS_IN_ONE_CALL + " exactly when it reads secrets")
                    .isEqualTo(!SECRETS_OF.get(id).isEmpty());
            Set<SecretUse> grants = new HashSet<>();
            for (JsonNode policy : role.path("Properties").path("Policies")) {
                for (JsonNode statement : asList(policy.path("PolicyDocument").path("Statement"))) {
                    String condition = null;
                    if (statement.has("Fn::If")) { // !If [Condition, statement, !Ref AWS::NoValue]
                        JsonNode args = statement.get("Fn::If");
                        assertThat(args.path(2).path("Ref").asText()).as(id + ": a conditional statement's other branch")
                                .isEqualTo("AWS::NoValue");
                        condition = args.path(0).asText();
                        statement = args.path(1);
                    }
                    SecretUse grant = secretGrant(id, condition, statement);
                    if (grant != null) {
                        grants.add(grant);
                    }
                }
            }
            assertThat(grants).as(id + " may read (secretsmanager:GetSecretValue) exactly the secrets its environment names")
                    .containsExactlyInAnyOrderElementsOf(new HashSet<>(SECRETS_OF.get(id).values()));
        });
    }

    @Test
    void eachFunctionMayDoInTheTableAndInSesWhatItsCodeDoesAndNothingMore() {
        Set<String> functions = resources("AWS::Lambda::Function").keySet();
        assertThat(functions).as("every function of the template is listed in DATA_ACCESS_OF (a new one: read"
                + " what its code calls)").containsExactlyInAnyOrderElementsOf(DATA_ACCESS_OF.keySet());
        functions.forEach(id -> {
            List<String> granted = new ArrayList<>();
            statementsOf(id).forEach(statement -> granted.addAll(dataGrants(id, statement)));
            assertThat(granted).as(id + ": a grant given twice (two statements or policies overlap)").doesNotHaveDuplicates();
            Set<String> expected = new TreeSet<>();
            DATA_ACCESS_OF.get(id).forEach(access -> expected.addAll(grantsFor(access)));
            assertThat(new TreeSet<>(granted)).as(id + " may do in DynamoDB and SES exactly what DATA_ACCESS_OF says its"
                    + " code does").isEqualTo(expected);
            System.out.println(id + ": " + DATA_ACCESS_OF.get(id));
        });
    }

    /** The functions that publish lead events (docs/events.md): a hot lead's alert at once, and the dispatcher. */
    static final Set<String> PUBLISHERS = Set.of("FormFunction", "SurveyFunction", "EventsFunction", "DispatchFunction",
            "SesEventFunction");

    @Test
    void onlyTheFunctionsThatPublishLeadEventsMayPutEventsAndOnlyOnTheLeadEventsBus() {
        resources("AWS::Lambda::Function").keySet().forEach(id -> {
            List<String> puts = new ArrayList<>();
            statementsOf(id).forEach(statement -> asList(statement.path("Action")).stream()
                    .filter(action -> action.asText().toLowerCase().startsWith("events:"))
                    .forEach(action -> {
                        assertThat(action.asText()).as(id + ": the one EventBridge action").isEqualTo("events:PutEvents");
                        assertThat(statement.path("Resource").toString()).as(id + ": the bus, never *")
                                .contains("LeadEventsBus").contains("EventBusName").doesNotContain("\"*\"");
                        puts.add(action.asText());
                    }));
            boolean publishes = PUBLISHERS.contains(id);
            assertThat(puts).as(id + " may put events exactly when it publishes them").hasSize(publishes ? 1 : 0);
            assertThat(resources().get(id).path("Properties").path("Environment").path("Variables").has("EVENT_BUS_NAME"))
                    .as(id + " is told the bus exactly when it publishes").isEqualTo(publishes);
            assertThat(resources().get(id).path("Properties").path("Environment").path("Variables").has("WEBHOOKS_SECRET_ARN"))
                    .as(id + " is told the webhook subscribers exactly when it publishes (it stores each event's deliveries)")
                    .isEqualTo(publishes);
        });
        assertThat(resources().get("LeadEventsBus").path("Condition").asText()).as("the stack's bus, unless EventBusName names one")
                .isEqualTo("CreateEventBus");
    }

    @Test
    void noStatementIsWrittenTwice() {
        Map<String, List<String>> places = new TreeMap<>();
        resources("AWS::IAM::ManagedPolicy").forEach((id, policy) ->
                asList(policy.path("Properties").path("PolicyDocument").path("Statement")).forEach(statement ->
                        places.computeIfAbsent(statement.toString(), k -> new ArrayList<>()).add(id)));
        resources("AWS::Lambda::Function").keySet().forEach(function ->
                ownStatementsOf(function).forEach(statement ->
                        places.computeIfAbsent(statement.toString(), k -> new ArrayList<>()).add(function)));
        Map<String, List<String>> repeated = new TreeMap<>();
        places.forEach((statement, where) -> {
            // A function names the secrets it reads itself (eachFunctionMayReadItsSecretsAndNoOther reads them there),
            // and SAM writes the grant of a function's failure destination (EventInvokeConfig) in its role itself.
            if (where.size() > 1 && !statement.contains("secretsmanager:GetSecretValue")
                    && !statement.equals(FAILURE_DESTINATION_GRANT)) {
                repeated.put(statement, where);
            }
        });
        assertThat(repeated).as("statements written in more than one place: write them once, in an"
                + " AWS::IAM::ManagedPolicy, and name it (Policies: !Ref) from the functions that need it").isEmpty();
    }

    @Test
    void rolesNameOnlyThisStacksPoliciesAndSamsOwnWithinTheQuota() {
        resources("AWS::Lambda::Function").keySet().forEach(function -> {
            JsonNode arns = roleOf(function).path("Properties").path("ManagedPolicyArns");
            assertThat(arns.size()).as(function + "'s managed policies, within IAM's default quota per role")
                    .isLessThanOrEqualTo(MANAGED_POLICIES_PER_ROLE);
            arns.forEach(arn -> {
                if (arn.isTextual()) {
                    assertThat(AWS_MANAGED_POLICIES).as(function + ": an AWS managed policy other than SAM's own")
                            .contains(arn.asText());
                } else {
                    assertThat(resources("AWS::IAM::ManagedPolicy")).as(function + ": " + arn + " is !Ref of a"
                            + " managed policy of this stack").containsKey(arn.path("Ref").asText());
                }
            });
        });
    }

    /** What {@code access}, an entry of DATA_ACCESS_OF, grants, as {@link #dataGrants} writes it. */
    private static List<String> grantsFor(String access) {
        String table = "table/leads";
        if (access.equals("SendEmail")) {
            String when = " when StringEquals ses:FromAddress=leads@example.com";
            return List.of("ses:SendEmail identity/leads@example.com" + when, "ses:SendEmail identity/example.com" + when,
                    "ses:SendEmail configuration-set/emails" + when);
        }
        if (access.startsWith("Query ") || access.startsWith("Scan ")) {
            String[] actionAndIndex = access.split(" ");
            return List.of("dynamodb:" + actionAndIndex[0] + " " + table + "/index/" + actionAndIndex[1]);
        }
        return List.of("dynamodb:" + access + " " + table);
    }

    /**
     * What a statement allows in DynamoDB and SES: one "action resource [when condition]" per action and resource,
     * resolved in {@link #GRANTS_IN} with the account's part of the ARN left out. A statement that touches them
     * allows named actions of those two services only, on named resources.
     */
    private static List<String> dataGrants(String function, JsonNode statement) {
        List<String> actions = new ArrayList<>();
        asList(statement.path("Action")).forEach(a -> actions.add(a.asText()));
        boolean touchesData = statement.has("NotAction") || actions.stream().map(String::toLowerCase)
                .anyMatch(a -> a.equals("*") || a.startsWith("dynamodb:") || a.startsWith("ses:") || a.startsWith("sesv2:"));
        if (!touchesData) {
            return List.of();
        }
        String what = function + ": " + statement;
        assertThat(statement.path("Effect").asText()).as(what).isEqualTo("Allow");
        assertThat(statement.has("NotAction") || statement.has("NotResource")).as(what + " uses NotAction or NotResource").isFalse();
        assertThat(actions).as(what + " names DynamoDB and SES actions one by one")
                .allMatch(a -> a.matches("(dynamodb|ses):[A-Za-z]+"));
        StringBuilder condition = new StringBuilder();
        statement.path("Condition").properties().forEach(operator -> operator.getValue().properties().forEach(key ->
                condition.append(" when ").append(operator.getKey()).append(' ').append(key.getKey()).append('=')
                        .append(render(key.getValue(), GRANTS_IN))));
        List<String> grants = new ArrayList<>();
        for (JsonNode resource : asList(statement.path("Resource"))) {
            String arn = render(resource, GRANTS_IN);
            assertThat(arn).as(what + " names its resources").doesNotContain("*");
            String local = arn.replaceFirst("^arn:aws:(dynamodb|ses):eu-west-1:123456789012:", "");
            actions.forEach(action -> grants.add(action + " " + local + condition));
        }
        return grants;
    }

    /** Every statement a function's role has: its own policies' and those of the managed policies it names. */
    private static List<JsonNode> statementsOf(String function) {
        List<JsonNode> statements = new ArrayList<>(ownStatementsOf(function));
        roleOf(function).path("Properties").path("ManagedPolicyArns").forEach(arn -> {
            JsonNode policy = resources().get(arn.path("Ref").asText());
            if (policy != null) {
                statements.addAll(asList(policy.path("Properties").path("PolicyDocument").path("Statement")));
            }
        });
        return statements;
    }

    /** The statements of a function role's own policies; a conditional one (!If) as its statement. */
    private static List<JsonNode> ownStatementsOf(String function) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : roleOf(function).path("Properties").path("Policies")) {
            for (JsonNode statement : asList(policy.path("PolicyDocument").path("Statement"))) {
                statements.add(statement.has("Fn::If") ? statement.get("Fn::If").path(1) : statement);
            }
        }
        return statements;
    }

    private static JsonNode roleOf(String function) {
        JsonNode role = resources().get(resources().get(function).path("Properties").path("Role").path("Fn::GetAtt").path(0).asText());
        assertThat(role).as(function + "'s role, a resource of this stack").isNotNull();
        return role;
    }

    /**
     * The secret a statement lets the function read, or null when it grants nothing in Secrets Manager. A
     * statement that touches Secrets Manager may only allow GetSecretValue on one secret of this stack.
     */
    private static SecretUse secretGrant(String function, String condition, JsonNode statement) {
        List<String> actions = new ArrayList<>();
        asList(statement.path("Action")).forEach(a -> actions.add(a.asText()));
        asList(statement.path("NotAction")).forEach(a -> actions.add("NotAction " + a.asText()));
        boolean touchesSecrets = actions.stream().anyMatch(a -> a.startsWith("NotAction")
                || a.equals("*") || a.toLowerCase().startsWith("secretsmanager:"));
        if (!touchesSecrets) {
            return null;
        }
        String what = function + ": " + statement;
        assertThat(statement.path("Effect").asText()).as(what).isEqualTo("Allow");
        assertThat(actions).as(what + " allows only GetSecretValue").containsExactly("secretsmanager:GetSecretValue");
        List<JsonNode> resources = asList(statement.path("Resource"));
        assertThat(resources).as(what + " names one secret").hasSize(1);
        String secret = resources.get(0).path("Ref").asText();
        assertThat(resources("AWS::SecretsManager::Secret")).as(what + ": its Resource is !Ref of a secret of this stack")
                .containsKey(secret);
        return new SecretUse(secret, condition);
    }

    /** A secret a function reads, always or only when a condition of the template holds. */
    record SecretUse(String secret, String condition) {
        static SecretUse always(String secret) {
            return new SecretUse(secret, null);
        }

        static SecretUse when(String condition, String secret) {
            return new SecretUse(secret, condition);
        }

        /** A secret ARN variable's value: !Ref Secret, or !If [Condition, !Ref Secret, ""]. */
        static SecretUse of(String what, JsonNode value) {
            if (value.has("Ref")) {
                return always(value.get("Ref").asText());
            }
            JsonNode args = value.path("Fn::If");
            if (args.size() == 3 && args.get(1).has("Ref") && args.get(2).isTextual() && args.get(2).asText().isEmpty()) {
                return when(args.get(0).asText(), args.get(1).get("Ref").asText());
            }
            return fail(what + " should be !Ref <secret> or !If [<condition>, !Ref <secret>, \"\"], not " + value);
        }

        @Override
        public String toString() {
            return secret + (condition == null ? "" : " (if " + condition + ")");
        }
    }

    // ---- reading the transformed template ----

    private static Map<String, JsonNode> resources() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        cfn.path("Resources").properties().forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    private static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.path("Type").asText())) {
                found.put(id, r);
            }
        });
        return found;
    }

    private static List<JsonNode> asList(JsonNode value) {
        List<JsonNode> list = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(list::add);
        } else if (!value.isMissingNode()) {
            list.add(value);
        }
        return list;
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** Every name a value refers to: !Ref x, !GetAtt x.y, and ${x} / ${x.y} in a !Sub. */
    private static Set<String> referencedNames(JsonNode value) {
        Set<String> names = new HashSet<>();
        if (value.isObject()) {
            value.properties().forEach(e -> {
                switch (e.getKey()) {
                    case "Ref" -> names.add(e.getValue().asText());
                    case "Fn::GetAtt" -> names.add(e.getValue().path(0).asText());
                    case "Fn::Sub" -> {
                        JsonNode text = e.getValue().isArray() ? e.getValue().path(0) : e.getValue();
                        Set<String> local = new HashSet<>();
                        e.getValue().path(1).fieldNames().forEachRemaining(local::add);
                        Matcher m = SUB_VARIABLE.matcher(text.asText());
                        while (m.find()) {
                            String name = m.group(1).split("\\.")[0];
                            if (!local.contains(name)) {
                                names.add(name);
                            }
                        }
                    }
                    default -> { }
                }
                names.addAll(referencedNames(e.getValue()));
            });
        } else if (value.isArray()) {
            value.forEach(v -> names.addAll(referencedNames(v)));
        }
        return names;
    }

    /** The resources of this stack a value refers to. */
    private static Set<String> referencedResources(JsonNode value) {
        Set<String> names = referencedNames(value);
        names.retainAll(resources().keySet());
        return names;
    }

    /**
     * A value as CloudFormation resolves it in a stack described by {@code pseudo} (AWS::StackName, …) with
     * the parameters' defaults: strings, !Ref, !Sub, !Join, !Select and !Split; !GetAtt (and !Ref) of a resource
     * when {@code pseudo} gives its value ("LeadsTable.Arn").
     */
    private static String render(JsonNode value, Map<String, String> pseudo) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.has("Fn::GetAtt")) {
            String attribute = value.get("Fn::GetAtt").path(0).asText() + "." + value.get("Fn::GetAtt").path(1).asText();
            return pseudo.containsKey(attribute) ? pseudo.get(attribute) : fail("cannot tell what !GetAtt " + attribute + " is in a stack");
        }
        if (value.has("Ref")) {
            String name = value.get("Ref").asText();
            if (pseudo.containsKey(name)) {
                return pseudo.get(name);
            }
            JsonNode parameter = cfn.path("Parameters").path(name);
            if (parameter.has("Default")) {
                return parameter.get("Default").asText();
            }
            return fail("cannot tell what !Ref " + name + " is in a stack");
        }
        if (value.has("Fn::Sub")) {
            JsonNode args = value.get("Fn::Sub");
            String text = args.isArray() ? args.path(0).asText() : args.asText();
            Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                JsonNode local = args.path(1).path(name);
                String replacement = name.startsWith("!") ? "${" + name.substring(1) + "}"
                        : !local.isMissingNode() ? render(local, pseudo)
                        : render(new ObjectMapper().createObjectNode().put("Ref", name), pseudo);
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value.has("Fn::Join")) {
            JsonNode args = value.get("Fn::Join");
            return String.join(args.path(0).asText(), renderList(args.path(1), pseudo));
        }
        if (value.has("Fn::Select")) {
            JsonNode args = value.get("Fn::Select");
            return renderList(args.path(1), pseudo).get(Integer.parseInt(render(args.path(0), pseudo)));
        }
        return fail("cannot tell what " + value + " is in a stack");
    }

    private static List<String> renderList(JsonNode value, Map<String, String> pseudo) {
        if (value.has("Fn::Split")) {
            JsonNode args = value.get("Fn::Split");
            return List.of(render(args.path(1), pseudo).split(Pattern.quote(args.path(0).asText()), -1));
        }
        if (value.isArray()) {
            List<String> list = new ArrayList<>();
            value.forEach(v -> list.add(render(v, pseudo)));
            return list;
        }
        return List.of(render(value, pseudo).split(",", -1));
    }
}
