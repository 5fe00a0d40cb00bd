package io.leadtriage.app;

import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters' backfill: leads stored before the counters existed are counted once, run after run. */
class CountStoredLeadsTest {
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    final CoreFlow flow = CoreFlow.start();
    final CountStoredLeads backfill = flow.services().countStoredLeads();

    /** {@code n} leads as a stack from before the counters holds them: stored, uncounted, the counters empty. */
    List<String> leadsFromBeforeTheCounters(int n) {
        for (int i = 0; i < n; i++) {
            flow.submit(i % 2 == 0 ? "demo" : "newsletter", "old" + i + "@acme-analytics.io",
                    i % 3 == 0 ? Map.of("name", "Old", "company", "Acme", "timeline", "now") : Map.of("timeline", "1-3m"));
            flow.clock().advance(Duration.ofMinutes(3));
        }
        List<LeadRecord> stored = flow.storage().queries().leadsCreatedBetween(FROM, TO);
        for (LeadRecord lead : stored) {
            LeadRecord uncounted = lead.changed().version(lead.version() + 1).counted(false).build();
            assertThat(flow.storage().leads().save(new LeadWrite(uncounted, lead.version(), List.of(), null, List.of(),
                    List.of(), null, CountChange.between(lead, null)))).isEqualTo(SaveResult.SAVED);
        }
        assertThat(funnelCounts()).as("counters empty, as before they existed").isEqualTo(Tally.NONE);
        return stored.stream().map(LeadRecord::id).toList();
    }

    Tally funnelCounts() {
        return flow.storage().counters().funnelByDay(FROM.atOffset(java.time.ZoneOffset.UTC).toLocalDate(),
                TO.atOffset(java.time.ZoneOffset.UTC).toLocalDate()).values().stream().reduce(Tally.NONE, Tally::plus);
    }

    Tally scanned() {
        return flow.storage().queries().leadsCreatedBetween(FROM, TO).stream()
                .flatMap(lead -> CountChange.of(lead).funnel().values().stream()).reduce(Tally.NONE, Tally::plus);
    }

    @Test
    void nothingRunsUntilABackfillIsStarted() {
        leadsFromBeforeTheCounters(3);

        assertThat(backfill.continueBackfill(Budget.leads(1000))).isEmpty();
        assertThat(backfill.progress()).isEmpty();
    }

    @Test
    void runAfterRunItCountsEveryLeadOnceEvenOneThatChangedMeanwhile() {
        List<String> ids = leadsFromBeforeTheCounters(230);
        assertThat(backfill.start().started()).isTrue();
        assertThat(backfill.start().started()).as("one under way").isFalse();

        CountStoredLeads.Run first = backfill.continueBackfill(Budget.leads(1)).orElseThrow();
        assertThat(first.examined()).isEqualTo(100);
        assertThat(first.progress().finished()).isFalse();
        // A lead the backfill has not reached yet changes: its own change counts it, whole.
        String changed = ids.stream().filter(id -> !flow.lead(id).counted()).findFirst().orElseThrow();
        flow.signal(changed, SignalType.PRICING_PAGE_VIEW);
        assertThat(flow.lead(changed).counted()).isTrue();
        CountStoredLeads.Run rest = backfill.continueBackfill(Budget.leads(1000)).orElseThrow();

        ReportCounters.Backfill done = rest.progress();
        assertThat(done.finished()).isTrue();
        assertThat(done.examined()).isEqualTo(230);
        assertThat(done.counted()).isEqualTo(229);
        assertThat(FunnelCounts.report(funnelCounts(), FROM, TO)).isEqualTo(FunnelCounts.report(scanned(), FROM, TO));
        assertThat(funnelCounts().get("n")).isEqualTo(230);
        assertThat(backfill.continueBackfill(Budget.leads(1000))).as("finished").isEmpty();
    }
}
