package io.leadtriage.bench;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.admin.ExportLeads;
import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Storage;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reports at a year of leads, on DynamoDB Local in this JVM (tables from template.yaml): N synthetic leads spread
 * over a year through the one lead-change path (forms, UTM sources and campaigns, hot, warm and cold, some alerted, won,
 * lost or erased), then, through a client that meters every call: the funnel of the year (read from the counters), the
 * same funnel by a scan of every lead (the way it was read before the counters, and the check that both agree), the
 * breakdowns, calibration, and the CSV export of the year page by page. Last, what the counters add to a lead's writes:
 * the same leads stored with and without them. A benchmark, not a test: {@code mvn -q -B -DskipTests -Pbench
 * -Dbench=ReportsAtAYear -Dbench.yearLeads=24000 -pl bench -am package}.
 */
public final class ReportsAtAYear {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    static final List<String> SOURCES = List.of("google", "linkedin", "facebook", "newsletter", "");
    static final List<String> CAMPAIGNS = List.of("spring-launch", "summer-webinar", "retargeting", "brand", "competitor",
            "ebook-q3", "black-friday", "");
    static final int SEED_THREADS = 2;
    static final int ROUNDS = 5;
    /** Leads stored twice (with and without counters) to weigh what the counters add. */
    static final int WEIGHED_LEADS = 400;

    private ReportsAtAYear() {
    }

    /** One measured read: its median time over {@link #ROUNDS} and the DynamoDB use of one of them. */
    record Read(String what, double medianMillis, DynamoDbMeter.Use use) {
    }

    /** What the export of the year took: pages, rows, time, use. */
    record Export(int pages, int rows, double seconds, double slowestPageMillis, DynamoDbMeter.Use use) {
    }

    /**
     * What the counters add to a lead's writes.
     *
     * @param counterUpdatesPerLead counter items updated per lead of the weighed mix, in the lead's own transactions
     * @param largestItemBytes      the largest counter item of the seeded year, by DynamoDB's sizing rules
     * @param wruPerUpdate          what one such update bills inside a transaction: 2 WRU per started KB
     * @param leadWru               WRU a lead of the same mix as DynamoDB Local meters it (it leaves a transaction's
     *                              updates out, the counters' among them)
     */
    record CounterWrites(double counterUpdatesPerLead, int largestItemBytes, int wruPerUpdate, double leadWru) {
        double wruPerLead() {
            return counterUpdatesPerLead * wruPerUpdate;
        }
    }

    record Result(int leads, int stored, double seedSeconds, Read funnel, Read scan, boolean scanAgrees, List<Read> others,
                  Export export, CounterWrites writes, int counterItems) {
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.parseInt(System.getProperty("bench.yearLeads", "24000"));
        Log.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        io.leadtriage.ops.Metrics.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        Result r = measure(leads);
        System.out.printf("Seeded %,d leads over 2026 (%,d stored after erasures) in %.1f s (not measured); %,d counter items.%n",
                r.leads(), r.stored(), r.seedSeconds(), r.counterItems());
        print(r.funnel());
        print(r.scan());
        System.out.printf("  the counters' funnel equals the scan's: %s%n", r.scanAgrees());
        r.others().forEach(ReportsAtAYear::print);
        Export e = r.export();
        System.out.printf("%nCSV export of the year (default fields, 1,000 a page): %,d rows in %,d pages, %.1f s (%,.0f rows/s),"
                        + " slowest page %.0f ms%n  DynamoDB: %,.1f read units (%.3f a lead); calls: %s%n",
                e.rows(), e.pages(), e.seconds(), e.rows() / e.seconds(), e.slowestPageMillis(), e.use().readUnits(),
                e.use().readUnits() / Math.max(1, e.rows()), e.use().describeCalls());
        CounterWrites w = r.writes();
        System.out.printf("%nCounter writes (%,d leads: a new lead, every other one then turning hot): %.2f counter items"
                        + " updated a lead, the largest item %,d bytes, so %d WRU an update in a transaction: %.1f WRU a lead"
                        + " (DynamoDB Local meters the rest of the same writes at %.1f WRU a lead).%n", WEIGHED_LEADS,
                w.counterUpdatesPerLead(), w.largestItemBytes(), w.wruPerUpdate(), w.wruPerLead(), w.leadWru());
    }

    static Result measure(int leads) throws Exception {
        SamTemplate template = SamTemplate.read(SamTemplate.locate());
        try (DynamoDbLocal dynamo = BenchStack.quietDynamoDb()) {
            DynamoDbClient plain = dynamo.client();
            DynamoDbLocal.createTables(plain, template);
            DynamoDbMeter meter = new DynamoDbMeter();
            DynamoDbClient metered = TierPasses.metered(dynamo, meter);
            String table = template.tables().get(0).tableName();

            long seedStart = System.nanoTime();
            seed(plain, table, leads);
            double seedSeconds = TierPasses.seconds(System.nanoTime() - seedStart);

            AdjustableClock clock = AdjustableClock.startingAt(YEAR_END.plus(Duration.ofDays(1)));
            Services services = TierPasses.services(metered, table, clock);
            services.models().refreshNow();
            ReportOnLeads reports = services.reportOnLeads();
            ReportOnLeads.Period year = reports.period(T0, YEAR_END);

            Read funnel = read("Funnel of the year, from the counters", meter, () -> reports.funnel(year));
            Read scan = read("The same funnel by a scan of every lead (before the counters)", meter, 1,
                    () -> scanFunnel(services, year));
            FunnelReport counted = reports.funnel(year).report();
            boolean agrees = counted.equals(scanFunnel(services, year));
            List<Read> others = new ArrayList<>();
            for (ReportOnLeads.Breakdown by : ReportOnLeads.Breakdown.values()) {
                others.add(read("Funnel of the year by " + by.wireName(), meter, () -> reports.funnelBy(by, year)));
            }
            others.add(read("Calibration (two years of outcomes)", meter, reports::calibration));
            Export export = export(services.exportLeads(), year, meter);
            int stored = export.rows();
            List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> counters = new ArrayList<>();
            plain.scanPaginator(sc -> sc.tableName(table).filterExpression("begins_with(pk, :c)")
                    .expressionAttributeValues(Map.of(":c", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                            .fromS("COUNTS#")))).items().forEach(counters::add);
            int largest = counters.stream().mapToInt(ItemSizes::size).max().orElse(0);
            CounterWrites writes = weighWrites(metered, meter, table, largest);
            return new Result(leads, stored, seedSeconds, funnel, scan, agrees, others, export, writes, counters.size());
        }
    }

    /** The funnel as it was read before the counters: every lead of the period, then the same sums. */
    static FunnelReport scanFunnel(Services services, ReportOnLeads.Period period) {
        Tally sum = Tally.NONE;
        for (LeadRecord lead : services.storage().queries().leadsCreatedBetween(period.from(), period.to())) {
            for (Tally t : CountChange.of(lead).funnel().values()) {
                sum = sum.plus(t);
            }
        }
        return FunnelCounts.report(sum, period.from(), period.to());
    }

    static Read read(String what, DynamoDbMeter meter, java.util.function.Supplier<?> report) {
        return read(what, meter, ROUNDS, report);
    }

    static Read read(String what, DynamoDbMeter meter, int rounds, java.util.function.Supplier<?> report) {
        double[] millis = new double[rounds];
        DynamoDbMeter.Use use = null;
        for (int i = 0; i < rounds; i++) {
            meter.reset();
            long start = System.nanoTime();
            report.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            use = meter.use();
        }
        java.util.Arrays.sort(millis);
        return new Read(what, millis[rounds / 2], use);
    }

    static Export export(ExportLeads export, ReportOnLeads.Period year, DynamoDbMeter meter) {
        meter.reset();
        long start = System.nanoTime();
        String cursor = null;
        int pages = 0;
        int rows = 0;
        double slowest = 0;
        do {
            long pageStart = System.nanoTime();
            ExportLeads.Page page = export.page(year, null, ExportLeads.LONGEST_PAGE, cursor, false);
            slowest = Math.max(slowest, (System.nanoTime() - pageStart) / 1e6);
            rows += page.rows().size();
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        return new Export(pages, rows, TierPasses.seconds(System.nanoTime() - start), slowest, meter.use());
    }

    /**
     * {@code count} leads over the year through the one lead-change path, on {@link #SEED_THREADS} threads each with
     * a clock of its own: a form post each, then, for some, an outcome nine days on, or an erasure.
     */
    static void seed(DynamoDbClient client, String table, int count) throws Exception {
        Duration step = Duration.between(T0, YEAR_END).dividedBy(count);
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    AdjustableClock clock = AdjustableClock.startingAt(T0);
                    Services services = TierPasses.services(client, table, clock);
                    // Outcomes nine days after their lead, recorded once this thread's clock gets there.
                    java.util.ArrayDeque<String[]> outcomes = new java.util.ArrayDeque<>();
                    for (int i = thread; i < count; i += SEED_THREADS) {
                        Instant at = T0.plus(step.multipliedBy(i));
                        while (!outcomes.isEmpty() && !Instant.parse(outcomes.peek()[2]).isAfter(at)) {
                            String[] due = outcomes.poll();
                            clock.advance(Duration.between(clock.instant(), Instant.parse(due[2])));
                            services.recordOutcome().record(due[0], due[1]);
                        }
                        clock.advance(Duration.between(clock.instant(), at));
                        String id = seedOne(services.leadUpdates(), i).id();
                        if (i % 25 == 0 || i % 25 == 3) {
                            outcomes.add(new String[] {id, i % 25 == 0 ? "won" : "lost", at.plus(Duration.ofDays(9)).toString()});
                        } else if (i % 250 == 7) {
                            services.eraseLead().erase(id);
                        }
                        if ((i + 1) % 10_000 < SEED_THREADS) {
                            System.err.printf("  seeded %,d%n", i + 1);
                        }
                    }
                    for (String[] due : outcomes) {
                        clock.advance(Duration.between(clock.instant(), Instant.parse(due[2])).abs());
                        services.recordOutcome().record(due[0], due[1]);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Lead {@code i}: hot (a demo request, starting now), warm (a download, a planned budget) or cold, by turns. */
    static LeadRecord seedOne(LeadUpdates updates, int i) {
        return seedOne(updates, i, "lead");
    }

    /** @param who the address's local part before the number: each set of leads its own addresses */
    static LeadRecord seedOne(LeadUpdates updates, int i, String who) {
        String id = UUID.randomUUID().toString();
        int kind = i % 10;
        String form = kind < 2 ? "demo" : kind < 6 ? "ebook" : "newsletter";
        Map<String, String> answers = kind < 2 ? Map.of("timeline", "now", "role", "decision_maker", "budget", "approved")
                : kind < 6 ? Map.of("budget", "planned") : Map.of();
        SignalType signal = kind < 2 ? SignalType.DEMO_REQUEST : kind < 6 ? SignalType.RESOURCE_DOWNLOAD
                : SignalType.NEWSLETTER_SIGNUP;
        Map<String, String> source = new HashMap<>(Map.of("formId", form));
        put(source, "utm_source", SOURCES.get((i / 3) % SOURCES.size()));
        put(source, "utm_campaign", CAMPAIGNS.get((i / 7) % CAMPAIGNS.size()));
        return updates.apply(LeadUpdates.Lookup.byId(id), null, (current, now) -> Optional.of(new LeadUpdates.Draft(
                LeadRecord.fresh(new Lead(id, who + i + "@acme-analytics.io", Answers.of(answers),
                        List.of(Signal.fromForm(signal, form, now))), now, source, TierPasses.API),
                List.of(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED, form))))).after();
    }

    private static void put(Map<String, String> source, String key, String value) {
        if (!value.isEmpty()) {
            source.put(key, value);
        }
    }

    /**
     * {@link #WEIGHED_LEADS} leads stored (a new lead, then for every other one a post that turns it hot), counting the
     * counter items their transactions update.
     */
    static CounterWrites weighWrites(DynamoDbClient metered, DynamoDbMeter meter, String table, int largestItemBytes) {
        Storage full = Storage.dynamo(metered, table, EmailIndex.keyedWith("benchmark-email-index-key-0123456789abcdef"));
        java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();
        Storage storage = new Storage(counting(full.leads(), updates), full.queries(), full.tierReviews(), full.erasure(),
                full.outbox(), full.alerts(), full.messages(), full.turns(), full.models(), full.rateLimiter(), full.accounts(),
                full.counters());
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2027-03-01T09:00:00Z"));
        Services services = new Services(TierPasses.services(metered, table, clock).config(), clock, storage,
                email -> "not-sent");
        services.models().refreshNow();
        // A lead's first sales alert, handed over, adds its speed to the same two items (in the send's transaction).
        java.util.function.Consumer<io.leadtriage.ops.Metrics.Emitted> alerts = m -> {
            if (m.metric() == io.leadtriage.ops.Metric.EMAILS_SENT && "sales_alert".equals(m.dimensions().get("Kind"))) {
                updates.addAndGet(2);
            }
        };
        io.leadtriage.ops.Metrics.listen(alerts);
        meter.reset();
        for (int i = 0; i < WEIGHED_LEADS; i++) {
            LeadRecord lead = seedOne(services.leadUpdates(), i + 1, "weighed");
            if (i % 2 == 0) {
                services.leadUpdates().apply(LeadUpdates.Lookup.byId(lead.id()), null, (current, now) -> current.map(l ->
                        new LeadUpdates.Draft(l.withLead(l.lead().withSignal(Signal.fromForm(SignalType.DEMO_REQUEST, "demo", now))),
                                List.of(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED, "demo")))));
            }
        }
        io.leadtriage.ops.Metrics.stopListening(alerts);
        int wruPerUpdate = 2 * (int) Math.ceil(Math.max(1, largestItemBytes) / 1024.0);
        return new CounterWrites((double) updates.get() / WEIGHED_LEADS, largestItemBytes, wruPerUpdate,
                meter.use().writeUnits() / WEIGHED_LEADS);
    }

    /** The lead's unit of work, counting the counter items each stored write updates (two a cell, one a rule set). */
    static LeadUnitOfWork counting(LeadUnitOfWork store, java.util.concurrent.atomic.AtomicInteger updates) {
        return new LeadUnitOfWork() {
            public Optional<LeadRecord> findById(String leadId) {
                return store.findById(leadId);
            }

            public Optional<String> findLeadIdByEmail(String email) {
                return store.findLeadIdByEmail(email);
            }

            public Optional<io.leadtriage.app.ports.IdempotencyMarker> findMarker(String key) {
                return store.findMarker(key);
            }

            public Optional<String> findLeadIdByUnverifiedSubmission(String submissionId, Instant now) {
                return store.findLeadIdByUnverifiedSubmission(submissionId, now);
            }

            public SaveResult save(LeadWrite w) {
                SaveResult result = store.save(w);
                if (result == SaveResult.SAVED) {
                    updates.addAndGet(2 * w.counts().funnel().size() + w.counts().calibration().size());
                }
                return result;
            }
        };
    }

    private static void print(Read r) {
        System.out.printf("%n%s: %.1f ms (median of the rounds)%n  DynamoDB: %,.1f read units; calls: %s%n", r.what(),
                r.medianMillis(), r.use().readUnits(), r.use().describeCalls());
    }
}
