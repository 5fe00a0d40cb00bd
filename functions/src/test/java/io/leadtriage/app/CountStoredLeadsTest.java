package io.leadtriage.app;

import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.SeededEmails;
import io.leadtriage.testing.SesEvents;
import io.leadtriage.testing.memory.InMemoryReportCounters;
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

    /** Every email figure the counters hold, whatever its day, kind or step; zeros left out. */
    Map<String, Long> emailFigures() {
        Map<String, Long> total = new java.util.HashMap<>();
        flow.storage().counters().emailsByDay(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2028, 1, 1)).values()
                .forEach(counts -> counts.counts().forEach((figure, n) -> total.merge(figure, n, Long::sum)));
        total.values().removeIf(n -> n == 0);
        return total;
    }

    /** The emails sent, by kind and nurture step, whatever the day. */
    Map<String, Long> sentByStep() {
        Map<String, Long> sent = new java.util.HashMap<>();
        flow.storage().counters().emailsByDay(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2028, 1, 1))
                .forEach((step, counts) -> sent.merge(step.kind() + "/" + step.sequenceId() + "/" + step.step(), counts.get(EmailStep.SENT), Long::sum));
        sent.values().removeIf(n -> n == 0);
        return sent;
    }

    /** A stack from before the email figures: its emails sent and noted, the figures empty; two days on. */
    void asBeforeTheEmailFigures() {
        ((InMemoryReportCounters) flow.storage().counters()).forgetEmailFigures();
        assertThat(emailFigures()).isEmpty();
        // SES reports an event up to a day late: the backfill leaves out the day before the figures begin.
        flow.clock().advance(Duration.ofDays(2));
    }

    /**
     * A seeded month of emails on a stack from before the email figures: the backfill rebuilds them, equal to a count
     * over the emails themselves, though a run stopped half-way through a page (it counted some leads' emails and
     * recorded no progress) and the backfill is run twice.
     */
    @Test
    void itRebuildsTheEmailFiguresFromTheEmailsOnceWhateverTheStops() {
        List<String> leads = SeededEmails.aMonth(flow, 18);
        Map<String, Long> counted = SeededEmails.countedOverTheEmails(flow, leads);
        long emails = leads.stream().mapToLong(id -> flow.storage().messages().sentMessages(id).size()).sum();
        Map<String, Long> sentByStep = sentByStep();
        asBeforeTheEmailFigures();

        ReportCounters.Backfill started = backfill.start().progress();
        int countedBeforeTheStop = 0;
        for (String id : leads.subList(0, 7)) {
            countedBeforeTheStop += backfill.countEmails(flow.lead(id), started.emailsBefore());
        }
        CountStoredLeads.Run run = backfill.continueBackfill(Budget.leads(1000)).orElseThrow();

        assertThat(emailFigures()).isEqualTo(counted)
                .containsKeys("sent", "delivered", "clicked", "bounced", "complained", "unsubscribed");
        assertThat(sentByStep()).as("each email's kind and step told by its timeline").isEqualTo(sentByStep);
        assertThat(countedBeforeTheStop).isPositive();
        assertThat(run.progress().emails()).isEqualTo(emails - countedBeforeTheStop);
        assertThat(backfill.start().started()).isTrue();
        assertThat(backfill.continueBackfill(Budget.leads(1000)).orElseThrow().progress().emails()).as("run again").isZero();
        assertThat(emailFigures()).isEqualTo(counted);
    }

    /**
     * An email sent before the figures, delivered and clicked once the backfill started: its send is the backfill's
     * to count, what happened to it since was counted as it happened, and nothing twice.
     */
    @Test
    void whatHappensOnceTheFiguresAreKeptIsCountedAsItHappensNotAgain() {
        io.leadtriage.app.outbox.SentMessage welcome = flow.firstEmailOf("nurture");
        io.leadtriage.app.sesevents.SentMessage mail = flow.sesMail(welcome);
        asBeforeTheEmailFigures();

        backfill.start();
        flow.recordSesEvent().record(SesEvents.delivery(mail, "delivery", flow.clock().instant()));
        flow.clock().advance(Duration.ofMinutes(30));
        flow.recordSesEvent().record(SesEvents.click(mail, "click", flow.clock().instant()));
        backfill.continueBackfill(Budget.leads(1000)).orElseThrow();

        assertThat(emailFigures()).isEqualTo(SeededEmails.countedOverTheEmails(flow, List.of(welcome.leadId())))
                .containsEntry("delivered", 1L).containsEntry("clicked", 1L);
    }
}
