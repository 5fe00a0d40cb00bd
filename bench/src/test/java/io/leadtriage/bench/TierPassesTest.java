package io.leadtriage.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark itself on a handful of leads: both passes take every lead, and every call is metered. */
class TierPassesTest {
    @Test
    void bothPassesTakeEveryLeadAndAreMetered() throws Exception {
        TierPasses.Result result = TierPasses.measure(30);

        assertThat(result.review().leads()).isEqualTo(30);
        assertThat(result.review().use().calls()).containsEntry("TransactWriteItems", 30).containsEntry("GetItem", 30);
        assertThat(result.review().use().writeUnits()).isPositive();
        assertThat(result.dryRun().leads()).isEqualTo(30);
        assertThat(result.dryRun().chunks()).as("one request").isEqualTo(1);
        assertThat(result.dryRun().use().calls()).containsKeys("Scan", "BatchGetItem").doesNotContainKey("TransactWriteItems");
        assertThat(result.dryRun().use().writeUnits()).isZero();
        assertThat(result.dryRun().use().readUnits()).isPositive();
    }
}
