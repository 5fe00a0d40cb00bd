package io.leadtriage.app;

import io.leadtriage.app.RecordDisposition.Opened;
import io.leadtriage.app.RecordDisposition.Recorded;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rep's one-click verdict on a sales alert, on the in-memory ports: opening the link changes nothing, a choice is
 * recorded once per alert (on the alert and on the lead, with the rules that had fired), and the score stays.
 */
class RecordDispositionTest {
    /** 50 points: hot (a demo request +30, timeline now +20), alerted at once. */
    static final Map<String, String> HOT_DEMO = Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now");

    final CoreFlow flow = CoreFlow.start();
    final RecordDisposition dispositions = flow.recordDisposition();
    final String priyaId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();

    String link(String leadId) {
        return flow.services().tokens().issue(TokenPurpose.DISPOSITION, leadId);
    }

    Opened opened(String leadId) {
        return dispositions.open(link(leadId)).orElseThrow();
    }

    @Test
    void theLinkOpensTheLeadTheModelAndTheEscalationLimitAndChangesNothing() {
        long version = flow.lead(priyaId).version();

        Opened opened = opened(priyaId);

        assertThat(opened.lead().id()).isEqualTo(priyaId);
        assertThat(opened.recorded()).isEmpty();
        assertThat(opened.model().forms()).containsKey("demo");
        assertThat(opened.escalatesWithin()).as("the model's acceptWithin").isEqualTo(Duration.ofMinutes(15));
        assertThat(flow.lead(priyaId).version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} link")
    @ValueSource(strings = {"a forged", "an expired", "an unsubscribe", "no", "an erased lead's"})
    void aLinkThatIsNotValidOpensNothing(String kind) {
        TokenService tokens = flow.services().tokens();
        String real = link(priyaId);
        String token = switch (kind) {
            case "a forged" -> real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
            case "an expired" -> tokens.issue(TokenPurpose.DISPOSITION, priyaId, Duration.ofSeconds(-1));
            case "an unsubscribe" -> tokens.issue(TokenPurpose.UNSUBSCRIBE, priyaId);
            case "no" -> null;
            default -> {
                flow.services().eraseLead().erase(priyaId);
                yield real;
            }
        };

        assertThat(dispositions.open(token)).isEmpty();
    }

    static final java.util.List<String> CHOICES = RecordDisposition.CHOICES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CHOICES")
    void aChoiceIsRecordedOnTheAlertAndOnTheLeadAndTheScoreStays(String choice) {
        flow.clock().advance(Duration.ofMinutes(3));
        Instant at = flow.clock().instant();
        LeadRecord before = flow.lead(priyaId);

        Recorded recorded = dispositions.record(before, choice);

        assertThat(recorded).isEqualTo(new Recorded(choice, at, true));
        LeadRecord after = flow.lead(priyaId);
        assertThat(after.sales().disposition()).isEqualTo(choice);
        assertThat(after.sales().dispositionAt()).isEqualTo(at);
        assertThat(after.sales().rulesAtOutcome()).as("evidence for calibration").containsExactly("timeline-now", "demo-request");
        assertThat(after.qualification()).as("the verdict is no scoring rule").usingRecursiveComparison()
                .ignoringFields("evaluatedAt").isEqualTo(before.qualification());
        assertThat(flow.storage().alerts().dispositionOf(priyaId, OutboxItem.alertId(1))).contains(choice);
        assertThat(flow.timeline(priyaId)).contains(choice + " (alert alert-1)");
        assertThat(opened(priyaId).recorded()).contains(new Recorded(choice, at, false));
    }

    @Test
    void anAlertTakesOneChoiceTheFirst() {
        Recorded first = dispositions.record(flow.lead(priyaId), "accepted");
        flow.clock().advance(Duration.ofMinutes(1));
        long version = flow.lead(priyaId).version();

        Recorded second = dispositions.record(flow.lead(priyaId), "wrong_fit");

        assertThat(second).isEqualTo(new Recorded("accepted", first.at(), false));
        assertThat(flow.lead(priyaId).sales().disposition()).isEqualTo("accepted");
        assertThat(flow.lead(priyaId).version()).isEqualTo(version);
        assertThat(flow.timeline(priyaId)).filteredOn(entry -> entry.contains("(alert alert-1)")).hasSize(1);
    }

    @Test
    void aNewHotEpisodeIsANewAlertToDecideOn() {
        dispositions.record(flow.lead(priyaId), "accepted");
        flow.clock().advanceTo(flow.lead(priyaId).reviewTierAt().plusSeconds(60));
        flow.reviewTiers().reviewDue(100);
        flow.submit("demo", "priya@northwind-saas.com", Map.of());
        assertThat(flow.lead(priyaId).hotEpisode()).isEqualTo(2);
        assertThat(opened(priyaId).recorded()).as("nothing recorded on the second alert yet").isEmpty();

        Recorded recorded = dispositions.record(flow.lead(priyaId), "duplicate");

        assertThat(recorded.justNow()).isTrue();
        assertThat(flow.lead(priyaId).sales().disposition()).isEqualTo("duplicate");
        assertThat(flow.storage().alerts().dispositionOf(priyaId, OutboxItem.alertId(1))).contains("accepted");
        assertThat(flow.timeline(priyaId)).contains("accepted (alert alert-1)", "duplicate (alert alert-2)");
    }

    @Test
    void aLeadThatWasNeverAlertedHasNoAlertToRecordOn() {
        String samId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();
        long version = flow.lead(samId).version();

        Recorded recorded = dispositions.record(flow.lead(samId), "accepted");

        assertThat(recorded).isEqualTo(new Recorded("accepted", null, false));
        assertThat(flow.lead(samId).sales().disposition()).isNull();
        assertThat(flow.lead(samId).version()).isEqualTo(version);
        assertThat(opened(samId).recorded()).isEqualTo(Optional.empty());
    }

    @Test
    void aChoiceThatIsNotOnThePageIsNoChoice() {
        assertThatThrownBy(() -> dispositions.record(flow.lead(priyaId), "maybe"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(flow.storage().alerts().dispositionOf(priyaId, OutboxItem.alertId(1))).isEmpty();
    }
}
