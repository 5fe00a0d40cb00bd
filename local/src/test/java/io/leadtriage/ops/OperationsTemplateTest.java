package io.leadtriage.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.leadtriage.ops.StackAlarms.all;
import static io.leadtriage.ops.StackAlarms.parameterDefault;
import static io.leadtriage.ops.StackAlarms.resources;
import static io.leadtriage.ops.StackAlarms.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations part of template.yaml, as deployed (after the SAM transform): every function logs to a log group of
 * the stack with the retention parameter; every alarm goes to the topic and watches a metric that exists (one of
 * ops/Metric under its namespace and one of its dimension sets, or AWS's own for a resource of this stack); the
 * dashboard shows only such metrics; the asynchronously invoked functions have the dead-letter queue; the API's access
 * log has no personal data.
 */
class OperationsTemplateTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Alarms whose threshold is what they are about, not a tuning: "no invocation", "any dead letter". */
    static final Set<String> STRUCTURAL_THRESHOLDS = Set.of("DispatchNotRunningAlarm", "ReviewTiersNotRunningAlarm",
            "DeadLettersAlarm");
    static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    static Map<String, JsonNode> functions() {
        return resources("AWS::Lambda::Function");
    }

    @Test
    void everyFunctionLogsToItsOwnGroupKeptForTheRetentionParameter() {
        assertThat(parameterDefault("LogRetentionDays")).isEqualTo(30);
        Set<String> groups = new HashSet<>();
        functions().forEach((id, function) -> {
            JsonNode group = function.path("Properties").path("LoggingConfig").path("LogGroup");
            assertThat(group.has("Ref")).as(id + " names its log group (LoggingConfig.LogGroup: !Ref …)").isTrue();
            String groupId = group.path("Ref").asText();
            assertThat(groups.add(groupId)).as(id + "'s log group is its own").isTrue();
            JsonNode resource = template().path("Resources").path(groupId);
            assertThat(resource.path("Type").asText()).as(groupId).isEqualTo("AWS::Logs::LogGroup");
            assertThat(resource.path("Properties").path("RetentionInDays").path("Ref").asText()).as(groupId + "'s retention")
                    .isEqualTo("LogRetentionDays");
            assertThat(resource.path("Properties").has("LogGroupName")).as(groupId + " is named by CloudFormation").isFalse();
        });
        JsonNode stage = resources("AWS::ApiGatewayV2::Stage").values().iterator().next();
        String accessGroup = stage.path("Properties").path("AccessLogSettings").path("DestinationArn").path("Fn::GetAtt").path(0).asText();
        assertThat(template().path("Resources").path(accessGroup).path("Properties").path("RetentionInDays").path("Ref").asText())
                .as("the API's access log group").isEqualTo("LogRetentionDays");
    }

    @Test
    void everyFunctionNamesItsStackForTheMetricsStackDimension() {
        functions().forEach((id, function) -> assertThat(function.path("Properties").path("Environment").path("Variables")
                .path("STACK_NAME").path("Ref").asText()).as(id + "'s STACK_NAME").isEqualTo("AWS::StackName"));
    }

    @Test
    void everyAlarmGoesToTheTopicAndWatchesAMetricThatExists() {
        assertThat(all()).isNotEmpty();
        all().forEach((id, alarm) -> {
            assertThat(alarm.properties().path("AlarmActions").toString()).as(id + " raises to the topic")
                    .isEqualTo("[{\"Ref\":\"AlarmTopic\"}]");
            assertThat(alarm.properties().path("OKActions").toString()).as(id + " clears to the topic")
                    .isEqualTo("[{\"Ref\":\"AlarmTopic\"}]");
            assertThat(alarm.properties().path("AlarmDescription").asText()).as(id + " points to the runbook")
                    .contains("docs/operations.md#");
            if (!STRUCTURAL_THRESHOLDS.contains(id)) {
                String parameter = alarm.properties().path("Threshold").path("Ref").asText();
                assertThat(template().path("Parameters").has(parameter)).as(id + "'s threshold is a parameter").isTrue();
            }
            assertThat(alarm.metrics()).as(id + "'s metrics").isNotEmpty();
            alarm.metrics().forEach(watched -> assertExists(id, watched));
        });
    }

    /** A metric of ours is one ops/Metric emits, under one of its dimension sets; one of AWS's is of a resource here. */
    private static void assertExists(String alarm, StackAlarms.Watched watched) {
        String what = alarm + " watches " + watched.namespace() + "/" + watched.name() + " " + watched.dimensions().keySet();
        switch (watched.namespace()) {
            case Metrics.NAMESPACE -> {
                Metric metric = Metric.valueOf(metricConstant(watched.name()));
                assertThat(metric.dimensionSets()).as(what + ": a dimension set the code publishes it under")
                        .contains(List.copyOf(watched.dimensions().keySet()));
                assertThat(watched.dimensions().get(Metrics.STACK).path("Ref").asText()).as(what + ": this stack's")
                        .isEqualTo("AWS::StackName");
            }
            case "AWS/Lambda" -> {
                assertThat(watched.name()).as(what).isIn("Errors", "Throttles", "Invocations");
                assertThat(functions()).as(what).containsKey(watched.dimensions().get("FunctionName").path("Ref").asText());
            }
            case "AWS/ApiGateway" -> {
                assertThat(watched.name()).as(what).isIn("5xx", "Count");
                assertThat(watched.dimensions().get("ApiId").path("Ref").asText()).as(what).isEqualTo("HttpApi");
            }
            case "AWS/SQS" -> assertThat(watched.dimensions().get("QueueName").toString()).as(what)
                    .isEqualTo("{\"Fn::GetAtt\":[\"DeadLetterQueue\",\"QueueName\"]}");
            default -> throw new AssertionError(what + ": a namespace nothing here publishes to");
        }
    }

    /** The Metric constant for a CloudWatch name; fails the test when the code emits no such metric. */
    static String metricConstant(String metricName) {
        for (Metric metric : Metric.values()) {
            if (metric.metricName().equals(metricName)) {
                return metric.name();
            }
        }
        throw new AssertionError(metricName + " is emitted by no code (ops/Metric)");
    }

    @Test
    void theAlarmsTheIssueAsksForAreThereWithTheirDefaults() {
        assertThat(StackAlarms.named("SpeedToAlertAlarm").single().name()).isEqualTo("SpeedToAlert");
        assertThat(StackAlarms.named("SpeedToAlertAlarm").threshold()).as("2 minutes").isEqualTo(120_000);
        assertThat(StackAlarms.named("OutboxAgeAlarm").single().name()).isEqualTo("OutboxOldestDueAge");
        assertThat(StackAlarms.named("OutboxAgeAlarm").threshold()).as("10 minutes, in seconds").isEqualTo(600);
        assertThat(StackAlarms.named("SesBounceRateAlarm").threshold()).isEqualTo(2);
        assertThat(StackAlarms.named("SesComplaintRateAlarm").threshold()).isEqualTo(0.05);
        for (String notRunning : List.of("DispatchNotRunningAlarm", "ReviewTiersNotRunningAlarm")) {
            StackAlarms.Alarm alarm = StackAlarms.named(notRunning);
            assertThat(alarm.single().name()).isEqualTo("Invocations");
            assertThat(alarm.properties().path("TreatMissingData").asText()).as(notRunning + ": no data is no run")
                    .isEqualTo("breaching");
            int window = alarm.properties().path("Period").asInt() * alarm.properties().path("DatapointsToAlarm")
                    .asInt(alarm.properties().path("EvaluationPeriods").asInt());
            String function = notRunning.replace("NotRunningAlarm", "Function");
            assertThat(window).as(notRunning + ": longer than the schedule's rate").isGreaterThan(
                    scheduleRateSeconds(function));
        }
        Set<String> failing = new TreeSet<>();
        all().values().forEach(alarm -> {
            Set<String> watched = new TreeSet<>();
            alarm.metrics().stream().filter(m -> m.namespace().equals("AWS/Lambda")).forEach(m -> watched.add(m.name()));
            if (watched.equals(Set.of("Errors", "Throttles"))) {
                failing.add(alarm.metrics().get(0).dimensions().get("FunctionName").path("Ref").asText());
            }
        });
        assertThat(failing).as("every function's errors and throttles are watched").isEqualTo(functions().keySet().stream()
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        JsonNode subscription = resources("AWS::SNS::Subscription").values().iterator().next();
        assertThat(subscription.path("Condition").asText()).as("the email subscription only with OpsEmail").isEqualTo("HasOpsEmail");
        assertThat(template().path("Parameters").path("OpsEmail").path("Default").asText()).isEmpty();
        assertThat(template().path("Resources").path("AlarmTopic").path("Properties").path("KmsMasterKeyId").asText())
                .as("CloudWatch cannot publish to a topic under the AWS managed key").isNotEqualTo("alias/aws/sns");
    }

    @Test
    void theAsynchronouslyInvokedFunctionsKeepWhatTheyFailOnInTheDeadLetterQueue() {
        Set<String> invokedAsynchronously = new TreeSet<>();
        resources("AWS::Events::Rule").forEach((id, rule) -> rule.path("Properties").path("Targets").forEach(target -> {
            // A function's alias, or the CRM's API destination (no function: EventBridge's own retries, then the queue).
            String targetId = functionOf(target.path("Arn"));
            if (!template().path("Resources").path(targetId).path("Type").asText().equals("AWS::Events::ApiDestination")) {
                invokedAsynchronously.add(targetId);
            }
            assertThat(target.path("DeadLetterConfig").path("Arn").toString()).as(id + ": what EventBridge cannot deliver")
                    .isEqualTo("{\"Fn::GetAtt\":[\"DeadLetterQueue\",\"Arn\"]}");
        }));
        resources("AWS::Scheduler::Schedule").values().forEach(schedule ->
                invokedAsynchronously.add(functionOf(schedule.path("Properties").path("Target").path("Arn"))));
        assertThat(invokedAsynchronously).contains("SesEventFunction", "DispatchFunction", "ReviewTiersFunction");
        Map<String, JsonNode> configs = new java.util.HashMap<>();
        resources("AWS::Lambda::EventInvokeConfig").values().forEach(config ->
                configs.put(config.path("Properties").path("FunctionName").path("Ref").asText(), config));
        for (String function : invokedAsynchronously) {
            JsonNode config = configs.get(function);
            assertThat(config).as(function + " has an EventInvokeConfig").isNotNull();
            assertThat(config.path("Properties").path("DestinationConfig").path("OnFailure").path("Destination").toString())
                    .as(function + "'s failure destination").isEqualTo("{\"Fn::GetAtt\":[\"DeadLetterQueue\",\"Arn\"]}");
            assertThat(config.path("Properties").path("Qualifier").asText()).as("on the alias the events invoke").isEqualTo("live");
        }
        assertThat(StackAlarms.named("DeadLettersAlarm").single().name()).isEqualTo("ApproximateNumberOfMessagesVisible");
    }

    /** The function a target's ARN (its alias or the function) names. */
    private static String functionOf(JsonNode arn) {
        String ref = arn.has("Ref") ? arn.path("Ref").asText() : arn.path("Fn::GetAtt").path(0).asText();
        return ref.replaceFirst("Aliaslive$", "");
    }

    @Test
    void theDashboardShowsOnlyMetricsThatExistAndTheLogGroupsOfTheFunctions() throws Exception {
        JsonNode dashboard = resources("AWS::CloudWatch::Dashboard").values().iterator().next();
        String body = dashboard.path("Properties").path("DashboardBody").path("Fn::Sub").asText();
        Matcher references = SUB.matcher(body);
        List<String> unknown = new ArrayList<>();
        while (references.find()) {
            String name = references.group(1).split("\\.")[0];
            if (!name.startsWith("AWS::") && !template().path("Resources").has(name) && !template().path("Parameters").has(name)) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("${…} in the dashboard naming nothing of the stack").isEmpty();
        JsonNode widgets = JSON.readTree(SUB.matcher(body).replaceAll("1")).path("widgets");
        Set<String> shown = new TreeSet<>();
        for (JsonNode widget : widgets) {
            if (widget.path("type").asText().equals("log")) {
                String query = widget.path("properties").path("query").asText();
                functions().keySet().forEach(f -> assertThat(body).as("the cold starts read " + f + "'s log group").contains("SOURCE '${" + f + "LogGroup}'"));
                assertThat(query).contains("REPORT");
                continue;
            }
            for (JsonNode row : widget.path("properties").path("metrics")) {
                if (!row.get(0).isTextual()) {
                    continue; // an expression
                }
                List<String> dimensions = new ArrayList<>();
                int end = row.get(row.size() - 1).isObject() ? row.size() - 1 : row.size();
                for (int i = 2; i < end; i += 2) {
                    dimensions.add(row.get(i).asText());
                }
                String namespace = row.get(0).asText();
                if (namespace.equals(Metrics.NAMESPACE)) {
                    Metric metric = Metric.valueOf(metricConstant(row.get(1).asText()));
                    assertThat(metric.dimensionSets()).as("the dashboard's " + row).contains(dimensions);
                    shown.add(metric.metricName());
                } else {
                    assertThat(namespace).as("the dashboard's " + row).isIn("AWS/Lambda", "AWS/ApiGateway", "AWS/SQS");
                }
            }
        }
        assertThat(shown).as("what the issue asks the dashboard to show").contains("Leads", "SpeedToAlert",
                "OutboxOldestDueAge", "EmailsSent", "SesBounces", "SesComplaints");
    }

    @Test
    void everyAlarmHasItsSectionInTheRunbook() throws Exception {
        java.nio.file.Path runbook = io.leadtriage.local.SamTemplate.locate().toAbsolutePath().getParent()
                .resolve("docs/operations.md");
        Set<String> anchors = new TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(runbook)) {
            if (line.startsWith("#")) {
                // GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
                anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
            }
        }
        all().forEach((id, alarm) -> {
            Matcher link = Pattern.compile("docs/operations\\.md#([a-z0-9-]+)")
                    .matcher(alarm.properties().path("AlarmDescription").asText());
            assertThat(link.find()).as(id + " links the runbook").isTrue();
            assertThat(anchors).as(id + "'s section in docs/operations.md").contains(link.group(1));
        });
    }

    @Test
    void theAccessLogIsJsonWithoutAnAddress() throws Exception {
        JsonNode stage = resources("AWS::ApiGatewayV2::Stage").values().iterator().next();
        String format = stage.path("Properties").path("AccessLogSettings").path("Format").asText();
        JsonNode line = JSON.readTree(format);
        assertThat(line.path("requestId").asText()).isEqualTo("$context.requestId");
        assertThat(line.path("status").asText()).isEqualTo("$context.status");
        assertThat(format).as("no IP address, user agent or query string (tokens travel there)")
                .doesNotContain("sourceIp", "identity", "userAgent", "querystring", "$context.path");
    }

    /** The rate of the function's schedule, in seconds, as the transformed template gives it ({@code rate(15 minutes)}). */
    static int scheduleRateSeconds(String function) {
        List<String> rates = new ArrayList<>();
        StackAlarms.resources("AWS::Scheduler::Schedule").values().forEach(schedule -> {
            JsonNode props = schedule.path("Properties");
            if (props.path("Target").path("Arn").toString().contains(function)) {
                rates.add(props.path("ScheduleExpression").asText());
            }
        });
        assertThat(rates).as("the schedule of " + function).hasSize(1);
        Matcher rate = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)")
                .matcher(rates.get(0));
        assertThat(rate.matches()).as(rates.get(0)).isTrue();
        int unit = rate.group(2).startsWith("minute") ? 60 : rate.group(2).startsWith("hour") ? 3600 : 86_400;
        return Integer.parseInt(rate.group(1)) * unit;
    }
}
