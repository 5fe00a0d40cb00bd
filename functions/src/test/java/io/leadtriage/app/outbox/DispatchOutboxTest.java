package io.leadtriage.app.outbox;

import io.leadtriage.TestModels;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.RecordingEmailSender.Failure;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.leadtriage.testing.CoreFlow.SALES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher on the in-memory ports: retries with backoff, refusals dropped with the reason in the timeline,
 * one send per claim however many dispatchers run, escalation of alerts nobody accepted, nurture steps on the clock
 * and one marketing email a day, alerts routed by the model in effect, and what a pass reports.
 */
class DispatchOutboxTest {
    static final String PRIYA = "priya@northwind-saas.com";
    /** 50 points: hot (a demo request +30, timeline now +20), an SQL. */
    static final Map<String, String> HOT_DEMO = Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now");

    final CoreFlow flow = CoreFlow.start();

    String hotPriya() {
        return flow.submit("demo", PRIYA, HOT_DEMO).after().id();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "THROTTLED | retried, then sent | sales alert sent to 1 recipient(s)",
            "OUTAGE    | retried, then sent | sales alert sent to 1 recipient(s)",
            "REFUSED   | dropped            | sales_alert not sent: refused by the mail service"})
    void aFailedSendIsRetriedWithBackoffUnlessTheMailServiceRefusedIt(Failure failure, String outcome, String entry) {
        flow.mail().failNext(1, failure);
        Instant failedAt = flow.clock().instant();
        String leadId = hotPriya();
        assertThat(flow.mail().alertsAbout("Priya Shah")).isEmpty();
        if (failure != Failure.REFUSED) {
            Instant retryAt = flow.storage().outbox().find(leadId, OutboxItem.alertId(1)).orElseThrow().dueAt();
            assertThat(retryAt).as("about 30 s later (±20 %)").isBetween(failedAt.plusSeconds(24), failedAt.plusSeconds(36));
        }

        flow.dispatchDue();
        assertThat(flow.mail().alertsAbout("Priya Shah")).as("not due again yet").isEmpty();
        flow.dispatchAfter(Duration.ofMinutes(1));
        flow.dispatchAfter(Duration.ofHours(1));

        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(outcome.startsWith("retried") ? 1 : 0);
        assertThat(flow.timeline(leadId)).contains(entry);
        assertThat(flow.storage().outbox().due(flow.clock().instant().plus(Duration.ofDays(1)), 10))
                .as("nothing left to send").noneMatch(item -> item.kind() == OutboxKind.SALES_ALERT);
    }

    @Test
    void anAlertTheMailServiceKeepsThrottlingIsGivenUpAfterADayOfTries() {
        flow.mail().failEvery(Failure.THROTTLED);
        String leadId = hotPriya();

        // Passes further apart than the longest backoff (30 min + 20 %): each one tries once.
        for (int pass = 0; pass < 70; pass++) {
            flow.dispatchAfter(Duration.ofMinutes(40));
        }

        assertThat(flow.mail().attempts()).isEqualTo(DispatchOutbox.MAX_ATTEMPTS);
        assertThat(flow.timeline(leadId)).contains("sales_alert not sent: gave up after 60 tries");
    }

    @Test
    void twoDispatchersOnOneDueAlertSendItOnce() {
        CoreFlow otherContainer = flow.anotherContainer();
        AtomicReference<DispatchOutbox.Report> otherPass = new AtomicReference<>();
        flow.mail().duringNextSend(() -> otherPass.set(otherContainer.dispatchDue()));

        hotPriya();
        flow.dispatchAfter(Duration.ofMinutes(5));

        assertThat(otherPass.get()).as("the other dispatcher found the alert claimed")
                .isEqualTo(new DispatchOutbox.Report(0, 0, 0, 1));
        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(1);
    }

    @Test
    void aDispatcherThatDiesAfterSendingCostsAtMostOneDuplicate() {
        flow.mail().failNext(1, Failure.CRASH_AFTER_SENDING);
        hotPriya();
        flow.dispatchDue();
        assertThat(flow.mail().alertsAbout("Priya Shah")).as("the dead dispatcher's claim still holds").hasSize(1);

        flow.dispatchAfter(Duration.ofMinutes(2));
        flow.dispatchAfter(Duration.ofMinutes(10));

        assertThat(flow.mail().alertsAbout("Priya Shah")).as("one duplicate for the one crash, then done").hasSize(2);
    }

    @ParameterizedTest(name = "rep''s choice within the limit: {0} → {1} escalation")
    @CsvSource({"none, 1", "accepted, 0"})
    void anAlertNobodyAcceptsInTimeEscalatesOnce(String choice, int escalations) {
        String leadId = hotPriya();
        flow.clock().advance(Duration.ofMinutes(5));
        if (!choice.equals("none")) {
            flow.recordDisposition().record(flow.lead(leadId), choice);
        }

        flow.dispatchAfter(Duration.ofMinutes(9));
        assertThat(flow.mail().escalationsAbout("Priya Shah")).as("within the limit").isEmpty();
        flow.dispatchAfter(Duration.ofMinutes(2));
        flow.dispatchAfter(Duration.ofHours(2));

        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(1);
        assertThat(flow.mail().escalationsAbout("Priya Shah")).hasSize(escalations)
                .allSatisfy(escalation -> assertThat(escalation.to()).containsExactly(SALES));
        if (escalations == 0) {
            assertThat(flow.timeline(leadId)).contains("alert accepted in time; no escalation");
        }
    }

    @Test
    void aNurtureSequenceWalksItsStepsOnTheClock() {
        String leadId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now"))
                .after().id();

        for (int day = 0; day < 16; day++) {
            flow.dispatchAfter(Duration.ofDays(1));
        }

        assertThat(flow.mail().subjectsTo("sam@northwind-saas.com")).containsExactly("Thanks for reaching out, Sam",
                "How a 40-person agency halved its cost per qualified lead", "Five quick questions, Sam?",
                "Worth a 20-minute call?");
        OutgoingEmail welcome = flow.mail().sentTo("sam@northwind-saas.com").get(0);
        assertThat(welcome.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(flow.lead(leadId).nurture().status()).isEqualTo(NurtureState.COMPLETED);
    }

    @ParameterizedTest(name = "maxPerDay {0}: the welcome 23 hours after the reminder is {1}")
    @CsvSource({"1, held until a day has passed", "2, sent"})
    void theModelsMaxPerDayCapsMarketingEmails(int maxPerDay, String welcome) {
        flow.services().changeModel().put(TestModels.editedText("maxPerDay: 1", "maxPerDay: " + maxPerDay), null);
        flow.submit("get-started", "dee@northwind-saas.com", Map.of("name", "Dee Lee"));
        flow.dispatchAfter(Duration.ofHours(2));

        flow.dispatchAfter(Duration.ofHours(23));

        assertThat(flow.mail().subjectsTo("dee@northwind-saas.com")).hasSize(welcome.equals("sent") ? 2 : 1);
    }

    @Test
    void welcomesToOneDomainBeyondItsHourlyBudgetWaitForTheNextHourAndOtherDomainsDoNot() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(
                new AbuseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 2, 5)));
        List<String> northwind = List.of("ann@northwind-saas.com", "ben@northwind-saas.com", "cat@northwind-saas.com");
        northwind.forEach(address -> limited.submit("newsletter", address, Map.of("name", "Someone")));
        limited.submit("newsletter", "dan@contoso.io", Map.of("name", "Dan"));

        limited.dispatchAfter(Duration.ofMinutes(1));

        assertThat(northwind).filteredOn(address -> !limited.mail().sentTo(address).isEmpty()).hasSize(2);
        assertThat(limited.mail().sentTo("dan@contoso.io")).hasSize(1);
        String waiting = northwind.stream().filter(address -> limited.mail().sentTo(address).isEmpty()).findFirst()
                .flatMap(address -> limited.storage().leads().findLeadIdByEmail(address)).orElseThrow();
        OutboxItem deferred = limited.storage().outbox().find(waiting, OutboxItem.NURTURE_SLOT).orElseThrow();
        assertThat(deferred.dueAt()).as("when the domain's hour ends").isAfter(limited.clock().instant())
                .isBeforeOrEqualTo(limited.clock().instant().plus(Duration.ofHours(1)));

        limited.dispatchAfter(Duration.ofHours(1));
        assertThat(northwind).allSatisfy(address -> assertThat(limited.mail().sentTo(address)).hasSize(1));
    }

    @Test
    void anAddressCreatedAgainAndAgainAfterErasureGetsNoMoreWelcomesThanItsWeeklyBudget() {
        CoreFlow limited = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(
                new AbuseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 50, 2)));
        String leadId = null;
        for (int time = 0; time < 3; time++) {
            if (leadId != null) {
                limited.services().eraseLead().erase(leadId);
            }
            leadId = limited.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam")).after().id();
            limited.dispatchAfter(Duration.ofMinutes(10));
        }

        assertThat(limited.mail().sentTo("sam@northwind-saas.com")).hasSize(2);
        assertThat(limited.storage().outbox().find(leadId, OutboxItem.NURTURE_SLOT).orElseThrow().dueAt())
                .as("when the address's week ends").isAfter(limited.clock().instant().plus(Duration.ofDays(1)));
    }

    @Test
    void aLeadGetsOneMarketingEmailADay() {
        flow.submit("get-started", "dee@northwind-saas.com", Map.of("name", "Dee Lee"));
        flow.dispatchAfter(Duration.ofHours(2));
        assertThat(flow.mail().subjectsTo("dee@northwind-saas.com")).containsExactly("Finish your request, Dee");

        flow.dispatchAfter(Duration.ofHours(23));
        assertThat(flow.mail().subjectsTo("dee@northwind-saas.com"))
                .as("the welcome is due, but the reminder went out less than a day ago").hasSize(1);

        flow.dispatchAfter(Duration.ofHours(2));
        assertThat(flow.mail().subjectsTo("dee@northwind-saas.com"))
                .containsExactly("Finish your request, Dee", "Thanks for reaching out, Dee");
    }

    @Test
    void anAlertGoesToTheRecipientsOfTheFirstRouteThatMatchesTakingTurnsWhereItRotates() {
        flow.services().changeModel().put(TestModels.withAlertRoutes(), null);
        List<String> hotLeads = List.of("companySize=1000+; country=DE", "country=DE", "country=AT", "country=CH",
                "country=DE", "industry=healthcare; country=US; budget=approved", "country=FR");

        for (int i = 0; i < hotLeads.size(); i++) {
            Map<String, String> answers = new HashMap<>(HOT_DEMO);
            answers.putAll(TableFields.of(hotLeads.get(i)));
            flow.submit("demo", "lead" + i + "@northwind-saas.com", answers);
        }

        assertThat(flow.mail().alertsAbout("Priya Shah")).extracting(OutgoingEmail::to).containsExactly(
                List.of("enterprise@yourcompany.com"), List.of("anna@yourcompany.com"), List.of("ben@yourcompany.com"),
                List.of("cara@yourcompany.com"), List.of("anna@yourcompany.com"),
                List.of("hc1@yourcompany.com", "hc2@yourcompany.com"), List.of(SALES));
    }

    @Test
    void aPassReportsWhatItDid() {
        flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now"));
        flow.submit("newsletter", "ann@northwind-saas.com", Map.of("name", "Ann Lee", "timeline", "now"));
        String deeId = flow.submit("get-started", "dee@northwind-saas.com", Map.of("name", "Dee Lee")).after().id();
        flow.submitStep2("get-started", deeId, Map.of("company", "Acme", "companySize", "11-50"));
        flow.clock().advance(Duration.ofHours(2));
        flow.mail().failNext(1, Failure.THROTTLED);

        DispatchOutbox.Report report = flow.dispatchDue();

        assertThat(report).as("Sam's welcome throttled, Ann's sent, Dee's reminder dropped: step 2 is done")
                .isEqualTo(new DispatchOutbox.Report(1, 1, 1, 0));
        assertThat(flow.dispatchAfter(Duration.ofMinutes(1))).as("Sam's welcome, tried again")
                .isEqualTo(new DispatchOutbox.Report(1, 0, 0, 0));
    }
}
