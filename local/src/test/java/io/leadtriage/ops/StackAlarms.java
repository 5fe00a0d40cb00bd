package io.leadtriage.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.rehearsal.SamTransform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of template.yaml as CloudFormation receives them (after the SAM transform): what each watches, and its
 * threshold with the parameters' defaults.
 */
public final class StackAlarms {
    private static JsonNode cfn;

    /** One metric an alarm reads: its namespace, name, dimensions (name to the template's value) and statistic. */
    public record Watched(String namespace, String name, Map<String, JsonNode> dimensions, String stat) {
    }

    /** @param threshold the Threshold with the parameters' defaults */
    public record Alarm(String id, List<Watched> metrics, String expression, double threshold, String comparison,
                        JsonNode properties) {
        /** The one metric of the leadtriage namespace it watches alone (no expression); fails otherwise. */
        public Watched single() {
            if (metrics.size() != 1 || expression != null) {
                throw new IllegalStateException(id + " watches " + metrics + " with " + expression);
            }
            return metrics.get(0);
        }
    }

    private StackAlarms() {
    }

    /** template.yaml after the SAM transform, as CloudFormation JSON (transformed once). */
    public static synchronized JsonNode template() {
        if (cfn == null) {
            cfn = SamTransform.run(SamTemplate.locate(), "us-east-1", Map.of());
        }
        return cfn;
    }

    public static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template().path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** A parameter's default, as a number. */
    public static double parameterDefault(String name) {
        JsonNode parameter = template().path("Parameters").path(name);
        if (parameter.isMissingNode()) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return Double.parseDouble(parameter.path("Default").asText());
    }

    public static Map<String, Alarm> all() {
        Map<String, Alarm> alarms = new LinkedHashMap<>();
        resources("AWS::CloudWatch::Alarm").forEach((id, resource) -> alarms.put(id, alarm(id, resource.path("Properties"))));
        return alarms;
    }

    public static Alarm named(String id) {
        Alarm alarm = all().get(id);
        if (alarm == null) {
            throw new IllegalArgumentException("no alarm " + id + " in template.yaml");
        }
        return alarm;
    }

    private static Alarm alarm(String id, JsonNode p) {
        List<Watched> metrics = new ArrayList<>();
        String expression = null;
        if (p.has("MetricName")) {
            metrics.add(new Watched(p.path("Namespace").asText(), p.path("MetricName").asText(), dimensions(p.path("Dimensions")),
                    p.path("Statistic").asText(p.path("ExtendedStatistic").asText())));
        }
        for (JsonNode query : p.path("Metrics")) {
            if (query.has("Expression")) {
                expression = query.path("Expression").asText();
                continue;
            }
            JsonNode stat = query.path("MetricStat");
            JsonNode metric = stat.path("Metric");
            metrics.add(new Watched(metric.path("Namespace").asText(), metric.path("MetricName").asText(),
                    dimensions(metric.path("Dimensions")), stat.path("Stat").asText()));
        }
        JsonNode threshold = p.path("Threshold");
        double value = threshold.has("Ref") ? parameterDefault(threshold.path("Ref").asText()) : threshold.asDouble();
        return new Alarm(id, metrics, expression, value, p.path("ComparisonOperator").asText(), p);
    }

    private static Map<String, JsonNode> dimensions(JsonNode list) {
        Map<String, JsonNode> dimensions = new LinkedHashMap<>();
        list.forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value")));
        return dimensions;
    }

    /** Whether {@code value} breaches the alarm's threshold as its comparison says. */
    public static boolean breaches(Alarm alarm, double value) {
        return switch (alarm.comparison()) {
            case "GreaterThanThreshold" -> value > alarm.threshold();
            case "GreaterThanOrEqualToThreshold" -> value >= alarm.threshold();
            case "LessThanThreshold" -> value < alarm.threshold();
            case "LessThanOrEqualToThreshold" -> value <= alarm.threshold();
            default -> throw new IllegalArgumentException(alarm.id() + ": " + alarm.comparison());
        };
    }
}
