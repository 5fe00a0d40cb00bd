package io.leadtriage.app;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts on DynamoDB Local under concurrent submissions from one company: four Lambda containers (each its own
 * Services, one table) take twenty sign-ups from acme-robotics.com at once; every lead lands in the account (no lost
 * update), and the account, hot while none of its leads is, alerts sales exactly once.
 */
class AccountRollUpTest {
    static final int CONTAINERS = 4;
    static final int LEADS_EACH = 5;

    @Test
    void concurrentSignUpsFromOneCompanyAllLandInItsAccountWhichAlertsOnce() throws Exception {
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        MailCatcher mail = new MailCatcher(clock);
        String table = DynamoBackend.freshTable("accounts");
        Path model = Files.createTempFile("accounts-model", ".yaml");
        model.toFile().deleteOnExit();
        Files.writeString(model, TestModels.withAccounts());
        List<Services> containers = IntStream.range(0, CONTAINERS)
                .mapToObj(i -> TestServices.create(clock, mail, table, TestServices.ADMIN_TOKEN, model.toString())).toList();

        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int c = 0; c < CONTAINERS; c++) {
                FormHandler forms = new FormHandler(containers.get(c));
                int container = c;
                runs.add(pool.submit(() -> {
                    go.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < LEADS_EACH; i++) {
                        ids.add(FormPosts.submit(forms, "newsletter", Map.of("email",
                                "person" + container + "-" + i + "@acme-robotics.com", "name", "Person " + container + i)));
                    }
                    return ids;
                }));
            }
            go.countDown();
            List<String> leadIds = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                leadIds.addAll(run.get());
            }

            Account account = containers.get(0).storage().accounts().find("acme-robotics.com").orElseThrow();
            assertThat(account.members()).extracting(AccountMember::leadId).containsExactlyInAnyOrderElementsOf(leadIds);
            assertThat(account.anyLeadHot()).isFalse();
            assertThat(account.hotSince()).isNotNull();
            List<OutgoingEmail> accountAlerts = mail.caught().stream().map(MailCatcher.CaughtEmail::email)
                    .filter(e -> e.subject().startsWith("Hot account: acme-robotics.com")).toList();
            assertThat(accountAlerts).as("one alert for the account's hot episode").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
