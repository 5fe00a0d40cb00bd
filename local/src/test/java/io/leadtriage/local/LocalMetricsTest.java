package io.leadtriage.local;

import io.leadtriage.ops.EmfCapture;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run keeps what the functions emit, for GET /_local/metrics and the console. */
class LocalMetricsTest {
    @Test
    void keepsTotalsByDimensionsAndTheLatestSpeedToAlertAndOutboxAge() {
        try (EmfCapture emf = EmfCapture.open(); LocalMetrics metrics = LocalMetrics.listening()) {
            Metrics.count(Metric.EMAILS_SENT, "Kind", "sales_alert");
            Metrics.count(Metric.EMAILS_SENT, "Kind", "sales_alert");
            Metrics.count(Metric.EMAILS_SENT, "Kind", "nurture");
            for (int i = 0; i < LocalMetrics.READINGS + 5; i++) {
                Metrics.record(Metric.SPEED_TO_ALERT, 1000 + i);
            }
            Metrics.record(Metric.OUTBOX_OLDEST_DUE_AGE, 42);

            assertThat(metrics.latest(Metric.SPEED_TO_ALERT)).hasSize(LocalMetrics.READINGS)
                    .first().satisfies(r -> assertThat(r.value()).as("newest first").isEqualTo(1000 + LocalMetrics.READINGS + 4));
            assertThat(metrics.latest(Metric.OUTBOX_OLDEST_DUE_AGE)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(42));
            Map<String, Object> snapshot = metrics.snapshot();
            assertThat(snapshot).containsEntry("namespace", "leadtriage");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sent = (List<Map<String, Object>>) ((Map<String, Object>) snapshot.get("metrics"))
                    .get("EmailsSent");
            assertThat(sent).extracting(m -> m.get("dimensions") + "=" + m.get("count"))
                    .containsExactly("{Kind=nurture}=1", "{Kind=sales_alert}=2");
        }
    }
}
