package io.leadtriage.bench;

import io.leadtriage.app.Budget;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ReviewTiers;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.admin.DryRunModel;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Tier;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.LocalClients;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two passes over many leads, on DynamoDB Local in this JVM (tables from template.yaml), through a client that
 * meters every call: the tier review over N leads all due (one pass run to completion, as the 15-minute runs would
 * take it in turns), and a model's dry run over the same N stored leads, request after request with its cursor and
 * the admin API's 20 s per request. It prints time, leads per second, and DynamoDB calls and units per operation.
 * A benchmark, not a test: {@code mvn -q -B -DskipTests -Pbench -Dbench=TierPasses -Dbench.leads=100000 -pl bench
 * -am package} (N defaults to 100,000).
 */
public final class TierPasses {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String API = "https://api.leadtriage.example";
    /** Seeding writes on this many threads (not measured). */
    static final int SEED_THREADS = 2;

    private TierPasses() {
    }

    /**
     * What one pass measured.
     *
     * @param leads  leads the pass took (reviewed, or examined by the dry run)
     * @param chunks index pages (the review) or requests (the dry run)
     */
    record Figures(int leads, int chunks, long nanos, DynamoDbMeter.Use use) {
        double seconds() {
            return TierPasses.seconds(nanos);
        }
    }

    /** Both passes' figures, and how long seeding took. */
    record Result(long seedNanos, Figures review, Figures dryRun) {
    }

    public static void main(String[] args) throws Exception {
        int leads = Integer.parseInt(System.getProperty("bench.leads", "100000"));
        // The use cases log a line per lead changed; here they would bury the figures.
        Log.redirectTo(new PrintStream(OutputStream.nullOutputStream()));
        Result result = measure(leads);
        System.out.printf("Seeded %,d warm leads (a download and a planned budget: 20 points) in %.1f s (not measured).%n",
                leads, seconds(result.seedNanos()));
        print("Tier review pass, 60 days on: every lead due (warm → cold), one pass to the end",
                result.review(), result.review().chunks() + " index pages");
        System.out.printf("  A run stops 20 s before its 300 s timeout: %d run(s) of the 15-minute schedule at this rate.%n",
                (long) Math.ceil(result.review().seconds() / 280.0));
        print("Model dry run over every stored lead (all would move cold → warm)", result.dryRun(),
                result.dryRun().chunks() + " request(s) of at most 20 s");
    }

    /** Seeds {@code leads} leads in a fresh DynamoDB Local, then runs and meters both passes over them. */
    static Result measure(int leads) throws Exception {
        SamTemplate template = SamTemplate.read(SamTemplate.locate());
        try (DynamoDbLocal dynamo = BenchStack.quietDynamoDb()) {
            DynamoDbClient plain = dynamo.client();
            DynamoDbLocal.createTables(plain, template);
            DynamoDbMeter meter = new DynamoDbMeter();
            DynamoDbClient metered = TierPasses.metered(dynamo, meter);
            AdjustableClock clock = AdjustableClock.startingAt(T0);
            String table = template.tables().get(0).tableName();

            long seedStart = System.nanoTime();
            seed(services(plain, table, clock), leads);
            long seedNanos = System.nanoTime() - seedStart;

            clock.advance(Duration.ofDays(60));
            Services measured = services(metered, table, clock);
            measured.models().refreshNow();
            meter.reset();
            long start = System.nanoTime();
            ReviewTiers.Pass pass = measured.reviewTiers().reviewDue(Budget.leads(Integer.MAX_VALUE));
            Figures review = new Figures(pass.reviewed(), pass.pages(), System.nanoTime() - start, meter.use());
            if (pass.reviewed() != leads) {
                throw new IllegalStateException("the review pass reviewed " + pass.reviewed() + " of " + leads + " due leads");
            }

            // A candidate that moves every (now cold, 10-point) lead: warm from 10 points.
            String candidate = ModelLoader.defaultText().replace("warm: { min: 20, max: 49 }\n  cold: { max: 19 }",
                    "warm: { min: 10, max: 49 }\n  cold: { max: 9 }");
            meter.reset();
            start = System.nanoTime();
            DryRunModel.Tally tally;
            String cursor = null;
            int requests = 0;
            do {
                tally = measured.dryRunModel().run(candidate, cursor, Budget.forMillis(20_000, System::nanoTime));
                cursor = tally.cursor();
                requests++;
            } while (cursor != null);
            Figures dryRun = new Figures((int) tally.examined(), requests, System.nanoTime() - start, meter.use());
            if (tally.examined() != leads || tally.tierChanges() != leads) {
                throw new IllegalStateException("the dry run examined " + tally.examined() + " and moved "
                        + tally.tierChanges() + " of " + leads + " leads");
            }
            return new Result(seedNanos, review, dryRun);
        }
    }

    /** A client of DynamoDB Local whose every call {@code meter} meters. */
    static DynamoDbClient metered(DynamoDbLocal dynamo, DynamoDbMeter meter) {
        return DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(LocalClients.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
    }

    /** The services on the table, with the shipped model, a fixed key for the email index, and no mail going anywhere. */
    static Services services(DynamoDbClient client, String table, AdjustableClock clock) {
        AppConfig config = new AppConfig(table, List.of("http://localhost:3000"),
                SigningKeys.of("benchmark-signing-key-0123456789abcdef0123456789"), "us-east-1", null,
                EmailSettings.local(API), List.of(), null, AbuseLimits.NONE, HumanCheckSettings.NONE,
                "benchmark-email-index-key-0123456789abcdef");
        EmailSender nowhere = email -> "not-sent";
        return new Services(config, clock, client, nowhere);
    }

    /** {@code count} warm leads stored through the one lead-change path, as a form post would store them. */
    static void seed(Services services, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        LeadRecord stored = seedOne(services.leadUpdates(), i);
                        if (i == 0 && (stored.qualification().tier() != Tier.WARM || stored.reviewTierAt() == null)) {
                            throw new IllegalStateException("a seeded lead is not a warm lead that fades: " + stored.qualification());
                        }
                        if ((i + 1) % 10_000 == 0) {
                            System.err.printf("  seeded %,d%n", i + 1);
                        }
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

    private static LeadRecord seedOne(LeadUpdates updates, int i) {
        String id = UUID.randomUUID().toString();
        return updates.apply(LeadUpdates.Lookup.byId(id), null, (current, now) -> Optional.of(new LeadUpdates.Draft(
                LeadRecord.fresh(new Lead(id, "lead" + i + "@acme-analytics.io", Answers.of(Map.of("budget", "planned")),
                        List.of(Signal.fromForm(SignalType.RESOURCE_DOWNLOAD, "ebook", now))), now, Map.of("formId", "ebook"), API),
                List.of(new TimelineEntry(now, TimelineEntry.FORM_SUBMITTED, "ebook"))))).after();
    }

    private static void print(String what, Figures f, String chunks) {
        DynamoDbMeter.Use use = f.use();
        System.out.printf("%n%s: %,d leads, %s%n", what, f.leads(), chunks);
        System.out.printf("  time %.1f s, %,.0f leads/s%n", f.seconds(), f.leads() / f.seconds());
        System.out.printf("  DynamoDB: %,.1f read units, %,.1f write units (%,.1f of them to indexes); per lead %.2f RRU, %.2f WRU%n",
                use.readUnits(), use.writeUnits(), use.indexWriteUnits(), use.readUnits() / f.leads(), use.writeUnits() / f.leads());
        System.out.printf("  calls: %s%n", use.describeCalls());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
