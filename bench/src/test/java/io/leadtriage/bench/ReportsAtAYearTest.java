package io.leadtriage.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark itself on a few hundred leads over a year, on DynamoDB Local: the funnel read from the counters
 * equals a scan of every lead (erased leads, outcomes, hot leads whose alerts went out among them), reads no lead, and
 * the export takes every stored lead once.
 */
class ReportsAtAYearTest {
    @Test
    void theCountersFunnelIsTheScansAndReadsNoLead() throws Exception {
        ReportsAtAYear.Result result = ReportsAtAYear.measure(300);

        assertThat(result.scanAgrees()).isTrue();
        assertThat(result.stored()).as("some erased").isLessThan(300).isGreaterThan(295);
        assertThat(result.funnel().use().calls()).containsOnlyKeys("Query");
        assertThat(result.scan().use().calls()).containsKey("BatchGetItem");
        assertThat(result.export().use().calls()).doesNotContainKey("TransactWriteItems");
        assertThat(result.writes().counterUpdatesPerLead()).as("two a new lead, two more a change of tier")
                .isGreaterThanOrEqualTo(2.0).isLessThan(6.0);
        assertThat(result.writes().largestItemBytes()).as("a counter item stays small").isPositive().isLessThan(1024);
    }
}
