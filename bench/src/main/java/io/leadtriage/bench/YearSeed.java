package io.leadtriage.bench;

import io.leadtriage.adapters.dynamodb.CounterTotals;
import io.leadtriage.adapters.dynamodb.DynamoLeadUnitOfWork;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import io.leadtriage.adapters.dynamodb.LeadsTable;
import io.leadtriage.app.EraseLead;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.wiring.Services;
import io.leadtriage.wiring.Storage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A year of synthetic leads in an empty leads table, one of two ways, from the same plan: lead {@code i} of N comes at
 * {@code i/N} of 2026 by a form post (three forms, five UTM sources and eight campaigns, one of each left out, in turn;
 * 20 % hot, 40 % warm, 40 % cold), 8 % are won or lost nine days on, 0.4 % are erased. Each change goes through the
 * lead path's use cases ({@link LeadUpdates}, {@link RecordOutcome}, {@link EraseLead}) with the shipped model; the
 * sales alerts they plan wait for the dispatcher, as the scheduled passes' do (a send is the outbox's write, not the
 * lead's).
 * <ul>
 *   <li>{@link #throughTransactions}: as deployed, one TransactWriteItems a change ({@link DynamoLeadUnitOfWork#save}).
 *   <li>{@link #inBatches}: the same changes rendered by the same adapter ({@link DynamoLeadUnitOfWork#writesOf}) but not
 *   sent one by one: a lead's items are written with BatchWriteItem once it changes no more, and the counters' updates
 *   are added up in memory ({@link CounterTotals}) and written once a counter item at the end. Erasures go through the
 *   lead path once their leads are written. The items end the same (ReportsAtAYearTest compares both ways item by
 *   item); only the transactions' conditions, which guard against concurrent changes a seed does not make, are left out.
 * </ul>
 */
final class YearSeed {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");
    static final List<String> SOURCES = List.of("google", "linkedin", "facebook", "newsletter", "");
    static final List<String> CAMPAIGNS = List.of("spring-launch", "summer-webinar", "retargeting", "brand", "competitor",
            "ebook-q3", "black-friday", "");
    /** Threads that run the use cases (each with a clock of its own, each its own leads). */
    static final int SEED_THREADS = 2;
    /** Threads that send the batches: DynamoDB Local works on several at once. */
    static final int WRITE_THREADS = 4;
    /** BatchWriteItem's limit of items per call. */
    static final int BATCH = 25;
    static final int BATCH_ATTEMPTS = 10;
    static final Duration OUTCOME_AFTER = Duration.ofDays(9);

    private YearSeed() {
    }

    /** What a bulk load wrote. */
    record Loaded(long items, long batches, int counterItems, int erased) {
    }

    /** How a seed stores what the use cases change; one per seeding thread. */
    private interface Way {
        LeadUnitOfWork leads();

        /** The lead changes no more. */
        void settled(String leadId);

        /** Erase the lead (created at {@code at}, the clock's time now). */
        void erase(String leadId, Instant at);
    }

    /** Lead {@code i}'s id: the same on every run, so that two seeds of the same plan can be compared item by item. */
    static String leadId(String who, int i) {
        return UUID.nameUUIDFromBytes((who + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The outcome lead {@code i} gets nine days on, or null. */
    static String outcome(int i) {
        return i % 25 == 0 ? "won" : i % 25 == 3 ? "lost" : null;
    }

    static boolean erased(int i) {
        return outcome(i) == null && i % 250 == 7;
    }

    /** Every change through the lead path, one transaction each: as deployed. */
    static void throughTransactions(DynamoDbClient client, String table, int count) throws Exception {
        run(count, (clock, services) -> new Way() {
            public LeadUnitOfWork leads() {
                return services.storage().leads();
            }

            public void settled(String leadId) {
            }

            public void erase(String leadId, Instant at) {
                services.eraseLead().erase(leadId);
            }
        }, client, table);
    }

    /** The same changes rendered by the lead path's adapter and written in batches (see the class's comment). */
    static Loaded inBatches(DynamoDbClient client, String table, int count) throws Exception {
        List<String> keyNames = client.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName).toList();
        // The email index's key the seeding threads' services have: the lead path's items, to the HMAC.
        String emailIndexKey = TierPasses.services(client, table, AdjustableClock.startingAt(T0)).config().emailIndexKey();
        LeadsTable leadsTable = new LeadsTable(client, table, EmailIndex.keyedWith(emailIndexKey));
        DynamoLeadUnitOfWork adapter = new DynamoLeadUnitOfWork(leadsTable);
        CounterTotals counters = new CounterTotals();
        Map<String, Instant> toErase = new java.util.concurrent.ConcurrentHashMap<>();
        BatchWriter writer = new BatchWriter(client, table);
        try {
            run(count, (clock, services) -> {
                RenderedLeads leads = new RenderedLeads(adapter, counters, keyNames);
                return new Way() {
                    public LeadUnitOfWork leads() {
                        return leads;
                    }

                    public void settled(String leadId) {
                        writer.write(leads.settle(leadId));
                    }

                    public void erase(String leadId, Instant at) {
                        settled(leadId);
                        toErase.put(leadId, at);
                    }
                };
            }, client, table);
        } finally {
            writer.finish();
        }
        // Through the lead path, now that the leads are stored: each at its lead's time, as the plan has it.
        Storage storage = TierPasses.services(client, table, AdjustableClock.startingAt(T0)).storage();
        toErase.forEach((leadId, at) -> new EraseLead(storage.erasure(), storage.accounts(), AdjustableClock.startingAt(at))
                .erase(leadId));
        counters.addTo(leadsTable);
        return new Loaded(writer.items.get(), writer.batches.get(), counters.items(), toErase.size());
    }

    /** Runs the plan on {@link #SEED_THREADS} threads, thread t taking leads t, t + threads, …, in their order. */
    private static void run(int count, java.util.function.BiFunction<AdjustableClock, Services, Way> ways,
                            DynamoDbClient client, String table) throws Exception {
        Duration step = Duration.between(T0, YEAR_END).dividedBy(count);
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    AdjustableClock clock = AdjustableClock.startingAt(T0);
                    Services services = TierPasses.services(client, table, clock);
                    Way way = ways.apply(clock, services);
                    // Leads' changes only: the alerts they plan wait for the dispatcher (see the class's comment).
                    LeadUpdates updates = new LeadUpdates(way.leads(), services.models(), clock, applied -> { });
                    RecordOutcome outcomes = new RecordOutcome(updates);
                    // Outcomes due nine days after their lead, recorded once this thread's clock gets there.
                    ArrayDeque<Due> due = new ArrayDeque<>();
                    for (int i = thread; i < count; i += SEED_THREADS) {
                        Instant at = T0.plus(step.multipliedBy(i));
                        while (!due.isEmpty() && !due.peek().at().isAfter(at)) {
                            record(due.poll(), clock, outcomes, way);
                        }
                        clock.advance(Duration.between(clock.instant(), at));
                        String id = seedOne(updates, i, "lead").id();
                        if (outcome(i) != null) {
                            due.add(new Due(id, outcome(i), at.plus(OUTCOME_AFTER)));
                        } else if (erased(i)) {
                            way.erase(id, at);
                        } else {
                            way.settled(id);
                        }
                        if (i > 0 && i % 50_000 == 0) {
                            System.err.printf("  seeded %,d at %s%n", i, Instant.now());
                        }
                    }
                    while (!due.isEmpty()) {
                        record(due.poll(), clock, outcomes, way);
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

    private record Due(String leadId, String outcome, Instant at) {
    }

    private static void record(Due due, AdjustableClock clock, RecordOutcome outcomes, Way way) {
        clock.advance(Duration.between(clock.instant(), due.at()));
        outcomes.record(due.leadId(), due.outcome());
        way.settled(due.leadId());
    }

    /**
     * Lead {@code i}: hot (a demo request, starting now), warm (a download, a planned budget) or cold, by turns.
     *
     * @param who the address's local part before the number: each set of leads its own addresses and ids
     */
    static LeadRecord seedOne(LeadUpdates updates, int i, String who) {
        String id = leadId(who, i);
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
     * The lead's unit of work of a bulk load into an empty table: the leads being seeded in memory, each change
     * rendered by the DynamoDB adapter into the writes of its transaction, applied here to the lead's items still to
     * write (a put replaces, a delete takes back), its counts added to the totals. A seed finds leads by id only.
     */
    static final class RenderedLeads implements LeadUnitOfWork {
        private final DynamoLeadUnitOfWork adapter;
        private final CounterTotals counters;
        private final List<String> keyNames;
        private final Map<String, LeadRecord> leads = new HashMap<>();
        private final Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> unwritten = new HashMap<>();

        RenderedLeads(DynamoLeadUnitOfWork adapter, CounterTotals counters, List<String> keyNames) {
            this.adapter = adapter;
            this.counters = counters;
            this.keyNames = keyNames;
        }

        @Override
        public Optional<LeadRecord> findById(String leadId) {
            return Optional.ofNullable(leads.get(leadId));
        }

        @Override
        public Optional<String> findLeadIdByEmail(String email) {
            throw new UnsupportedOperationException("a seed finds its leads by id");
        }

        @Override
        public Optional<IdempotencyMarker> findMarker(String key) {
            throw new UnsupportedOperationException("a seed's changes have no idempotency key");
        }

        @Override
        public Optional<String> findLeadIdByUnverifiedSubmission(String submissionId, Instant now) {
            throw new UnsupportedOperationException("a seed's submissions are verified");
        }

        @Override
        public SaveResult save(LeadWrite write) {
            LeadRecord known = leads.get(write.lead().id());
            if (write.expectedVersion() != (known == null ? 0 : known.version())) {
                return SaveResult.CONFLICT;
            }
            DynamoLeadUnitOfWork.ChangeWrites writes = adapter.writesOf(write);
            if (writes.marker() != null) {
                throw new UnsupportedOperationException("a seed's changes have no idempotency key");
            }
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items =
                    unwritten.computeIfAbsent(write.lead().id(), id -> new LinkedHashMap<>());
            for (TransactWriteItem w : writes.lead()) {
                if (w.put() != null) {
                    items.put(keyOf(w.put().item()), w.put().item());
                } else if (w.delete() != null) {
                    // The table is empty but for what this seed wrote: an item not put yet is not there.
                    items.remove(keyOf(w.delete().key()));
                } else {
                    throw new IllegalStateException("a lead change wrote neither a put nor a delete: " + w);
                }
            }
            counters.add(write.counts());
            leads.put(write.lead().id(), write.lead());
            return SaveResult.SAVED;
        }

        /** The lead's items to write, now that it changes no more; the lead leaves memory. */
        Collection<Map<String, AttributeValue>> settle(String leadId) {
            leads.remove(leadId);
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = unwritten.remove(leadId);
            return items == null ? List.of() : items.values();
        }

        private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new HashMap<>();
            keyNames.forEach(name -> key.put(name, item.get(name)));
            return key;
        }
    }

    /**
     * Items written with BatchWriteItem, {@value #BATCH} a call, on {@link #WRITE_THREADS} threads; the items DynamoDB
     * leaves unprocessed are sent again after a pause. At most a few batches wait, so memory stays flat.
     */
    static final class BatchWriter {
        private final DynamoDbClient client;
        private final String table;
        private final ExecutorService pool = Executors.newFixedThreadPool(WRITE_THREADS);
        private final Semaphore waiting = new Semaphore(WRITE_THREADS * 4);
        private final List<WriteRequest> next = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger items = new AtomicInteger();
        final AtomicInteger batches = new AtomicInteger();

        BatchWriter(DynamoDbClient client, String table) {
            this.client = client;
            this.table = table;
        }

        synchronized void write(Collection<Map<String, AttributeValue>> puts) {
            for (Map<String, AttributeValue> item : puts) {
                next.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                if (next.size() == BATCH) {
                    send();
                }
            }
        }

        private void send() {
            if (failure.get() != null) {
                throw new IllegalStateException("a batch of the seed failed", failure.get());
            }
            List<WriteRequest> batch = List.copyOf(next);
            next.clear();
            waiting.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    writeBatch(batch);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    waiting.release();
                }
            });
        }

        private void writeBatch(List<WriteRequest> batch) throws InterruptedException {
            Map<String, List<WriteRequest>> asked = Map.of(table, batch);
            for (int attempt = 1; !asked.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException("items still unprocessed after " + BATCH_ATTEMPTS + " attempts");
                }
                Map<String, List<WriteRequest>> request = asked;
                BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(request));
                batches.incrementAndGet();
                asked = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!asked.isEmpty()) {
                    Thread.sleep(Math.min(1000, 25L << attempt));
                }
            }
            items.addAndGet(batch.size());
        }

        /** Sends what is left and waits for every batch. */
        void finish() throws InterruptedException {
            synchronized (this) {
                if (!next.isEmpty()) {
                    send();
                }
            }
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("the seed's batches did not finish within an hour");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a batch of the seed failed", failure.get());
            }
        }
    }
}
