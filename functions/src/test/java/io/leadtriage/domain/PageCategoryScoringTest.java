package io.leadtriage.domain;

import io.leadtriage.TestModels;
import io.leadtriage.config.ModelLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages that say their kind: a careers or support page view scores negatively, a docs page positively, each page
 * once and capped like any behaviour rule, decaying, and never also as a plain page view.
 */
class PageCategoryScoringTest {
    static final Instant NOW = QualifierTest.NOW;
    final Qualifier qualifier = new Qualifier(ModelLoader.load(TestModels.withPageCategories(), "model.yaml"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** Signals as "category:path@daysAgo" (an empty category: a plain page view), all page views from the snippet. */
    static Lead lead(String signals) {
        List<Signal> list = new ArrayList<>();
        for (String s : signals.isBlank() ? new String[0] : signals.split(" ")) {
            String[] at = s.split("@");
            String[] parts = at[0].split(":");
            Instant when = NOW.minus(Duration.ofDays(at.length > 1 ? Long.parseLong(at[1]) : 0));
            list.add(new Signal(SignalType.PAGE_VIEW, when, parts[1], true, SignalSource.PAGE, parts[0]));
        }
        return new Lead("L1", "jane@acme.io", Answers.of(Map.of("role", "decision_maker")), list);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "one careers page                      | careers:/jobs/1                                   | 5  | −10 viewed the careers pages (likely a job seeker)",
            "the same careers page three times     | careers:/jobs/1 careers:/jobs/1 careers:/jobs/1   | 5  | −10 viewed the careers pages (likely a job seeker)",
            "three careers pages, two counted      | careers:/jobs/1 careers:/jobs/2 careers:/jobs/3   | -5 | −20 viewed the careers pages (likely a job seeker) (×2)",
            "a careers page a month ago fades      | careers:/jobs/1@30                                | 10 | −5 viewed the careers pages (likely a job seeker)",
            "a support page                        | support:/help/reset-password                      | 10 | −5 read the support pages (likely a customer already)",
            "docs pages, once each                 | docs:/docs/a docs:/docs/a docs:/docs/b            | 25 | +10 read the documentation (×2)",
            "a category no rule names is a page view | blog:/blog/x                                    | 20 | +5 viewed a page",
            "a plain page view                     | :/about                                           | 20 | +5 viewed a page"})
    void aPageCategoryScoresApartWithItsOwnCountingAndCaps(String what, String signals, int total, String line) {
        Qualification q = qualifier.qualify(lead(signals));

        assertThat(q.score().total()).isEqualTo(total);
        assertThat(q.score().lines()).extracting(ScoreLine::toString).containsExactly("+15 decision maker", line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "careers views are not also page views | careers:/jobs/1 :/about      | −10 viewed the careers pages (likely a job seeker), +5 viewed a page",
            "page views and docs together          | :/a :/b docs:/docs/a          | +10 viewed a page (×2), +5 read the documentation"})
    void aCategoryPageViewCountsOnlyUnderItsCategory(String what, String signals, String lines) {
        Qualification q = qualifier.qualify(lead(signals));

        assertThat(q.score().lines()).extracting(ScoreLine::toString)
                .containsExactlyInAnyOrder(("+15 decision maker, " + lines).split(", "));
    }
}
