package io.leadtriage.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every metric's document is valid EMF, carries the Stack dimension, and publishes under the sets its Metric names. */
class MetricsTest {
    @AfterEach
    void restore() {
        Metrics.useStack(System.getenv(Metrics.STACK_SETTING));
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void eachMetricIsWrittenAsValidEmfUnderEachOfItsDimensionSets(Metric metric) {
        Metrics.useStack("leadtriage-staging");
        List<String> pairs = new ArrayList<>();
        metric.dimensions().stream().filter(d -> !d.equals(Metrics.STACK)).forEach(d -> {
            pairs.add(d);
            pairs.add(d.toLowerCase() + "-value");
        });
        try (EmfCapture emf = EmfCapture.open()) {
            Metrics.record(metric, 42, pairs.toArray(String[]::new));

            JsonNode document = emf.documents().get(0);
            assertThat(document.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                    .isEqualTo("leadtriage");
            assertThat(document.path("Stack").asText()).isEqualTo("leadtriage-staging");
            assertThat(emf.values()).hasSize(metric.dimensionSets().size()).allSatisfy(value -> {
                assertThat(value.name()).isEqualTo(metric.metricName());
                assertThat(value.unit()).isEqualTo(metric.unit().emfName());
                assertThat(value.value()).isEqualTo(42.0);
                assertThat(value.dimensions()).containsEntry("Stack", "leadtriage-staging");
            });
            assertThat(emf.values().stream().map(v -> List.copyOf(v.dimensions().keySet())).toList())
                    .containsExactlyElementsOf(metric.dimensionSets());
        }
    }

    @Test
    void theStackIsLocalWithoutStackName() {
        assertThat(Metrics.stackOf(null)).isEqualTo("local");
        assertThat(Metrics.stackOf("  ")).isEqualTo("local");
        assertThat(Metrics.stackOf(" prod ")).isEqualTo("prod");
    }

    @Test
    void aMissingOrUnknownDimensionIsRefusedNotWrittenAsAMetricNoAlarmWouldFind() {
        try (EmfCapture emf = EmfCapture.open()) {
            assertThatThrownBy(() -> Metrics.count(Metric.EMAILS_SENT)).hasMessageContaining("Kind");
            assertThatThrownBy(() -> Metrics.count(Metric.HONEYPOT_HITS, "Email", "x"))
                    .hasMessageContaining("dimensions no metric names");
            assertThatThrownBy(() -> Metrics.count(Metric.EMAILS_SENT, "Kind")).hasMessageContaining("pairs");
            assertThatThrownBy(() -> Metrics.record(Metric.SPEED_TO_ALERT, Double.NaN)).hasMessageContaining("finite");
            assertThat(emf.documents()).isEmpty();
        }
    }

    @Test
    void blankOrLongDimensionValuesBecomeOnesCloudWatchTakes() {
        try (EmfCapture emf = EmfCapture.open()) {
            Metrics.count(Metric.LEADS, "Form", null, "Tier", "hot", "Stage", "x".repeat(2000));
            JsonNode document = emf.documents().get(0);
            assertThat(document.path("Form").asText()).isEqualTo("none");
            assertThat(document.path("Stage").asText()).hasSize(1024);
        }
    }

    @Test
    void oneDocumentHoldsAtMostAHundredMetricsAndNoMetricTwice() {
        Map<String, String> stackOnly = Map.of("Stack", "s");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Metrics.Emitted one = new Metrics.Emitted(Metric.HONEYPOT_HITS, 1, stackOnly, at);
        assertThatThrownBy(() -> Metrics.document(at, stackOnly, List.of(one, one))).hasMessageContaining("twice");
        List<Metrics.Emitted> many = new ArrayList<>();
        for (int i = 0; i < Metrics.MAX_METRICS + 1; i++) {
            many.add(one);
        }
        assertThatThrownBy(() -> Metrics.document(at, stackOnly, many)).hasMessageContaining("1 to 100");

        Map<String, Object> two = Metrics.document(at, stackOnly, List.of(one,
                new Metrics.Emitted(Metric.WELCOMES_DEFERRED, 3, stackOnly, at)));
        JsonNode valid = EmfCapture.validated(io.leadtriage.json.JsonTree.write(two));
        assertThat(valid.path("_aws").path("Timestamp").asLong()).isEqualTo(at.toEpochMilli());
        assertThat(EmfCapture.valuesOf(valid)).extracting(EmfCapture.Value::name)
                .containsExactly("HoneypotHits", "WelcomesDeferred");
    }

    @Test
    void theValidatorRefusesWhatTheSpecificationForbids() {
        String good = "{\"_aws\":{\"Timestamp\":1764583200000,\"CloudWatchMetrics\":[{\"Namespace\":\"leadtriage\","
                + "\"Dimensions\":[[\"Stack\"]],\"Metrics\":[{\"Name\":\"Leads\",\"Unit\":\"Count\"}]}]},"
                + "\"Stack\":\"s\",\"Leads\":1}";
        EmfCapture.validated(good);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("a dimension that is no member", good.replace("\"Stack\":\"s\",", ""));
        broken.put("a dimension value that is a number", good.replace("\"Stack\":\"s\"", "\"Stack\":1"));
        broken.put("a metric that is no member", good.replace(",\"Leads\":1", ""));
        broken.put("a metric that is text", good.replace("\"Leads\":1", "\"Leads\":\"1\""));
        broken.put("a timestamp in seconds", good.replace("1764583200000", "1764583200"));
        broken.put("an unknown unit", good.replace("\"Count\"", "\"Leads\""));
        broken.put("no namespace", good.replace("\"Namespace\":\"leadtriage\",", ""));
        broken.put("31 dimensions", good.replace("[[\"Stack\"]]", "[[" + String.join(",",
                java.util.Collections.nCopies(31, "\"Stack\"")) + "]]"));
        broken.forEach((what, line) -> assertThatThrownBy(() -> EmfCapture.validated(line)).as(what)
                .isInstanceOf(AssertionError.class));
    }

    @Test
    void listenersSeeEachValueWithItsDimensions() {
        List<Metrics.Emitted> seen = new ArrayList<>();
        java.util.function.Consumer<Metrics.Emitted> listener = seen::add;
        Metrics.listen(listener);
        try (EmfCapture emf = EmfCapture.open()) {
            Metrics.record(Metric.SPEED_TO_ALERT, 1500);
        } finally {
            Metrics.stopListening(listener);
        }
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.metric()).isEqualTo(Metric.SPEED_TO_ALERT);
            assertThat(e.value()).isEqualTo(1500.0);
            assertThat(e.dimensions().keySet()).isEqualTo(Set.of("Stack"));
        });
    }
}
