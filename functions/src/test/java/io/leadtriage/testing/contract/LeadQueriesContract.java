package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.change;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LeadQueries}: listings newest first by tier and stage, a page at a time; reports' range; the timeline. */
public interface LeadQueriesContract extends StorageContract {

    @Test
    default void leadsAreListedNewestFirstByTierAndStageAPageAtATime() {
        LeadRecord lastMonth = saved(storage(), lead(T0.minus(Duration.ofDays(30)), Tier.HOT, Stage.SQL));
        LeadRecord threeDays = saved(storage(), lead(T0.minus(Duration.ofDays(3)), Tier.WARM, Stage.MQL));
        LeadRecord twoDays = saved(storage(), lead(T0.minus(Duration.ofDays(2)), Tier.HOT, Stage.SQL));
        LeadRecord oneDay = saved(storage(), lead(T0.minus(Duration.ofDays(1)), Tier.COLD, Stage.LEAD));
        LeadRecord anHour = saved(storage(), lead(T0.minus(Duration.ofHours(1)), Tier.HOT, Stage.MQL));

        assertThat(allPages(null, null, 2)).containsExactly(anHour.id(), oneDay.id(), twoDays.id(), threeDays.id(),
                lastMonth.id());
        assertThat(allPages(Tier.HOT, null, 1)).containsExactly(anHour.id(), twoDays.id(), lastMonth.id());
        assertThat(allPages(null, Stage.SQL, 2)).containsExactly(twoDays.id(), lastMonth.id());
        assertThat(allPages(Tier.HOT, Stage.MQL, 10)).containsExactly(anHour.id());
        assertThat(storage().queries().listLeads(LeadFilter.of(Tier.WARM, null), 10, null, T0).leads()).containsExactly(threeDays);
    }

    @Test
    default void aListingFiltersByFormSourceCampaignAndFirstTouchAsTheReportsCountThem() {
        LeadRecord springOnGoogle = saved(storage(), touchedBy(lead(T0.minus(Duration.ofDays(2)), Tier.WARM, Stage.MQL),
                Map.of("formId", "demo", "utm_source", "Google", "utm_campaign", "Spring Launch")));
        LeadRecord onGoogle = saved(storage(), touchedBy(lead(T0.minus(Duration.ofDays(40)), Tier.HOT, Stage.SQL),
                Map.of("formId", "demo", "utm_source", "google")));
        LeadRecord springOnLinkedIn = saved(storage(), touchedBy(lead(T0.minus(Duration.ofDays(3)), Tier.WARM, Stage.MQL),
                Map.of("formId", "pricing", "utm_source", "linkedin", "utm_campaign", "spring-launch")));
        LeadRecord untracked = saved(storage(), touchedBy(lead(T0.minus(Duration.ofDays(1)), Tier.COLD, Stage.LEAD),
                Map.of("formId", "newsletter")));

        assertThat(allPages(new LeadFilter(null, null, null, "google", null, null, null), 1))
                .as("a source as the breakdown shows it").containsExactly(springOnGoogle.id(), onGoogle.id());
        assertThat(allPages(new LeadFilter(null, null, null, null, "Spring Launch", null, null), 1))
                .as("folded as the counters fold it").containsExactly(springOnGoogle.id(), springOnLinkedIn.id());
        assertThat(allPages(new LeadFilter(null, null, null, "(none)", null, null, null), 2)).containsExactly(untracked.id());
        assertThat(allPages(new LeadFilter(Tier.WARM, Stage.MQL, "pricing", null, null, null, null), 1))
                .containsExactly(springOnLinkedIn.id());
        assertThat(allPages(new LeadFilter(null, null, null, null, null, T0.minus(Duration.ofDays(41)),
                T0.minus(Duration.ofDays(1))), 1)).as("first touch in [from, to), across months")
                .containsExactly(springOnGoogle.id(), springOnLinkedIn.id(), onGoogle.id());
        assertThat(allPages(new LeadFilter(Tier.HOT, null, "demo", null, null, T0.minus(Duration.ofDays(10)), null), 5)).isEmpty();
    }

    private static LeadRecord touchedBy(LeadRecord lead, Map<String, String> source) {
        return new LeadRecord(lead.lead(), lead.version(), lead.createdAt(), lead.updatedAt(), lead.consent(), source,
                lead.awaitingStep2Since(), lead.qualification(), lead.hotEpisode(), lead.nurture(), lead.contact(),
                lead.apiBaseUrl(), lead.reviewTierAt(), lead.sales());
    }

    @Test
    default void everyLeadIsReadOnceAcrossPagesWhateverItsMonthAndErasedLeadsAreNot() {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Four years back to now: older than the listings' 36 months too.
            stored.add(saved(storage(), lead(T0.minus(Duration.ofDays(130L * i)), Tier.values()[i % 3], Stage.LEAD)).id());
        }
        LeadRecord erased = saved(storage(), lead(T0, Tier.HOT, Stage.SQL));
        storage().erasure().erase(erased.id(), ContractFixtures::erasedEvent);

        for (boolean consistent : new boolean[]{true, false}) {
            List<LeadRecord> read = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                LeadPage page = storage().queries().everyLead(5, cursor, consistent);
                assertThat(page.leads()).hasSizeLessThanOrEqualTo(5);
                read.addAll(page.leads());
                cursor = page.nextCursor();
            } while (cursor != null && ++pages < 20);
            assertThat(read).extracting(LeadRecord::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
            assertThat(read).contains(storage().queries().findById(stored.get(3)).orElseThrow());
        }
        assertThatThrownBy(() -> storage().queries().everyLead(5, "not-a-cursor", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every page of a listing, following its cursors to the end: the ids in the order they came. */
    private List<String> allPages(Tier tier, Stage stage, int limit) {
        return allPages(LeadFilter.of(tier, stage), limit);
    }

    private List<String> allPages(LeadFilter filter, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            LeadPage page = storage().queries().listLeads(filter, limit, cursor, T0);
            assertThat(page.leads()).hasSizeLessThanOrEqualTo(limit);
            page.leads().forEach(lead -> ids.add(lead.id()));
            cursor = page.nextCursor();
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("the listing never ended");
    }

    @Test
    default void aCursorThisStoreDidNotMakeIsRefused() {
        saved(storage(), lead(T0, Tier.HOT, Stage.SQL));
        for (String foreign : List.of("bm90IGEgY3Vyc29y", "not a cursor!", "%%%")) {
            assertThatThrownBy(() -> storage().queries().listLeads(LeadFilter.ANY, 10, foreign, T0))
                    .as(foreign).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void theLeadsCreatedInARangeAreThoseFromItsStartUpToItsEnd() {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        Instant to = Instant.parse("2027-01-01T00:00:00Z");
        saved(storage(), lead(from.minusMillis(1), Tier.WARM, Stage.MQL));
        LeadRecord first = saved(storage(), lead(from, Tier.WARM, Stage.MQL));
        LeadRecord middle = saved(storage(), lead(from.plus(Duration.ofDays(14)), Tier.HOT, Stage.SQL));
        LeadRecord last = saved(storage(), lead(to.minusMillis(1), Tier.COLD, Stage.LEAD));
        saved(storage(), lead(to, Tier.WARM, Stage.MQL));

        assertThat(storage().queries().leadsCreatedBetween(from, to)).containsExactlyInAnyOrder(first, middle, last);
        assertThat(storage().queries().leadsCreatedBetween(to, from)).isEmpty();
    }

    @Test
    default void aPeriodsLeadsComeAPageAtATimeOldestFirstEachOnce() {
        Instant from = Instant.parse("2026-10-30T00:00:00Z");
        List<LeadRecord> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(saved(storage(), lead(from.plus(Duration.ofHours(20L * i)), Tier.WARM, Stage.MQL)));
        }
        saved(storage(), lead(from.minusMillis(1), Tier.WARM, Stage.MQL));

        List<LeadRecord> read = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LeadPage page = storage().queries().leadsCreatedBetween(from, from.plus(Duration.ofDays(30)), 3, cursor);
            assertThat(page.leads()).hasSizeLessThanOrEqualTo(3);
            read.addAll(page.leads());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(read).containsExactlyElementsOf(stored);
        assertThatThrownBy(() -> storage().queries().leadsCreatedBetween(from, from.plus(Duration.ofDays(30)), 3, "bm90IGEgY3Vyc29y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void aTimelineIsEveryWritesEntriesOldestFirst() {
        LeadRecord v1 = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord v2 = next(v1, T0.plus(Duration.ofHours(1)));
        storage().leads().save(change(v2, "an hour later"));
        storage().leads().save(change(next(v2, T0.plus(Duration.ofDays(1))), "a day later"));

        assertThat(storage().queries().timeline(v1.id())).extracting(TimelineEntry::detail)
                .containsExactly("created", "an hour later", "a day later");
        assertThat(storage().queries().timeline("no-such-lead")).isEmpty();
    }

    @Test
    default void everySignalAPageReportsIsInTheTimelineOnceAlsoPastTheSignalsKeptPerType() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        int views = Lead.SIGNALS_KEPT_PER_TYPE + 5;
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= views; i++) {
            Signal view = new Signal(SignalType.PAGE_VIEW, T0.plusSeconds(60L * i), "/page-" + i, true, SignalSource.PAGE);
            LeadRecord changed = next(lead, view.at()).withLead(lead.lead().withSignal(view));
            assertThat(storage().leads().save(new LeadWrite(changed, lead.version(), List.of(TimelineEntry.ofSignal(view)),
                    null, List.of(), List.of()))).isEqualTo(SaveResult.SAVED);
            lead = changed;
            expected.add("page_view (/page-" + i + ")");
        }
        // One page view that turns the lead hot: its change has two entries.
        Signal last = new Signal(SignalType.PAGE_VIEW, T0.plusSeconds(60L * (views + 1)), "/last", true, SignalSource.PAGE);
        LeadRecord hot = next(lead, last.at()).withLead(lead.lead().withSignal(last));
        storage().leads().save(new LeadWrite(hot, lead.version(), List.of(TimelineEntry.ofSignal(last),
                new TimelineEntry(last.at(), TimelineEntry.TIER_CHANGED, "warm → hot")), null, List.of(), List.of()));
        expected.add("page_view (/last)");
        expected.add("warm → hot");

        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::detail)
                .filteredOn(detail -> detail.startsWith("page_view (/") || detail.equals("warm → hot"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    default void aLeadNobodyStoredIsNotFound() {
        assertThat(storage().queries().findById("no-such-lead")).isEmpty();
    }
}
