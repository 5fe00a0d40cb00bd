package io.leadtriage.domain;

import io.leadtriage.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every row of the default model's table in PRODUCT.md, the tiers, the stages and decay. */
class QualifierTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final Qualifier qualifier = new Qualifier(TestModels.defaultModel(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** A lead at a company domain with the given answers and signals ("type@daysAgo", days may be fractional). */
    static Lead lead(String email, Map<String, String> answers, String... signals) {
        List<Signal> list = new ArrayList<>();
        for (String s : signals) {
            String[] parts = s.split("@");
            double daysAgo = parts.length > 1 ? Double.parseDouble(parts[1]) : 0;
            Instant at = NOW.minus(Duration.ofSeconds((long) (daysAgo * 86_400)));
            SignalType type = SignalType.fromWireName(parts[0]).orElseThrow();
            list.add(Signal.of(type, SignalSource.assumedFor(type, ""), at));
        }
        return new Lead("L1", email, Answers.of(answers), list);
    }

    static Lead lead(Map<String, String> answers, String... signals) {
        return lead("jane@acme.io", answers, signals);
    }

    static Stream<Arguments> modelTable() {
        return Stream.of(
                // signal                                      answers                                           signals                   points  line
                arguments("industry in ICP", Map.of("industry", "saas"), new String[0], 10, "+10 industry in the ideal customer profile"),
                arguments("industry ICP (software)", Map.of("industry", "software"), new String[0], 10, null),
                arguments("industry ICP (agency)", Map.of("industry", "marketing-agency"), new String[0], 10, null),
                arguments("another known industry", Map.of("industry", "healthcare"), new String[0], -10, "−10 industry outside the ideal customer profile"),
                arguments("unknown industry scores nothing", Map.of("industry", "underwater-basket-weaving"), new String[0], 0, null),
                arguments("size 11-50", Map.of("companySize", "11-50"), new String[0], 10, null),
                arguments("size 51-200", Map.of("companySize", "51-200"), new String[0], 10, null),
                arguments("size 201-1000", Map.of("companySize", "201-1000"), new String[0], 5, null),
                arguments("size 1000+", Map.of("companySize", "1000+"), new String[0], 5, "+5 large company (201+)"),
                arguments("size 1-10", Map.of("companySize", "1-10"), new String[0], 0, null),
                arguments("decision maker", Map.of("role", "decision_maker"), new String[0], 15, "+15 decision maker"),
                arguments("influencer", Map.of("role", "influencer"), new String[0], 5, null),
                arguments("user", Map.of("role", "user"), new String[0], 0, null),
                arguments("other role", Map.of("role", "other"), new String[0], 0, null),
                arguments("role from job title", Map.of("jobTitle", "VP of Sales"), new String[0], 15, null),
                arguments("answered role wins over title", Map.of("jobTitle", "CEO", "role", "user"), new String[0], 0, null),
                arguments("budget approved", Map.of("budget", "approved"), new String[0], 15, "+15 budget approved"),
                arguments("budget planned", Map.of("budget", "planned"), new String[0], 10, null),
                arguments("budget exploring", Map.of("budget", "exploring"), new String[0], 5, null),
                arguments("budget none", Map.of("budget", "none"), new String[0], -5, "−5 no budget"),
                arguments("timeline now", Map.of("timeline", "now"), new String[0], 20, null),
                arguments("timeline 1-3m", Map.of("timeline", "1-3m"), new String[0], 10, null),
                arguments("timeline 3-6m", Map.of("timeline", "3-6m"), new String[0], 5, null),
                arguments("timeline 6m+", Map.of("timeline", "6m+"), new String[0], 0, null),
                arguments("timeline unknown", Map.of("timeline", "unknown"), new String[0], 0, null),
                arguments("challenge of 20 characters", Map.of("challenge", "12345678901234567890"), new String[0], 5, "+5 described their need"),
                arguments("challenge of 19 characters", Map.of("challenge", "1234567890123456789"), new String[0], 0, null),
                arguments("one page view", Map.of(), new String[]{"page_view"}, 5, "+5 viewed a page"),
                arguments("three page views", Map.of(), new String[]{"page_view@1", "page_view@1", "page_view@1"}.clone(), 15, null),
                arguments("a 4th page view adds nothing", Map.of(), new String[]{"page_view", "page_view", "page_view", "page_view"}, 15, "+15 viewed a page (×3)"),
                arguments("newsletter signup", Map.of(), new String[]{"newsletter_signup"}, 5, null),
                arguments("resource download", Map.of(), new String[]{"resource_download"}, 10, null),
                arguments("webinar registration", Map.of(), new String[]{"webinar_registration"}, 10, null),
                arguments("email click", Map.of(), new String[]{"email_click"}, 10, "+10 clicked an email"),
                arguments("a 4th email click adds nothing", Map.of(), new String[]{"email_click", "email_click", "email_click", "email_click"}, 30, null),
                arguments("pricing page view", Map.of(), new String[]{"pricing_page_view"}, 20, "+20 viewed the pricing page"),
                arguments("pricing views in one week count once", Map.of(), new String[]{"pricing_page_view", "pricing_page_view@2", "pricing_page_view@6.9"}, 20, null),
                arguments("demo request", Map.of(), new String[]{"demo_request"}, 30, "+30 requested a demo"),
                arguments("contact sales", Map.of(), new String[]{"contact_sales"}, 30, null),
                arguments("quote request", Map.of(), new String[]{"quote_request"}, 30, null),
                arguments("trial started", Map.of(), new String[]{"trial_started"}, 15, null),
                arguments("usage limit reached", Map.of(), new String[]{"usage_limit_reached"}, 30, null),
                arguments("teammate invited", Map.of(), new String[]{"teammate_invited"}, 10, null));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("modelTable")
    void scoresEveryRowOfTheDefaultModel(String rule, Map<String, String> answers, String[] signals, int points,
                                         String line) {
        Qualification q = qualifier.qualify(lead(answers, signals));

        assertThat(q.score().total()).isEqualTo(points);
        if (line != null) {
            assertThat(q.score().lines()).extracting(ScoreLine::toString).containsExactly(line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jane@gmail.com, −5 free email address",
            "jane@yahoo.com, −5 free email address",
            "jane@hotmail.com, −5 free email address",
            "jane@outlook.com, −5 free email address",
            "jane@icloud.com, −5 free email address",
            "jane@aol.com, −5 free email address",
    })
    void freeMailCostsFivePoints(String email, String line) {
        Qualification q = qualifier.qualify(lead(email, Map.of()));
        assertThat(q.score().total()).isEqualTo(-5);
        assertThat(q.score().lines()).extracting(ScoreLine::toString).containsExactly(line);
    }

    @Test
    void theWorkedExampleScores45WarmMqlAnd75HotSqlWithADemoRequest() {
        Map<String, String> headOfMarketing = Map.of(
                "jobTitle", "Head of Marketing",
                "budget", "approved",
                "timeline", "1-3m",
                "challenge", "Sales wastes hours on unqualified form fills every week");

        Qualification before = qualifier.qualify(lead(headOfMarketing));
        assertThat(before.score().total()).isEqualTo(45);
        assertThat(before.tier()).isEqualTo(Tier.WARM);
        assertThat(before.stage()).isEqualTo(Stage.MQL);
        assertThat(before.role()).isEqualTo("decision_maker");
        assertThat(before.score().lines()).extracting(ScoreLine::toString).containsExactly(
                "+15 decision maker", "+15 budget approved", "+10 timeline 1–3 months", "+5 described their need");

        Qualification after = qualifier.qualify(lead(headOfMarketing, "demo_request"));
        assertThat(after.score().total()).isEqualTo(75);
        assertThat(after.tier()).isEqualTo(Tier.HOT);
        assertThat(after.stage()).isEqualTo(Stage.SQL);
        assertThat(after.score().lines()).extracting(ScoreLine::toString).endsWith("+30 requested a demo");
    }

    @ParameterizedTest(name = "score {0} is {1}")
    @CsvSource({"-40, COLD", "0, COLD", "19, COLD", "20, WARM", "49, WARM", "50, HOT", "200, HOT"})
    void tierBoundaries(int score, Tier tier) {
        assertThat(Qualifier.tierOf(score, TestModels.defaultModel().tiers())).isEqualTo(tier);
    }

    static Stream<Arguments> tierBoundaryLeads() {
        return Stream.of(
                arguments(Map.of("industry", "saas", "role", "influencer"), new String[0], 15, Tier.COLD),
                arguments(Map.of("industry", "saas", "timeline", "3-6m", "role", "influencer"), new String[0], 20, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "decision_maker"), new String[0], 50, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "decision_maker"), new String[]{"page_view"}, 55, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "influencer", "companySize", "1000+"), new String[0], 45, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "influencer", "companySize", "1000+", "challenge", "We lose leads in spreadsheets"), new String[0], 50, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "influencer", "companySize", "11-50"), new String[0], 50, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "planned", "role", "decision_maker"), new String[]{}, 45, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "planned", "role", "decision_maker", "industry", "saas"), new String[]{"page_view@60"}, 56, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "decision_maker", "companySize", "1000+"), new String[]{"page_view"}, 50, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "decision_maker"), new String[]{"page_view"}, 45, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "decision_maker", "companySize", "201-1000"), new String[]{}, 45, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "decision_maker", "companySize", "201-1000", "industry", "healthcare"), new String[]{"pricing_page_view"}, 55, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "decision_maker", "companySize", "201-1000"), new String[]{"email_click"}, 45, Tier.WARM),
                arguments(Map.of("timeline", "1-3m", "budget", "none", "role", "decision_maker", "companySize", "201-1000", "industry", "saas"), new String[]{"email_click"}, 45, Tier.WARM),
                arguments(Map.of("timeline", "1-3m", "budget", "none", "role", "decision_maker", "companySize", "201-1000", "industry", "saas"), new String[]{"email_click", "page_view"}, 50, Tier.HOT),
                arguments(Map.of("timeline", "1-3m", "budget", "none", "role", "decision_maker", "companySize", "1-10", "industry", "saas"), new String[]{"newsletter_signup"}, 35, Tier.WARM),
                arguments(Map.of("timeline", "3-6m", "budget", "none", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"newsletter_signup"}, 20, Tier.WARM),
                arguments(Map.of("timeline", "3-6m", "budget", "none", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"page_view@30"}, 18, Tier.COLD),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "influencer", "industry", "healthcare"), new String[0], 10, Tier.COLD),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[0], 30, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "influencer", "industry", "healthcare", "companySize", "201-1000"), new String[]{"page_view", "page_view"}, 25, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "influencer", "industry", "healthcare", "companySize", "201-1000"), new String[]{"page_view"}, 20, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "user", "industry", "healthcare", "companySize", "201-1000"), new String[]{"page_view", "page_view"}, 20, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "user", "industry", "healthcare", "companySize", "201-1000"), new String[]{"page_view"}, 15, Tier.COLD),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "user", "industry", "healthcare", "companySize", "11-50"), new String[]{"page_view", "page_view@30"}, 23, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "user", "industry", "healthcare", "companySize", "11-50"), new String[]{"page_view@30", "page_view@30"}, 20, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "none", "role", "user", "industry", "healthcare", "companySize", "11-50"), new String[]{"page_view@30", "page_view@60"}, 19, Tier.COLD),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"pricing_page_view@60"}, 45, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"pricing_page_view@60", "page_view@60"}, 46, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "exploring", "role", "influencer", "industry", "saas", "companySize", "11-50"), new String[]{"pricing_page_view@60"}, 55, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "approved", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"email_click@30"}, 55, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "planned", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"pricing_page_view@90"}, 48, Tier.WARM),
                arguments(Map.of("timeline", "now", "budget", "planned", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"pricing_page_view@90", "page_view@30"}, 51, Tier.HOT),
                arguments(Map.of("timeline", "now", "budget", "planned", "role", "influencer", "industry", "saas", "companySize", "1-10"), new String[]{"pricing_page_view@120", "page_view@30"}, 49, Tier.WARM));
    }

    @ParameterizedTest(name = "{2} points is {3}")
    @MethodSource("tierBoundaryLeads")
    void leadsAroundTheTierBoundaries(Map<String, String> answers, String[] signals, int points, Tier tier) {
        Qualification q = qualifier.qualify(lead(answers, signals));
        assertThat(q.score().total()).isEqualTo(points);
        assertThat(q.tier()).isEqualTo(tier);
    }

    static Stream<Arguments> stageRules() {
        Map<String, String> bant = Map.of("budget", "planned", "role", "decision_maker", "timeline", "now",
                "challenge", "Our reps call every form fill and most are students");
        Map<String, String> hotWithoutBant = Map.of("budget", "approved", "role", "decision_maker", "timeline", "3-6m",
                "industry", "saas", "companySize", "11-50");
        return Stream.of(
                arguments("hot with a demo request is SQL", Map.of("timeline", "now"), new String[]{"demo_request"}, Tier.HOT, Stage.SQL),
                arguments("hot with contact sales is SQL", Map.of("timeline", "now"), new String[]{"contact_sales"}, Tier.HOT, Stage.SQL),
                arguments("hot with a quote request is SQL", Map.of("timeline", "now"), new String[]{"quote_request"}, Tier.HOT, Stage.SQL),
                arguments("hot with BANT complete is SQL", bant, new String[0], Tier.HOT, Stage.SQL),
                arguments("hot without intent or BANT is MQL", hotWithoutBant, new String[0], Tier.HOT, Stage.MQL),
                arguments("hot with a product signal but no intent is PQL", hotWithoutBant, new String[]{"teammate_invited"}, Tier.HOT, Stage.PQL),
                arguments("warm with a product signal is PQL", Map.of(), new String[]{"trial_started", "page_view"}, Tier.WARM, Stage.PQL),
                arguments("warm with usage limit is PQL", Map.of(), new String[]{"usage_limit_reached"}, Tier.WARM, Stage.PQL),
                arguments("warm is MQL", Map.of("timeline", "now"), new String[0], Tier.WARM, Stage.MQL),
                arguments("warm with BANT fields but not hot is MQL", Map.of("budget", "planned", "role", "decision_maker"), new String[0], Tier.WARM, Stage.MQL),
                arguments("cold with a product signal is a lead", Map.of(), new String[]{"trial_started"}, Tier.COLD, Stage.LEAD),
                arguments("cold is a lead", Map.of(), new String[0], Tier.COLD, Stage.LEAD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stageRules")
    void stageRules(String name, Map<String, String> answers, String[] signals, Tier tier, Stage stage) {
        Qualification q = qualifier.qualify(lead(answers, signals));
        assertThat(q.tier()).isEqualTo(tier);
        assertThat(q.stage()).isEqualTo(stage);
    }

    @ParameterizedTest(name = "a pricing view {0} days old counts {1}")
    @CsvSource({"0, 20", "15, 14", "30, 10", "60, 5", "90, 3", "365, 0"})
    void behaviourDecaysWithA30DayHalfLife(int daysAgo, int points) {
        Qualification q = qualifier.qualify(lead(Map.of(), "pricing_page_view@" + daysAgo));
        assertThat(q.score().total()).isEqualTo(points);
    }

    @Test
    void fitAndAnswerPointsDoNotDecay() {
        Lead lead = lead(Map.of("budget", "approved", "industry", "saas"), "demo_request");
        Qualification now = qualifier.qualifyAt(lead, NOW);
        Qualification later = qualifier.qualifyAt(lead, NOW.plus(Duration.ofDays(60)));
        assertThat(now.score().total()).isEqualTo(55);
        assertThat(later.score().total()).isEqualTo(25 + 8);
        assertThat(later.tier()).isEqualTo(Tier.WARM);
    }

    @Test
    void aQuietHotLeadCoolsOnTheInjectedClock() {
        Lead lead = lead(Map.of("timeline", "now"), "demo_request");
        Qualifier inTwoMonths = new Qualifier(TestModels.defaultModel(),
                Clock.fixed(NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC));
        assertThat(qualifier.qualify(lead).tier()).isEqualTo(Tier.HOT);
        assertThat(inTwoMonths.qualify(lead).tier()).isEqualTo(Tier.WARM);
        assertThat(inTwoMonths.qualify(lead).evaluatedAt()).isEqualTo(NOW.plus(Duration.ofDays(60)));
    }

    /** The frozen model's download rule counting once per item, at most three items, as the shipped model does. */
    static final Qualifier ONCE_PER_ITEM = new Qualifier(TestModels.edited(
            "    - signal: resource_download\n      points: 10\n",
            "    - signal: resource_download\n      points: 10\n      oncePerItem: true\n      maxCounted: 3\n"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "{0}: {1} points")
    @CsvSource(delimiter = '|', value = {
            "one e-book downloaded five times                    | /ebook, /ebook, /ebook, /ebook, /ebook | 10",
            "two resources                                       | /ebook, /guide, /ebook                 | 20",
            "six resources: the cap counts three                 | /a, /b, /c, /d, /e, /f                 | 30",
            "the same form posted again                          | form:ebook, form:ebook                 | 10"})
    void anItemCountsOnceAndBeaconsAreCapped(String what, String items, int points) {
        List<Signal> downloads = new java.util.ArrayList<>();
        String[] each = items.split(",\\s*");
        for (int i = 0; i < each.length; i++) {
            downloads.add(new Signal(SignalType.RESOURCE_DOWNLOAD, NOW.minusSeconds(60L * (each.length - i)), each[i].strip(), true,
                    SignalSource.PAGE));
        }
        Lead lead = new Lead("L1", "jane@acme.io", Answers.none(), downloads);

        assertThat(ONCE_PER_ITEM.qualify(lead).score().total()).isEqualTo(points);
        assertThat(qualifier.qualify(lead).score().total()).as("the frozen model counts every occurrence")
                .isEqualTo(10 * each.length);
    }

    @Test
    void theShippedModelCountsAResourceOnceAndNeverMakesALeadHotOnDownloadsAlone() {
        Qualifier shipped = new Qualifier(io.leadtriage.config.ModelLoader.loadDefault(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<Signal> beacons = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            beacons.add(new Signal(SignalType.RESOURCE_DOWNLOAD, NOW.minusSeconds(i), "/resource-" + (i % 7), true, SignalSource.PAGE));
        }

        Qualification q = shipped.qualify(new Lead("L1", "jane@acme.io", Answers.none(), beacons));

        assertThat(q.score().lines()).filteredOn(l -> l.ruleId().equals("resource-download"))
                .singleElement().satisfies(l -> assertThat(l.points()).isEqualTo(30));
        assertThat(q.tier()).isNotEqualTo(Tier.HOT);
    }

    @ParameterizedTest(name = "pricing views {0} count {1}")
    @CsvSource(delimiter = '|', value = {
            "three in one hour                 | 0.01,0.02,0.03      | 20",
            "one a day for two days             | 0,1                 | 40",
            "one a day for five days            | 0,1,2,3,4           | 60",
            "twice a day for five days          | 0,0.5,1,1.5,2,2.5,3,3.5,4,4.5 | 60"})
    void theShippedModelCountsAPricingViewOnceADayOnAtMostThreeDays(String what, String daysAgo, int points) {
        List<Signal> views = new ArrayList<>();
        for (String d : daysAgo.split(",")) {
            // a minute of margin so that "one a day" views are a full day apart, not a second less
            Instant at = NOW.minus(Duration.ofMinutes((long) (Double.parseDouble(d.strip()) * 1440) + 1));
            views.add(new Signal(SignalType.PRICING_PAGE_VIEW, at, "/pricing", true, SignalSource.PAGE));
        }
        Qualifier noFading = new Qualifier(io.leadtriage.config.ModelLoader.load(
                io.leadtriage.config.ModelLoader.defaultText().replace("halfLife: P30D", "halfLife: P3650D"),
                "no-fading.yaml"), Clock.fixed(NOW, ZoneOffset.UTC));

        Qualification q = noFading.qualify(new Lead("L1", "jane@acme.io", Answers.none(), views));

        assertThat(q.score().lines()).filteredOn(l -> l.ruleId().equals("pricing-page-view"))
                .singleElement().satisfies(l -> assertThat(l.points()).isEqualTo(points));
    }

    static final Qualifier SHIPPED = new Qualifier(io.leadtriage.config.ModelLoader.loadDefault(), Clock.fixed(NOW, ZoneOffset.UTC));

    /**
     * A fit-less lead (no answers) on the page snippet for eight weeks: every week five downloads (new resources) and a
     * pricing page view a day, and a page view a day, all from beacons.
     */
    static List<Signal> eightWeeksOfBeacons() {
        List<Signal> beacons = new ArrayList<>();
        for (int day = 56; day >= 0; day--) {
            Instant at = NOW.minus(Duration.ofDays(day));
            beacons.add(new Signal(SignalType.PRICING_PAGE_VIEW, at, "/pricing", true, SignalSource.PAGE));
            beacons.add(new Signal(SignalType.PAGE_VIEW, at.plusSeconds(60), "/blog/" + day, true, SignalSource.PAGE));
            if (day % 7 < 5) {
                beacons.add(new Signal(SignalType.RESOURCE_DOWNLOAD, at.plusSeconds(120), "/guide-" + day, true,
                        SignalSource.PAGE));
            }
        }
        return beacons;
    }

    @Test
    void pageBeaconsAloneNeverMakeALeadHotWhateverTheyAddUpTo() {
        List<Signal> beacons = eightWeeksOfBeacons();
        Qualifier withoutTheRule = new Qualifier(io.leadtriage.config.ModelLoader.load(
                io.leadtriage.config.ModelLoader.defaultText().replace("lowTrustSources: [page]", "lowTrustSources: []"),
                "no-low-trust.yaml"), Clock.fixed(NOW, ZoneOffset.UTC));

        for (int day = 0; day <= 56; day++) {
            Instant asOf = NOW.minus(Duration.ofDays(56 - day)).plusSeconds(180);
            List<Signal> sofar = beacons.stream().filter(b -> !b.at().isAfter(asOf)).toList();
            Lead lead = new Lead("L1", "jane@acme.io", Answers.none(), sofar);
            for (Qualifier model : List.of(SHIPPED, qualifier)) {
                assertThat(model.qualifyAt(lead, asOf).tier()).as("day %d", day).isNotEqualTo(Tier.HOT);
            }
        }
        Lead afterEightWeeks = new Lead("L1", "jane@acme.io", Answers.none(), beacons);
        assertThat(withoutTheRule.qualify(afterEightWeeks).tier()).as("what the rule prevents").isEqualTo(Tier.HOT);
    }

    @Test
    void theSameLeadWithOneFormPostedDemoRequestTurnsHot() {
        List<Signal> signals = new ArrayList<>(eightWeeksOfBeacons());
        Qualification beaconsAlone = SHIPPED.qualify(new Lead("L1", "jane@acme.io", Answers.none(), signals));
        signals.add(Signal.fromForm(SignalType.DEMO_REQUEST, "demo", NOW));

        Qualification withDemo = SHIPPED.qualify(new Lead("L1", "jane@acme.io", Answers.none(), signals));

        assertThat(beaconsAlone.score().total()).isEqualTo(103);
        assertThat(beaconsAlone.tier()).isEqualTo(Tier.WARM);
        assertThat(beaconsAlone.score().lines()).extracting(ScoreLine::toString).containsExactly(
                "+15 viewed a page (×3)", "+29 downloaded a resource (×3)", "+59 viewed the pricing page (×3)",
                "warm, not hot: page activity alone cannot make a lead hot (103 of these 103 points)");
        assertThat(beaconsAlone.score().lines().get(3).ruleId()).isEqualTo(Qualifier.LOW_TRUST_RULE);
        assertThat(withDemo.tier()).isEqualTo(Tier.HOT);
        assertThat(withDemo.stage()).isEqualTo(Stage.SQL);
        assertThat(withDemo.score().lines()).extracting(ScoreLine::ruleId).doesNotContain(Qualifier.LOW_TRUST_RULE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what                                        answers                              trusted beacons tier
            "trusted points cold, beacons reach hot      | industry=saas                      | 10 | 45 | WARM",
            "trusted points 15 (cold), beacons add 35    | industry=saas; timeline=3-6m       | 15 | 35 | WARM",
            "trusted points 20 (warm), beacons add 30    | industry=saas; timeline=1-3m       | 20 | 30 | HOT",
            "trusted points hot, no beacons              | timeline=now; budget=approved; role=decision_maker | 50 | 0 | HOT",
            "beacons keep a warm lead warm               | industry=saas; timeline=1-3m       | 20 | 10 | WARM"})
    void aLeadIsHotOnlyWhenItsScoreWithoutPageActivityIsAtLeastWarm(String what, String answers, int trusted,
                                                                     int beaconPoints, Tier tier) {
        List<Signal> beacons = new ArrayList<>();
        for (int i = 0; i < beaconPoints / 10; i++) { // the frozen model: 10 a download, uncapped
            beacons.add(new Signal(SignalType.RESOURCE_DOWNLOAD, NOW, "/guide-" + i, true, SignalSource.PAGE));
        }
        if (beaconPoints % 10 == 5) {
            beacons.add(new Signal(SignalType.PAGE_VIEW, NOW, "/blog", true, SignalSource.PAGE));
        }
        Lead lead = new Lead("L1", "jane@acme.io", Answers.of(io.leadtriage.testing.TableFields.of(answers)), beacons);

        Qualification q = qualifier.qualify(lead);

        assertThat(q.score().total()).isEqualTo(trusted + beaconPoints);
        assertThat(q.tier()).isEqualTo(tier);
        boolean noted = q.score().lines().stream().anyMatch(l -> l.ruleId().equals(Qualifier.LOW_TRUST_RULE));
        assertThat(noted).as("the note, only where it explains why a score in the hot band is warm")
                .isEqualTo(q.score().total() >= 50 && tier == Tier.WARM);
    }

    @Test
    void aSignalFromASourceItsRuleDoesNotAcceptNeverCounts() {
        Qualifier formsOnly = new Qualifier(TestModels.edited(
                "    - signal: demo_request\n      points: 30\n",
                "    - signal: demo_request\n      points: 30\n      sources: [form]\n"), Clock.fixed(NOW, ZoneOffset.UTC));
        Lead fromABackend = new Lead("L1", "jane@acme.io", Answers.none(),
                List.of(Signal.of(SignalType.DEMO_REQUEST, SignalSource.BACKEND, NOW)));
        Lead fromAForm = new Lead("L1", "jane@acme.io", Answers.none(),
                List.of(Signal.fromForm(SignalType.DEMO_REQUEST, "demo", NOW)));

        assertThat(formsOnly.qualify(fromABackend).score().total()).isZero();
        assertThat(qualifier.qualify(fromABackend).score().total()).as("without sources: a form's or a backend's").isEqualTo(30);
        assertThat(formsOnly.qualify(fromAForm).score().total()).isEqualTo(30);
    }

    @Test
    void signalsKeptOnlyForTheTimelineNeverScore() {
        Lead lead = new Lead("L1", "jane@acme.io", Answers.none(),
                List.of(new Signal(SignalType.EMAIL_CLICK, NOW, "scanner", false, SignalSource.EMAIL)));
        assertThat(qualifier.qualify(lead).score().total()).isZero();
    }

    @ParameterizedTest(name = "{0} is disqualified: {1}")
    @CsvSource({
            "someone@mailinator.com, disposable email address",
            "someone@yopmail.com, disposable email address",
            "someone@eu.mailinator.com, disposable email address",
            "someone@rival.example, works for a competitor",
            "someone@sales.rival.example, works for a competitor",
    })
    void disqualifiedDomainsGetNoNurtureAndNoAlert(String email, String reason) {
        Qualifier withCompetitor = new Qualifier(TestModels.edited("competitorDomains: []",
                "competitorDomains: [rival.example]"), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> hotAnswers = new HashMap<>(Map.of("timeline", "now", "budget", "approved",
                "role", "decision_maker"));
        Qualification q = withCompetitor.qualify(lead(email, hotAnswers, "demo_request"));

        assertThat(q.disqualifiedBecause()).contains(reason);
        assertThat(q.tier()).isEqualTo(Tier.COLD);
        assertThat(q.stage()).isEqualTo(Stage.LEAD);
        assertThat(q.alertsSales()).isFalse();
        assertThat(new NurturePlanner(withCompetitor.model()).sequenceFor(q)).isEmpty();
    }

    @Test
    void aLookalikeDomainIsNotDisqualified() {
        Qualification q = qualifier.qualify(lead("someone@notmailinator.com", Map.of()));
        assertThat(q.disqualified()).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "Half our leads are junk leads and sales ignores them | lead-quality",
            "We cannot QUALIFY leads fast enough | lead-quality",
            "Leads go cold before anyone calls | speed-to-lead",
            "We track everything in spreadsheets by hand | manual-work",
            "No idea which campaigns drive revenue; attribution is a mess | attribution",
            "Nothing in particular | ''",
    })
    void challengeTextIsTaggedWithPainPoints(String challenge, String tag) {
        Qualification q = qualifier.qualify(lead(Map.of("challenge", challenge)));
        if (tag.isEmpty()) {
            assertThat(q.painPoints()).isEmpty();
        } else {
            assertThat(q.painPoints()).contains(tag);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "Head of Marketing, decision_maker",
            "Co-Founder & CEO, decision_maker",
            "Marketing Manager, influencer",
            "Senior Software Engineer, influencer",
            "Software Engineer, user",
            "Headset Tester, ''",
    })
    void roleIsDerivedFromTheJobTitleByWholeWords(String title, String role) {
        assertThat(qualifier.roleOf(Answers.of(Map.of("jobTitle", title)))).isEqualTo(role);
    }
}
