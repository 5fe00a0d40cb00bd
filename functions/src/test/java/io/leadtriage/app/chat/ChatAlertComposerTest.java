package io.leadtriage.app.chat;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.json.JsonTree;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat alert's payloads: the email's summary, lead text escaped for each service, buttons to the disposition page. */
class ChatAlertComposerTest {
    static final String DISPOSITION = "https://api.example.com/v1/alerts/disposition?t=signed.token";

    final CoreFlow flow = CoreFlow.start();

    LeadRecord hotLead(Map<String, String> answers) {
        return flow.submit("demo", "priya@northwind-saas.com", answers).after();
    }

    @Test
    void slackGetsTheAlertsSummaryAsBlockKitWithUrlButtonsToTheDispositionPage() throws IOException {
        LeadRecord lead = hotLead(Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now",
                "budget", "approved", "challenge", "Our spreadsheets cannot keep up"));

        Map<?, ?> payload = (Map<?, ?>) parse(ChatAlertComposer.slack(lead, DISPOSITION));

        assertThat((String) payload.get("text")).startsWith("Hot lead: Priya Shah (Northwind) · ");
        List<?> blocks = (List<?>) payload.get("blocks");
        assertThat(blocks).extracting(b -> (Object) ((Map<?, ?>) b).get("type"))
                .containsExactly("header", "section", "section", "section", "context", "actions");
        String all = ChatAlertComposer.slack(lead, DISPOSITION);
        assertThat(all).contains("*Contact*\\nPriya Shah\\nNorthwind\\npriya@northwind-saas.com")
                .contains("*Timeline*").contains("*Budget*").contains("*Need*\\nOur spreadsheets cannot keep up")
                .contains("*Why it scored so*");
        List<?> buttons = (List<?>) ((Map<?, ?>) blocks.get(5)).get("elements");
        assertThat(buttons).hasSize(2).allSatisfy(b -> {
            assertThat(((Map<?, ?>) b).get("type")).isEqualTo("button");
            assertThat(((Map<?, ?>) b).get("url")).as("a link: opening it changes nothing").isEqualTo(DISPOSITION);
        });
        assertThat(buttons).extracting(b -> (Object) ((Map<?, ?>) ((Map<?, ?>) b).get("text")).get("text"))
                .containsExactly("I'm on it", "Not a fit");
    }

    static Object parse(String json) throws IOException {
        com.fasterxml.jackson.core.JsonParser p = JsonTree.parser(json);
        p.nextToken();
        return JsonTree.read(p);
    }

    /** Slack parses links and mentions in mrkdwn text (and the notification text), never in a plain_text header. */
    @Test
    void aLeadCannotWriteLinksOrMentionsIntoSlack() throws IOException {
        LeadRecord lead = hotLead(Map.of("name", "<!channel> Eve", "company", "A&B <https://evil.example|bank>",
                "timeline", "now", "challenge", "<@U123> click <https://evil.example>"));

        String text = ChatAlertComposer.slack(lead, DISPOSITION);
        Map<?, ?> parsed = (Map<?, ?>) parse(text);
        List<?> blocks = (List<?>) parsed.get("blocks");
        StringBuilder marked = new StringBuilder((String) parsed.get("text"));
        for (Object block : blocks.subList(1, blocks.size())) {
            marked.append(JsonTree.write(block));
        }
        String payload = marked.toString();

        assertThat(payload).doesNotContain("<!channel>").doesNotContain("<https://evil").doesNotContain("<@U123>")
                .contains("&lt;!channel&gt; Eve").contains("A&amp;B &lt;https://evil.example|bank&gt;")
                .contains("&lt;@U123&gt; click &lt;https://evil.example&gt;");
    }

    @Test
    void teamsGetsAnAdaptiveCardWithOpenUrlButtonsAndEscapedMarkdown() throws IOException {
        LeadRecord lead = hotLead(Map.of("name", "Priya [Shah](https://evil.example)", "company", "Northwind",
                "timeline", "now"));

        String text = ChatAlertComposer.compose("teams:sales-team", lead, DISPOSITION, java.util.List.of());
        Map<?, ?> payload = (Map<?, ?>) parse(text);

        assertThat(payload.get("type")).isEqualTo("message");
        Map<?, ?> attachment = (Map<?, ?>) ((List<?>) payload.get("attachments")).get(0);
        assertThat(attachment.get("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        Map<?, ?> card = (Map<?, ?>) attachment.get("content");
        assertThat(card.get("type")).isEqualTo("AdaptiveCard");
        assertThat((List<?>) card.get("actions")).extracting(a -> ((Map<?, ?>) a).get("type"), a -> ((Map<?, ?>) a).get("url"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple("Action.OpenUrl", DISPOSITION));
        assertThat(text).doesNotContain("[Shah](https").contains("\\\\[Shah\\\\]\\\\(https://evil.example\\\\)");
    }

    @Test
    void slackAndTeamsAreToldApartByTheWebhooksName() {
        LeadRecord lead = hotLead(Map.of("name", "Priya Shah", "timeline", "now"));

        assertThat(ChatAlertComposer.compose("slack:sales-team", lead, DISPOSITION, java.util.List.of())).contains("\"blocks\"");
        assertThat(ChatAlertComposer.compose("teams:sales-team", lead, DISPOSITION, java.util.List.of())).contains("AdaptiveCard");
    }
}
