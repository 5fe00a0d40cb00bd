package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.Budget;
import io.leadtriage.app.CountStoredLeads;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Storage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.message;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack that ran the email figures' first version holds monthly {@code EMAIL#{sequenceId}#{step}} items (a month's
 * nurture sends of one step, with no day): the reports leave them out, and the backfill counts those sends again, by
 * day, from the messages, once.
 */
class DynamoLegacyEmailCountsTest {
    static final LocalDate DAY = LocalDate.ofInstant(T0, ZoneOffset.UTC);

    private String table;
    private Storage storage;

    @BeforeEach
    void emptyTable() {
        table = DynamoBackend.freshTable("legacy");
        storage = Storage.dynamo(DynamoBackend.client(), table, EmailIndex.keyedWith(TestServices.EMAIL_INDEX_KEY));
    }

    /** A warm lead's welcome sent at T0 as the first version sent it: counted only in its month's item. */
    private LeadRecord welcomeSentByTheFirstVersion() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        saved(storage, lead, welcome);
        storage.outbox().sent(storage.outbox().claim(welcome, T0, Duration.ofMinutes(1)).orElseThrow(),
                message(lead.id(), "welcome-1", T0), null, null,
                new TimelineEntry(T0, TimelineEntry.EMAIL_SENT, "nurture warm step 1 (welcome) sent"), null);
        Map<String, AttributeValue> legacy = new HashMap<>(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.countsPartition(YearMonth.from(DAY), TableKeys.shardOf(lead.id()))),
                TableKeys.SK, AttributeValue.fromS(TableKeys.COUNTS_EMAIL + "warm#0"),
                EmailStep.SENT, AttributeValue.fromN("1")));
        DynamoBackend.client().putItem(r -> r.tableName(table).item(legacy));
        return lead;
    }

    @Test
    void theReportsLeaveTheFirstVersionsItemsOutAndTheBackfillCountsTheirSendsOnce() {
        welcomeSentByTheFirstVersion();
        assertThat(storage.counters().emailsByDay(DAY.withDayOfMonth(1), DAY.plusMonths(1))).isEmpty();

        CountStoredLeads backfill = new CountStoredLeads(storage.queries(), storage.messages(), storage.counters(),
                Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        backfill.start();
        assertThat(backfill.continueBackfill(Budget.leads(1000)).orElseThrow().progress().emails()).isEqualTo(1);
        backfill.start();
        backfill.continueBackfill(Budget.leads(1000));

        assertThat(storage.counters().emailsByDay(DAY.withDayOfMonth(1), DAY.plusMonths(1))).containsOnly(
                Map.entry(new EmailStep(DAY, EmailStep.NURTURE, "warm", 0), new Tally(Map.of(EmailStep.SENT, 1L))));
    }
}
