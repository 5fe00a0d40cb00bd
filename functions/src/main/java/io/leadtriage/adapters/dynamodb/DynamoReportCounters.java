package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.reports.Tally;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static io.leadtriage.adapters.dynamodb.TableKeys.CURSOR;
import static io.leadtriage.adapters.dynamodb.TableKeys.EXAMINED;
import static io.leadtriage.adapters.dynamodb.TableKeys.FINISHED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.HOLDER;
import static io.leadtriage.adapters.dynamodb.TableKeys.LEASE_UNTIL;
import static io.leadtriage.adapters.dynamodb.TableKeys.STARTED_AT;

/**
 * The report counters on the leads table ({@link CounterItems} says where they are): a month of funnel counts is one
 * query per shard, whatever the number of leads.
 */
public final class DynamoReportCounters implements ReportCounters {
    private final LeadsTable table;

    public DynamoReportCounters(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Map<LocalDate, Tally> funnelByDay(LocalDate from, LocalDate to) {
        return daily(from, to, TableKeys.COUNTS_DAY,
                (month, sk) -> month.atDay(Integer.parseInt(sk.substring(TableKeys.COUNTS_DAY.length()))), day -> day);
    }

    @Override
    public Map<Cohort, Tally> funnelByMonth(YearMonth from, YearMonth to) {
        return monthly(from, to, TableKeys.COUNTS_CELL, (month, cell) -> {
            String[] labels = cell.split("#", 3);
            return new Cohort(month.atDay(1), labels[0], labels[1], labels[2]);
        });
    }

    @Override
    public Map<EmailStep, Tally> emailsByDay(LocalDate from, LocalDate to) {
        return daily(from, to, TableKeys.COUNTS_EMAIL, TableKeys::emailStepOf, EmailStep::day);
    }

    /**
     * The counts of the days [from, to] whose items' sort keys start with {@code prefix}, their shards added up, by the
     * key {@code keyOf} makes of the month and the sort key ({@code dayOf} its day; an item it makes none of is left
     * out).
     */
    private <K> Map<K, Tally> daily(LocalDate from, LocalDate to, String prefix, BiFunction<YearMonth, String, K> keyOf,
                                    java.util.function.Function<K, LocalDate> dayOf) {
        Map<K, Tally> counts = new HashMap<>();
        if (!from.isBefore(to)) {
            return counts;
        }
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to.minusDays(1))); month = month.plusMonths(1)) {
            for (Map<String, AttributeValue> item : monthItems(month, prefix)) {
                K key = keyOf.apply(month, item.get(TableKeys.SK).s());
                if (key != null && !dayOf.apply(key).isBefore(from) && dayOf.apply(key).isBefore(to)) {
                    counts.merge(key, CounterItems.counts(item), Tally::plus);
                }
            }
        }
        return counts;
    }

    /**
     * The counts of the months [from, to] whose items' sort keys start with {@code prefix}, their shards added up, by
     * the key {@code keyOf} makes of the month and the rest of the sort key.
     */
    private <K> Map<K, Tally> monthly(YearMonth from, YearMonth to, String prefix, BiFunction<YearMonth, String, K> keyOf) {
        Map<K, Tally> counts = new HashMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            for (Map<String, AttributeValue> item : monthItems(month, prefix)) {
                counts.merge(keyOf.apply(month, item.get(TableKeys.SK).s().substring(prefix.length())),
                        CounterItems.counts(item), Tally::plus);
            }
        }
        return counts;
    }

    /** The items of a month's counters whose sort key starts with {@code prefix}, from every shard. */
    private List<Map<String, AttributeValue>> monthItems(YearMonth month, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int shard = 0; shard < TableKeys.SHARDS; shard++) {
            items.addAll(table.queryAll(QueryRequest.builder()
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                    .expressionAttributeValues(Map.of(":pk", LeadItems.s(TableKeys.countsPartition(month, shard)),
                            ":prefix", LeadItems.s(prefix)))
                    .build()));
        }
        return items;
    }

    @Override
    public Map<RuleSet, Tally> calibration(YearMonth from, YearMonth to) {
        Map<RuleSet, Tally> sets = new HashMap<>();
        table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                        .expressionAttributeValues(Map.of(":pk", LeadItems.s(TableKeys.calibrationPartition()),
                                ":from", LeadItems.s(from + "#"), ":to", LeadItems.s(to + "#~")))
                        .build())
                .forEach(item -> {
                    YearMonth month = YearMonth.parse(item.get(TableKeys.SK).s().substring(0, 7));
                    List<String> rules = item.get(TableKeys.RULES).l().stream().map(AttributeValue::s).toList();
                    sets.merge(new RuleSet(month, rules), CounterItems.counts(item), Tally::plus);
                });
        return sets;
    }

    @Override
    public boolean count(LeadRecord read) {
        CountChange change = CountChange.of(read);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeUpdate(TableKeys.profileKey(read.id()), u -> u
                // The version moves: a change that read the lead uncounted must read it again, or it would count it twice.
                .updateExpression("SET #counted = :yes, #v = #v + :one")
                .conditionExpression("#v = :read AND attribute_not_exists(#counted)")
                .expressionAttributeNames(Map.of("#counted", TableKeys.COUNTED, "#v", TableKeys.VERSION))
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":one", LeadItems.n(1),
                        ":read", LeadItems.n(read.version())))));
        writes.addAll(CounterItems.writes(table, change));
        return table.transact(writes).isEmpty();
    }

    @Override
    public boolean countMessage(SentMessage read, CountChange figures) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.writeUpdate(TableKeys.messageKey(read.leadId(), read.sendId()), u -> u
                .updateExpression("SET #backfilled = :yes")
                .conditionExpression(LeadsTable.ITEM_EXISTS + " AND attribute_not_exists(#backfilled)")
                .expressionAttributeNames(Map.of("#backfilled", TableKeys.BACKFILLED))
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))));
        writes.addAll(CounterItems.writes(table, figures));
        return table.transactIfFirstHolds(writes, read.leadId(), DynamoMessageLog.TRIES);
    }

    @Override
    public Optional<Backfill> backfill() {
        return table.get(TableKeys.countsBackfillKey()).map(DynamoReportCounters::backfill);
    }

    @Override
    public boolean startBackfill(Instant now, Instant emailsBefore) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.countsBackfillKey());
        item.put(STARTED_AT, LeadItems.s(now.toString()));
        item.put(EXAMINED, LeadItems.n(0));
        item.put(TableKeys.COUNTED_LEADS, LeadItems.n(0));
        item.put(TableKeys.EMAILS_BEFORE, LeadItems.s(emailsBefore.toString()));
        item.put(TableKeys.COUNTED_EMAILS, LeadItems.n(0));
        return table.transact(List.of(table.writePut(item, put -> put
                .conditionExpression(LeadsTable.ITEM_ABSENT + " OR attribute_exists(#finished)")
                .expressionAttributeNames(Map.of("#finished", FINISHED_AT))))).isEmpty();
    }

    @Override
    public Optional<Backfill> claimBackfill(String holder, Instant now, Instant leaseUntil) {
        return table.claimLease(TableKeys.countsBackfillKey(), holder, now, leaseUntil).map(DynamoReportCounters::backfill);
    }

    @Override
    public boolean recordBackfill(Backfill progress, String holder, Instant leaseUntil) {
        Map<String, String> names = new HashMap<>(Map.of("#holder", HOLDER, "#lease", LEASE_UNTIL, "#finished", FINISHED_AT,
                "#examined", EXAMINED, "#counted", TableKeys.COUNTED_LEADS, "#cursor", CURSOR, "#emails", TableKeys.COUNTED_EMAILS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":until", LeadItems.n(leaseUntil.toEpochMilli()),
                ":holder", LeadItems.s(holder), ":examined", LeadItems.n(progress.examined()),
                ":counted", LeadItems.n(progress.counted()), ":emails", LeadItems.n(progress.emails())));
        List<String> sets = new ArrayList<>(List.of("#lease = :until", "#examined = :examined", "#counted = :counted",
                "#emails = :emails"));
        if (progress.cursor() != null) {
            values.put(":cursor", LeadItems.s(progress.cursor()));
            sets.add("#cursor = :cursor");
        }
        if (progress.finishedAt() != null) {
            values.put(":finished", LeadItems.s(progress.finishedAt().toString()));
            sets.add("#finished = :finished");
        }
        return table.updateIf(update -> update.key(TableKeys.countsBackfillKey())
                .updateExpression("SET " + String.join(", ", sets) + (progress.cursor() == null ? " REMOVE #cursor" : ""))
                .conditionExpression("#holder = :holder AND attribute_not_exists(#finished)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).isPresent();
    }

    private static Backfill backfill(Map<String, AttributeValue> item) {
        return new Backfill(Instant.parse(item.get(STARTED_AT).s()),
                item.containsKey(FINISHED_AT) ? Instant.parse(item.get(FINISHED_AT).s()) : null,
                item.containsKey(CURSOR) ? item.get(CURSOR).s() : null,
                Long.parseLong(item.get(EXAMINED).n()), Long.parseLong(item.get(TableKeys.COUNTED_LEADS).n()),
                item.containsKey(TableKeys.EMAILS_BEFORE) ? Instant.parse(item.get(TableKeys.EMAILS_BEFORE).s()) : null,
                item.containsKey(TableKeys.COUNTED_EMAILS) ? Long.parseLong(item.get(TableKeys.COUNTED_EMAILS).n()) : 0);
    }
}
