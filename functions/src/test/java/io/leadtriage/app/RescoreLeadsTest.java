package io.leadtriage.app;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.ConfigStore.Rescoring;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model change rescores the stored leads in the background, on the in-memory ports: every lead, through the one
 * lead-change path, with its progress recorded, one run at a time; leads it turns hot alert sales only when the
 * marketer asked, and then only those.
 */
class RescoreLeadsTest {
    static final String TIMELINE_NOW_45 = TestModels.withTimelineNowAt(45);

    final CoreFlow flow = CoreFlow.start();
    final RescoreLeads rescore = flow.services().rescoreLeads();
    String hot;
    final List<String> warm = new ArrayList<>();
    final List<String> cold = new ArrayList<>();

    /** A hot demo request (50, alerted at once), warm sign-ups starting now (25), cold ones in 6 months (5). */
    void seed(int each) {
        hot = flow.submit("demo", "hot@northwind-saas.com", Map.of("name", "Ann Hot", "company", "Northwind", "timeline", "now"))
                .after().id();
        for (int i = 0; i < each; i++) {
            warm.add(flow.submit("newsletter", "warm" + i + "@northwind-saas.com", Map.of("name", "Wes Warm" + i,
                    "timeline", "now")).after().id());
            cold.add(flow.submit("newsletter", "cold" + i + "@northwind-saas.com", Map.of("timeline", "6m+")).after().id());
        }
        flow.dispatchDue();
    }

    @ParameterizedTest(name = "alertNewlyHot={0}")
    @ValueSource(booleans = {false, true})
    void aModelChangeRescoresEveryStoredLeadAndAlertsOnlyTheNewlyHotAndOnlyWhenAsked(boolean alertNewlyHot) {
        seed(3);
        long coldVersion = flow.lead(cold.get(0)).version();
        int alertsBefore = alertCount();
        flow.services().changeModel().put(TIMELINE_NOW_45, null, alertNewlyHot);

        RescoreLeads.Run run = rescore.continueRescoring(Budget.leads(1_000)).orElseThrow();
        flow.dispatchDue();

        assertThat(run.progress()).isEqualTo(new Rescoring(1, alertNewlyHot, CoreFlow.START, CoreFlow.START, null, 7, 4, 3, 3));
        assertThat(warm).allSatisfy(id -> {
            assertThat(flow.lead(id).qualification().tier()).isEqualTo(Tier.HOT);
            assertThat(flow.lead(id).qualification().score()).isEqualTo(50);
            assertThat(flow.lead(id).nurture().active()).as("sales takes over").isFalse();
            assertThat(flow.timeline(id)).contains("rescored with model version 1");
            assertThat(flow.mail().alertsAbout("Wes Warm" + warm.indexOf(id))).hasSize(alertNewlyHot ? 1 : 0);
        });
        assertThat(flow.lead(hot).qualification().score()).isEqualTo(75);
        assertThat(flow.mail().alertsAbout("Ann Hot")).as("hot already: alerted at intake, not again").hasSize(1);
        assertThat(alertCount() - alertsBefore).isEqualTo(alertNewlyHot ? 3 : 0);
        assertThat(flow.lead(cold.get(0)).version()).as("a verdict the model leaves as it is: no write").isEqualTo(coldVersion);
        assertThat(flow.services().changeModel().inEffect().rescoring()).isEqualTo(run.progress());
        assertThat(rescore.continueRescoring(Budget.leads(1_000))).as("finished").isEmpty();
    }

    @Test
    void aRunOutOfTimeLeavesItsProgressAndTheNextRunGoesOnFromIt() {
        seed(120);
        flow.services().changeModel().put(TIMELINE_NOW_45, null, false);

        List<Rescoring> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rescore.continueRescoring(Budget.leads(RescoreLeads.PAGE)).ifPresent(run -> runs.add(run.progress()));
        }

        assertThat(runs).extracting(Rescoring::examined).containsExactly(100L, 200L, 241L);
        assertThat(runs).extracting(Rescoring::finished).containsExactly(false, false, true);
        assertThat(runs.get(2).newlyHot()).isEqualTo(120);
        assertThat(warm).allSatisfy(id -> assertThat(flow.lead(id).qualification().tier()).isEqualTo(Tier.HOT));
    }

    @Test
    void oneRunAtATimeGoesOnWithARescoringAndALapsedLeaseIsTakenOver() {
        seed(2);
        flow.services().changeModel().put(TIMELINE_NOW_45, null, false);
        // Another run holds it, as a run still going would.
        flow.storage().models().claimRescoring(1, "another run", flow.clock().instant(),
                flow.clock().instant().plus(RescoreLeads.LEASE));

        assertThat(flow.anotherContainer().services().rescoreLeads().continueRescoring(Budget.leads(1_000))).isEmpty();
        assertThat(flow.storage().models().rescoring(1).orElseThrow().examined()).isZero();

        flow.clock().advance(RescoreLeads.LEASE.plus(Duration.ofSeconds(1)));
        assertThat(rescore.continueRescoring(Budget.leads(1_000)).orElseThrow().progress().finished()).isTrue();
    }

    @Test
    void theShippedModelAndAnUnchangedPutStartNoRescoring() {
        seed(1);
        assertThat(rescore.continueRescoring(Budget.leads(1_000))).isEmpty();

        flow.services().changeModel().put(TestModels.defaultText(), null, true);

        assertThat(rescore.continueRescoring(Budget.leads(1_000))).isEmpty();
        assertThat(flow.services().changeModel().inEffect().rescoring()).isNull();
    }

    @Test
    void aVersionThatChangesOnlyEmailTemplatesReadsNoLeadAndIsRescoredAtOnce() {
        seed(1);
        String wordingFixed = TestModels.defaultText().replace("subject: \"Worth a 20-minute call?\"",
                "subject: \"Worth a 15-minute call?\"");
        assertThat(wordingFixed).as("a template's subject of the test model").isNotEqualTo(TestModels.defaultText());

        flow.services().changeModel().put(wordingFixed, null, true);

        assertThat(flow.services().models().refreshNow().model().templates().values())
                .anyMatch(t -> t.subject().equals("Worth a 15-minute call?"));
        assertThat(flow.services().changeModel().inEffect().rescoring())
                .isEqualTo(new Rescoring(1, true, CoreFlow.START, CoreFlow.START, null, 0, 0, 0, 0));
        assertThat(rescore.continueRescoring(Budget.leads(1_000))).as("nothing to go on with").isEmpty();

        flow.services().changeModel().put(wordingFixed.replaceFirst("points: 30", "points: 31"), null, false);

        assertThat(rescore.continueRescoring(Budget.leads(1_000))).as("a rule's points: every lead read")
                .hasValueSatisfying(run -> assertThat(run.examined()).isPositive());
    }

    @Test
    void aTemplateChangeMadeWhileTheRescoringOfTheVersionBeforeGoesOnTakesItOver() {
        seed(1);
        flow.services().changeModel().put(TIMELINE_NOW_45, null, false);
        String wordingFixed = TIMELINE_NOW_45.replace("subject: \"Worth a 20-minute call?\"", "subject: \"Worth a 15-minute call?\"");

        flow.services().changeModel().put(wordingFixed, null, false);

        RescoreLeads.Run run = rescore.continueRescoring(Budget.leads(1_000)).orElseThrow();
        assertThat(run.progress().version()).isEqualTo(2);
        assertThat(run.examined()).as("the leads version 1 was to rescore").isPositive();
        assertThat(warm).allSatisfy(id -> assertThat(flow.lead(id).qualification().tier()).isEqualTo(Tier.HOT));
    }

    private int alertCount() {
        return (int) flow.mail().sent().stream().filter(e -> e.kind() == io.leadtriage.app.ports.EmailKind.SALES_ALERT).count();
    }
}
