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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
 * over a year by {@link YearSeed} (forms, UTM sources and campaigns, hot, warm and cold, some won, lost or erased; the
 * lead path's items, written in batches, or with {@code -Dbench.yearSeed=transactions} one transaction a change), then,
 * through a client that meters every call: the funnel of the year (read from the counters), the same funnel by a scan
 * of every lead (the way it was read before the counters, and the check that both agree), the breakdowns, calibration,
 * and the CSV export of the year page by page. Last, what the counters add to a lead's writes: the same leads stored
 * with and without them. A benchmark, not a test: {@code mvn -q -B -DskipTests -Pbench -Dbench=ReportsAtAYear
 * -Dbench.yearLeads=120000 -pl bench -am package}.
 */
public final class ReportsAtAYear {
    static final Instant T0 = YearSeed.T0;
    static final Instant YEAR_END = YearSeed.YEAR_END;
    static final int ROUNDS = 5;
    /** The shards of a month's funnel counters (TableKeys.SHARDS). */
    static final int COUNTER_SHARDS = 4;
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

    /** How the year was seeded: in batches, or through transactions, one a change. */
    enum Seed {
        BATCHES, TRANSACTIONS
    }

    /**
     * @param loaded     what the seed in batches wrote; null for the seed through transactions
     * @param heapUsedMb the JVM's heap in use once seeded
     * @param residentMb the process's resident memory once seeded: DynamoDB Local's in-memory tables are SQLite's, off
     *                   the heap; -1 where /proc does not say
     */
    record Result(int leads, int stored, double seedSeconds, YearSeed.Loaded loaded, long heapUsedMb, long residentMb,
                  Read funnel, Read scan, boolean scanAgrees, List<Read> others, Export export, CounterWrites writes, int counterItems) {
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.parseInt(System.getProperty("bench.yearLeads", "24000"));
        Log.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        io.leadtriage.ops.Metrics.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        Seed seed = Seed.valueOf(System.getProperty("bench.yearSeed", "batches").toUpperCase(java.util.Locale.ROOT));
        Result r = measure(leads, seed);
        System.out.printf("Seeded %,d leads over 2026 (%,d stored after erasures) %s in %.1f s (%,.0f leads/s; not measured);"
                        + " %,d counter items.%n", r.leads(), r.stored(), seed == Seed.BATCHES ? "in batches"
                        : "through transactions, one a change", r.seedSeconds(), r.leads() / r.seedSeconds(), r.counterItems());
        if (r.loaded() != null) {
            System.out.printf("  %,d items in %,d BatchWriteItem calls, %,d erasures through the lead path, %,d counter items"
                    + " updated once each.%n", r.loaded().items(), r.loaded().batches(), r.loaded().erased(),
                    r.loaded().counterItems());
        }
        System.out.printf("  Once seeded: JVM heap in use %,d MB of %,d MB; process resident %,d MB.%n", r.heapUsedMb(),
                Runtime.getRuntime().maxMemory() >> 20, r.residentMb());
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
        return measure(leads, Seed.BATCHES);
    }

    static Result measure(int leads, Seed how) throws Exception {
        SamTemplate template = SamTemplate.read(SamTemplate.locate());
        try (DynamoDbLocal dynamo = BenchStack.quietDynamoDb()) {
            DynamoDbClient plain = dynamo.client();
            DynamoDbLocal.createTables(plain, template);
            DynamoDbMeter meter = new DynamoDbMeter();
            DynamoDbClient metered = TierPasses.metered(dynamo, meter);
            String table = template.tables().get(0).tableName();

            long seedStart = System.nanoTime();
            YearSeed.Loaded loaded = null;
            if (how == Seed.BATCHES) {
                loaded = YearSeed.inBatches(plain, table, leads);
            } else {
                YearSeed.throughTransactions(plain, table, leads);
            }
            double seedSeconds = TierPasses.seconds(System.nanoTime() - seedStart);
            System.err.printf("  seeded in %.1f s: %s%n", seedSeconds, loaded);
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long heapUsedMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
            long residentMb = residentMb();

            AdjustableClock clock = AdjustableClock.startingAt(YEAR_END.plus(Duration.ofDays(1)));
            Services services = TierPasses.services(metered, table, clock);
            services.models().refreshNow();
            ReportOnLeads reports = services.reportOnLeads();
            ReportOnLeads.Period year = reports.period(T0, YEAR_END);

            Read funnel = read("Funnel of the year, from the counters", meter, () -> reports.funnel(year));
            FunnelReport[] scanned = new FunnelReport[1];
            Read scan = read("The same funnel by a scan of every lead (before the counters)", meter, 1,
                    () -> scanned[0] = scanFunnel(services, year));
            boolean agrees = reports.funnel(year).report().equals(scanned[0]);
            List<Read> others = new ArrayList<>();
            for (ReportOnLeads.Breakdown by : ReportOnLeads.Breakdown.values()) {
                others.add(read("Funnel of the year by " + by.wireName(), meter, () -> reports.funnelBy(by, year)));
            }
            others.add(read("Calibration (two years of outcomes)", meter, reports::calibration));
            Export export = export(services.exportLeads(), year, meter);
            int stored = export.rows();
            List<Map<String, AttributeValue>> counters = counterItems(plain, table);
            int largest = counters.stream().mapToInt(ItemSizes::size).max().orElse(0);
            CounterWrites writes = weighWrites(metered, meter, table, largest);
            return new Result(leads, stored, seedSeconds, loaded, heapUsedMb, residentMb, funnel, scan, agrees, others, export,
                    writes, counters.size());
        }
    }

    /**
     * The funnel's counter items of the year: a Query of each month's shard partitions ({@code COUNTS#{yyyy-MM}#{shard}},
     * the layout CounterItems describes). A filtered Scan of the whole table would read every lead's items too, and at
     * a hundred thousand leads DynamoDB Local takes longer than the client waits for a page.
     */
    static List<Map<String, AttributeValue>> counterItems(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (YearMonth month = YearMonth.from(T0.atOffset(ZoneOffset.UTC)); month.isBefore(
                YearMonth.from(YEAR_END.atOffset(ZoneOffset.UTC))); month = month.plusMonths(1)) {
            for (int shard = 0; shard < COUNTER_SHARDS; shard++) {
                String partition = "COUNTS#" + month + "#" + shard;
                client.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))).items().forEach(items::add);
            }
        }
        return items;
    }

    /** The process's resident set (VmRSS), in MB; -1 where /proc does not say. */
    static long residentMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
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
        // As it goes, so that a long run that fails later still tells what it measured.
        System.err.printf("  measured %s: %.1f ms (median), %s%n", what, millis[rounds / 2], use.describeCalls());
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
        Export measured = new Export(pages, rows, TierPasses.seconds(System.nanoTime() - start), slowest, meter.use());
        System.err.printf("  measured the export: %s%n", measured);
        return measured;
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
            LeadRecord lead = YearSeed.seedOne(services.leadUpdates(), i + 1, "weighed");
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
