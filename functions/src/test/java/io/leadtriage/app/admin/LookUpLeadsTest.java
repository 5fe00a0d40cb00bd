package io.leadtriage.app.admin;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin's look at leads, on the in-memory ports: pages newest first by tier and stage, and one lead whole. */
class LookUpLeadsTest {
    final CoreFlow flow = CoreFlow.start();
    final LookUpLeads lookUp = flow.services().lookUpLeads();

    /**
     * Seven leads nine days apart, oldest first: four warm MQLs (timeline now) and three cold leads (6m+), across three
     * months.
     */
    List<String> sevenLeads() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(flow.submit("newsletter", "page" + i + "@acme-analytics.io",
                    Map.of("timeline", i % 2 == 0 ? "now" : "6m+")).after().id());
            flow.clock().advance(Duration.ofDays(9));
        }
        return ids;
    }

    static List<String> newestFirst(List<String> oldestFirst) {
        List<String> reversed = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    @Test
    void pagesGoNewestFirstAcrossMonthsUntilNoCursorIsLeft() {
        List<String> oldestFirst = sevenLeads();
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();

        String cursor = null;
        do {
            LookUpLeads.Listing page = lookUp.list(LeadFilter.ANY, 3, cursor);
            page.leads().forEach(listed -> seen.add(listed.lead().id()));
            pageSizes.add(page.leads().size());
            cursor = page.nextCursor();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).containsExactlyElementsOf(newestFirst(oldestFirst));
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @ParameterizedTest(name = "tier {0}, stage {1}: {2} leads")
    @CsvSource(nullValues = "any", value = {
            "WARM, any, 4",
            "COLD, any, 3",
            "HOT,  any, 0",
            "any,  MQL, 4",
            "COLD, LEAD, 3",
            "COLD, MQL, 0",
            "any,  any, 7"})
    void aListingTakesTheLeadsOfItsTierAndStage(Tier tier, Stage stage, int count) {
        sevenLeads();

        LookUpLeads.Listing page = lookUp.list(LeadFilter.of(tier, stage), LookUpLeads.MAX_PAGE, null);

        assertThat(page.leads()).extracting(LookUpLeads.Listed::lead).hasSize(count).allSatisfy(lead -> {
            assertThat(tier == null || lead.qualification().tier() == tier).isTrue();
            assertThat(stage == null || lead.qualification().stage() == stage).isTrue();
        });
        assertThat(page.nextCursor()).isNull();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, -1, LookUpLeads.MAX_PAGE + 1, Integer.MAX_VALUE})
    void aLimitOutsideOneToAHundredIsRefused(int limit) {
        Refusal refusal = refusalOf(() -> lookUp.list(LeadFilter.ANY, limit, null));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).containsExactly(Map.entry("limit", "must be a whole number from 1 to 100"));
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"not-a-cursor", "", "LEAD#123"})
    void aCursorThisListingDidNotMakeIsRefused(String cursor) {
        sevenLeads();

        Refusal refusal = refusalOf(() -> lookUp.list(LeadFilter.ANY, 3, cursor));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).containsExactly(Map.entry("cursor", "is not a cursor of this listing; start without one"));
    }

    @Test
    void oneLeadComesWithItsTimelineAndItsEmails() {
        String leadId = flow.submit("demo", "vic@northwind-saas.com",
                TableFields.of("name=Vic View; company=Northwind; timeline=now")).after().id();

        LookUpLeads.LeadView view = lookUp.view(leadId);

        LeadRecord lead = view.lead();
        assertThat(lead.lead().answers().get("company")).contains("Northwind");
        assertThat(lead.qualification().score()).isEqualTo(50);
        assertThat(lead.qualification().breakdown()).extracting(Object::toString)
                .containsExactly("+20 wants to start now", "+30 requested a demo");
        assertThat(view.timeline()).extracting(TimelineEntry::kind)
                .contains(TimelineEntry.FORM_SUBMITTED, TimelineEntry.TIER_CHANGED, TimelineEntry.EMAIL_SENT);
        assertThat(view.emails()).extracting(SentMessage::kind).containsExactly(io.leadtriage.app.ports.EmailKind.SALES_ALERT);
        assertThat(lead.sales().firstAlertSentAt()).isEqualTo(CoreFlow.START);
    }

    /** Between the lead's changes its behaviour points fade: what the views show is the verdict now, not the stored one. */
    @ParameterizedTest(name = "{1} days after a demo request: {2} now at {3}, stored hot at 50")
    @CsvSource({
            "0,  HOT,  SQL, 50, 30",
            "29, WARM, MQL, 35, 15",
            "90, WARM, MQL, 24, 4"})
    void theViewsShowTheScoreAsOfNowBesideTheStoredOne(int days, Tier tier, Stage stage, int score, int demoPoints) {
        String leadId = flow.submit("demo", "vic@northwind-saas.com",
                TableFields.of("name=Vic View; company=Northwind; timeline=now")).after().id();
        flow.clock().advance(Duration.ofDays(days));

        AsOfNow verdict = lookUp.view(leadId).verdict();
        AsOfNow listed = lookUp.list(LeadFilter.ANY, 10, null).leads().get(0).verdict();

        assertThat(verdict).isEqualTo(listed);
        assertThat(verdict.stored().score()).isEqualTo(50);
        assertThat(verdict.stored().tier()).isEqualTo(Tier.HOT);
        assertThat(verdict.now().score()).isEqualTo(score);
        assertThat(verdict.now().tier()).isEqualTo(tier);
        assertThat(verdict.now().stage()).isEqualTo(stage);
        assertThat(verdict.sinceStored()).isEqualTo(days == 0 ? List.of()
                : List.of(new AsOfNow.RuleChange(verdict.stored().breakdown().get(1).ruleId(), "requested a demo", 30, demoPoints)));
    }

    @Test
    void aLeadThatDoesNotExistIsNotFound() {
        Refusal refusal = refusalOf(() -> lookUp.view("no-such-lead"));

        assertThat(refusal.code()).isEqualTo(Refusal.NOT_FOUND);
    }
}
