package io.leadtriage.app.accounts;

import io.leadtriage.TestModels;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.RecordingEmailSender;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts on the in-memory ports: every stored change puts the lead's share of its company's account; an account
 * that turns hot while none of its leads is alerts sales once, through the outbox (a failed send or a function that
 * dies after marking the account hot still alerts); a hot lead's alert names its colleagues; erasure takes a lead out
 * of its account; free-mail leads form none.
 */
class RollUpAccountTest {
    static final String ACME = "acme-robotics.com";
    /** Leads of one company arriving one after another: form, address, answers. */
    static final String[][] ARRIVALS = {{"get-started", "dana@acme-robotics.com", "name=Dana; role=decision_maker; budget=approved"},
            {"ebook", "eli@acme-robotics.com", "name=Eli"}, {"webinar", "fay@acme-robotics.com", "name=Fay"},
            {"newsletter", "gus@acme-robotics.com", "name=Gus"}};

    final CoreFlow flow = CoreFlow.start();

    RollUpAccountTest() {
        flow.services().changeModel().put(TestModels.withAccounts(), null);
    }

    Account acme() {
        return flow.storage().accounts().find(ACME).orElseThrow();
    }

    List<OutgoingEmail> accountAlerts() {
        return flow.mail().sent().stream().filter(e -> e.subject().startsWith("Hot account:")).toList();
    }

    @ParameterizedTest(name = "{0} leads arrived: account at {1}, {2} account alert(s)")
    @CsvSource({
            // dana (30 fit), then eli (+10 download), fay (+10 webinar), gus (+5 newsletter)
            "1, 30, 0",
            "2, 40, 0",
            "3, 50, 1",
            "4, 55, 1"})
    void peopleFromOneCompanyMakeAHotAccountThoughNoneIsHotAndSalesHearsOnce(int arrived, int score, int alerts) {
        for (int i = 0; i < arrived; i++) {
            flow.submit(ARRIVALS[i][0], ARRIVALS[i][1], TableFields.of(ARRIVALS[i][2]));
        }

        Account.Verdict verdict = acme().verdictAt(CoreFlow.START, TestModels.defaultModel().tiers(),
                TestModels.defaultModel().behaviour().halfLife());
        assertThat(verdict.score()).isEqualTo(score);
        assertThat(acme().anyLeadHot()).isFalse();
        assertThat(accountAlerts()).hasSize(alerts);
        if (alerts > 0) {
            OutgoingEmail alert = accountAlerts().get(0);
            assertThat(alert.subject()).isEqualTo("Hot account: acme-robotics.com · 3 leads · 50");
            assertThat(alert.to()).containsExactly(CoreFlow.SALES);
            assertThat(alert.text()).contains("Dana: warm, 30 points", "Eli: cold, 10 points", "Fay: cold, 10 points");
        }
    }

    @Test
    void anAccountAlertThatCouldNotGoOutAtOnceIsSentByTheDispatcher() {
        flow.mail().failEvery(RecordingEmailSender.Failure.OUTAGE);
        for (int i = 0; i < 3; i++) {
            flow.submit(ARRIVALS[i][0], ARRIVALS[i][1], TableFields.of(ARRIVALS[i][2]));
        }
        assertThat(accountAlerts()).as("the mail service is down").isEmpty();
        assertThat(acme().hotSince()).as("marked hot: its alert waits in the outbox").isNotNull();

        flow.mail().recover();
        flow.dispatchAfter(Duration.ofMinutes(2));
        flow.submit(ARRIVALS[3][0], ARRIVALS[3][1], TableFields.of(ARRIVALS[3][2]));
        flow.dispatchAfter(Duration.ofMinutes(30));

        assertThat(accountAlerts()).as("sent once, by the dispatcher's retry").singleElement().satisfies(alert -> {
            assertThat(alert.subject()).startsWith("Hot account: acme-robotics.com · 3 leads");
            assertThat(alert.to()).containsExactly(CoreFlow.SALES);
        });
    }

    @Test
    void anAccountAlertIsNotLostWhenTheFunctionDiesAfterMarkingTheAccountHot() {
        for (int i = 0; i < 2; i++) {
            flow.submit(ARRIVALS[i][0], ARRIVALS[i][1], TableFields.of(ARRIVALS[i][2]));
        }
        // The third lead's change and its roll-up are stored; the function dies before it sends anything.
        LeadUpdates diesAfterTheRollUp = new LeadUpdates(flow.storage().leads(), flow.services().models(), flow.clock(),
                applied -> flow.services().rollUpAccount().after(applied.after()));
        String fay = flow.takeFormPostThrough(diesAfterTheRollUp).submit(CoreFlow.post(ARRIVALS[2][0], ARRIVALS[2][1],
                TableFields.of(ARRIVALS[2][2]), true, null), CoreFlow.API).after().id();
        assertThat(accountAlerts()).isEmpty();
        assertThat(acme().hotSince()).isNotNull();

        flow.dispatchDue();

        assertThat(accountAlerts()).singleElement()
                .satisfies(alert -> assertThat(alert.subject()).isEqualTo("Hot account: acme-robotics.com · 3 leads · 50"));
        assertThat(flow.timeline(fay)).anyMatch(e -> e.contains("account alert for acme-robotics.com sent to 1 recipient(s)"));
    }

    @Test
    void aHotLeadsAlertNamesTheOtherLeadsOfItsAccount() {
        flow.submit("newsletter", "eli@acme-robotics.com", Map.of("name", "Eli Ng"));
        flow.submit("demo", "dana@acme-robotics.com", Map.of("name", "Dana Cruz", "company", "Acme Robotics",
                "role", "decision_maker", "timeline", "now"));

        assertThat(flow.mail().alertsAbout("Dana Cruz")).singleElement()
                .satisfies(alert -> assertThat(alert.text()).contains("Also at acme-robotics.com: Eli Ng (cold)"));
        assertThat(accountAlerts()).as("a hot lead alerts as a lead").isEmpty();
    }

    @Test
    void anErasedLeadLeavesItsAccount() {
        String eli = flow.submit("newsletter", "eli@acme-robotics.com", Map.of("name", "Eli Ng")).after().id();
        flow.submit("newsletter", "fay@acme-robotics.com", Map.of("name", "Fay"));

        flow.services().eraseLead().erase(eli);

        assertThat(acme().members()).extracting(AccountMember::name).containsExactly("Fay");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sam@gmail.com", "sam@mailinator.com"})
    void aFreeMailOrThrowawayAddressFormsNoAccount(String email) {
        flow.submit("newsletter", email, Map.of("name", "Sam"));

        assertThat(flow.storage().accounts().find(email.substring(email.indexOf('@') + 1))).isEmpty();
    }

    @Test
    void aModelWithoutAccountsKeepsNone() {
        flow.services().changeModel().put(TestModels.defaultText(), null);

        flow.submit("newsletter", "eli@acme-robotics.com", Map.of("name", "Eli Ng"));

        assertThat(flow.storage().accounts().find(ACME)).isEmpty();
    }
}
