package io.leadtriage.app;

import io.leadtriage.domain.SignalType;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Form intake on the in-memory ports: one lead per email, and a repeated submission counted once. */
class SubmitFormTest {
    static final String PRIYA = "priya@northwind-saas.com";
    static final Map<String, String> HOT_DEMO = Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now");

    final CoreFlow flow = CoreFlow.start();

    @Test
    void theSameSubmissionIdIsOneSubmission() {
        LeadUpdates.Applied first = flow.submit(CoreFlow.post("demo", PRIYA, HOT_DEMO, true, "submission-1"));
        long versionBefore = flow.lead(first.after().id()).version();
        flow.clock().advance(Duration.ofSeconds(5));
        LeadUpdates.Applied retried = flow.submit(CoreFlow.post("demo", PRIYA, HOT_DEMO, true, "submission-1"));

        assertThat(retried.repeat()).isTrue();
        assertThat(retried.created()).as("answered as the submission that created the lead").isTrue();
        assertThat(retried.after().id()).isEqualTo(first.after().id());
        assertThat(flow.lead(first.after().id()).version()).as("nothing stored again").isEqualTo(versionBefore);
        assertThat(flow.mail().alertsAbout("Priya Shah")).hasSize(1);

        LeadUpdates.Applied another = flow.submit(CoreFlow.post("demo", PRIYA, HOT_DEMO, true, "submission-2"));
        assertThat(another.repeat()).isFalse();
        assertThat(flow.lead(first.after().id()).lead().signals()).filteredOn(s -> s.type() == SignalType.DEMO_REQUEST)
                .hasSize(2);
    }

    @ParameterizedTest(name = "the same answers without an id, {0} later: a repeat? {1}")
    @CsvSource({"PT1M, true", "PT11M, false"})
    void theSameAnswersWithoutAnIdAreOneSubmissionForAFewMinutes(Duration later, boolean repeat) {
        LeadUpdates.Applied first = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee"));
        flow.clock().advance(later);

        LeadUpdates.Applied again = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee"));

        assertThat(again.repeat()).isEqualTo(repeat);
        assertThat(flow.lead(first.after().id()).lead().signals()).hasSize(repeat ? 1 : 2);
    }

    @Test
    void anotherFormFromTheSameAddressIsTheSameLeadWithItsAnswersMerged() {
        LeadUpdates.Applied newsletter = flow.submit("newsletter", "sam@northwind-saas.com",
                Map.of("name", "Sam Lee", "timeline", "now"));
        LeadUpdates.Applied ebook = flow.submit("ebook", "sam@northwind-saas.com", Map.of("company", "Northwind"));

        assertThat(ebook.created()).isFalse();
        assertThat(ebook.after().id()).isEqualTo(newsletter.after().id());
        assertThat(ebook.after().lead().answers().asMap()).containsEntry("name", "Sam Lee").containsEntry("timeline", "now")
                .containsEntry("company", "Northwind");
        assertThat(ebook.after().qualification().score()).as("newsletter 5 + timeline 20 + download 10").isEqualTo(35);
    }

    @Test
    void aStepTwoForALeadThatIsGoneOrAnUnknownFormIsRefused() {
        assertThatThrownBy(() -> flow.submitStep2("get-started", "erased-lead", Map.of("company", "Acme")))
                .isInstanceOf(UnknownLeadException.class);
        assertThatThrownBy(() -> flow.submit("no-such-form", "sam@northwind-saas.com", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(flow.storage().leads().findLeadIdByEmail("sam@northwind-saas.com")).isEmpty();
    }
}
