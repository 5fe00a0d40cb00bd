package io.leadtriage.app.outbox;

import io.leadtriage.TestModels;
import io.leadtriage.app.LeadUpdates;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.ops.Log;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.RecordingChatSender;
import io.leadtriage.testing.TableFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.RecordingChatSender.SLACK;
import static io.leadtriage.testing.RecordingChatSender.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat alerts on the in-memory ports: planned with the change that turns a lead hot, one item per webhook of the
 * matching route, posted once right after the change, retried on throttling (after Slack's Retry-After) and outages,
 * dropped with a timeline entry when the webhook refuses, never for a lead that is not hot.
 */
class SendChatAlertTest {
    static final Map<String, String> HOT_DEMO = DispatchOutboxTest.HOT_DEMO;
    static final String SLACK_ITEM = "chat-" + SLACK + "-1";

    final CoreFlow flow = CoreFlow.start();

    static String routes(String everyone) {
        return TestModels.editedText("  routes: []\n", """
                  routes:
                    - id: dach
                      when: [{ field: country, in: [DE, AT, CH] }]
                      to: [anna@yourcompany.com, ben@yourcompany.com]
                      rotate: true
                      slack: sales-team
                    - id: everyone
                      when: []
                      to: [reps@yourcompany.com]
                """ + everyone);
    }

    void chatRoutes() {
        flow.services().changeModel().put(routes("      slack: sales-team\n      teams: sales-team\n"), null);
    }

    @Test
    void aHotLeadGetsOneChatItemPerWebhookStoredWithTheChangeAndPostedOnceRightAfter() {
        chatRoutes();
        LeadUpdates.Applied applied = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO);

        assertThat(applied.outbox()).extracting(OutboxItem::outboxId)
                .contains(OutboxItem.alertId(1), SLACK_ITEM, "chat-" + TEAMS + "-1");
        assertThat(flow.chat().posted()).extracting(RecordingChatSender.Posted::webhook).containsExactlyInAnyOrder(SLACK, TEAMS);

        flow.dispatchAfter(Duration.ofMinutes(1));
        flow.dispatchAfter(Duration.ofHours(1));
        assertThat(flow.chat().attempts()).as("each posted once").isEqualTo(2);
        assertThat(flow.mail().alertsAbout("Priya Shah")).extracting(OutgoingEmail::to)
                .containsExactly(List.of("reps@yourcompany.com"));
    }

    @Test
    void aLeadThatIsNotHotGetsNoChatAlert() {
        chatRoutes();
        LeadUpdates.Applied applied = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee"));

        assertThat(applied.after().qualification().alertsSales()).isFalse();
        assertThat(applied.outbox()).noneMatch(item -> item.kind() == OutboxKind.CHAT_ALERT);
        flow.dispatchAfter(Duration.ofHours(1));
        assertThat(flow.chat().attempts()).isZero();
    }

    @Test
    void aRoutesChannelGetsEveryAlertWhileRoundRobinPicksTheEmailsRep() {
        chatRoutes();
        for (int i = 0; i < 3; i++) {
            Map<String, String> answers = new HashMap<>(HOT_DEMO);
            answers.putAll(TableFields.of("country=DE"));
            flow.submit("demo", "lead" + i + "@northwind-saas.com", answers);
        }

        assertThat(flow.mail().alertsAbout("Priya Shah")).extracting(OutgoingEmail::to).containsExactly(
                List.of("anna@yourcompany.com"), List.of("ben@yourcompany.com"), List.of("anna@yourcompany.com"));
        assertThat(flow.chat().posted()).extracting(RecordingChatSender.Posted::webhook).containsExactly(SLACK, SLACK, SLACK);
    }

    @Test
    void aThrottledPostWaitsForSlacksRetryAfterThenGoesOnce() {
        chatRoutes();
        flow.chat().answerNext(429, Duration.ofMinutes(5));
        Instant failedAt = flow.clock().instant();
        String leadId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();

        OutboxItem waiting = flow.storage().outbox().find(leadId, SLACK_ITEM).orElseThrow();
        assertThat(waiting.dueAt()).as("Retry-After, longer than the first backoff").isEqualTo(failedAt.plus(Duration.ofMinutes(5)));
        flow.dispatchAfter(Duration.ofMinutes(1));
        assertThat(flow.chat().posted()).extracting(RecordingChatSender.Posted::webhook).containsExactly(TEAMS);

        flow.dispatchAfter(Duration.ofMinutes(5));
        flow.dispatchAfter(Duration.ofHours(1));
        assertThat(flow.chat().posted()).extracting(RecordingChatSender.Posted::webhook).containsExactlyInAnyOrder(TEAMS, SLACK);
    }

    @Test
    void anOutageIsRetriedWithTheDispatchersBackoff() {
        chatRoutes();
        flow.chat().answerNext(503, null);
        Instant failedAt = flow.clock().instant();
        String leadId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();

        assertThat(flow.storage().outbox().find(leadId, SLACK_ITEM).orElseThrow().dueAt())
                .isBetween(failedAt.plusSeconds(24), failedAt.plusSeconds(36));
        flow.dispatchAfter(Duration.ofMinutes(1));
        assertThat(flow.chat().posted()).extracting(RecordingChatSender.Posted::webhook).contains(SLACK);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {403, 404, 410})
    void aWebhookThatRefusesIsDroppedAndTheTimelineSaysSo(int status) {
        chatRoutes();
        flow.chat().answerNext(status, null);
        String leadId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();

        flow.dispatchAfter(Duration.ofMinutes(1));
        flow.dispatchAfter(Duration.ofHours(1));

        assertThat(flow.chat().attempts()).as("the Teams post, and the refused Slack post once").isEqualTo(2);
        assertThat(flow.timeline(leadId)).contains("chat alert to " + SLACK + " not sent: the webhook refused it (HTTP "
                + status + ")");
        assertThat(flow.storage().outbox().due(flow.clock().instant().plus(Duration.ofDays(1)), 10))
                .noneMatch(item -> item.kind() == OutboxKind.CHAT_ALERT);
    }

    @Test
    void aWebhookTheSecretDoesNotNameIsRecordedNotPosted() {
        flow.services().changeModel().put(routes("      slack: marketing\n"), null);
        String leadId = flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();

        assertThat(flow.chat().attempts()).isZero();
        assertThat(flow.timeline(leadId))
                .contains("chat alert to slack:marketing not sent: the chat webhooks secret names no such webhook");
        assertThat(flow.mail().alertsAbout("Priya Shah")).as("the email alert goes all the same").hasSize(1);
    }

    @Test
    void theLogSaysWhichWebhookAndStatusNeverTheLeadsData() {
        chatRoutes();
        flow.chat().answerNext(404, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log.redirectTo(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO);
        } finally {
            Log.redirectTo(System.out);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("chat alert not taken").contains(SLACK).contains("404")
                .doesNotContain("priya@northwind-saas.com").doesNotContain("Priya");
    }
}
