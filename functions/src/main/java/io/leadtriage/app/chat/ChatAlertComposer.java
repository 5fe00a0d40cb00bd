package io.leadtriage.app.chat;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.model.AlertRoute;
import io.leadtriage.domain.model.Question;
import io.leadtriage.json.JsonTree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sales alert as a chat message: the email's summary (who, company, need, the facts, why it scored so; the same
 * rows {@link SalesAlertComposer} shows) as Slack Block Kit or a Teams Adaptive Card, with URL buttons to the
 * disposition page. The buttons are links, not interactive actions: opening the page (as a link unfurler or a scanner
 * does) changes nothing; the rep's choice is POSTed from the page and recorded once, as the email's link is.
 *
 * <p>Everything the lead typed is escaped for the service's markup: in Slack's mrkdwn {@code &}, {@code <} and
 * {@code >} (so a lead cannot write a link or {@code <!channel>}); in Teams' markdown the link and emphasis characters.
 */
public final class ChatAlertComposer {
    /** Slack's limits: a header's text, a section field's text, a section's text. */
    static final int HEADER_MAX = 150;
    static final int FIELD_MAX = 2000;
    static final int SECTION_MAX = 3000;
    static final String ON_IT = "I'm on it";
    static final String NOT_A_FIT = "Not a fit";

    private ChatAlertComposer() {
    }

    /**
     * The message for a webhook named {@code slack:…} or {@code teams:…}.
     *
     * @param questions the model's own questions, whose answers are shown by their labels
     */
    public static String compose(String webhook, LeadRecord lead, String dispositionUrl, List<Question> questions) {
        return webhook.startsWith(AlertRoute.TEAMS + ":") ? teams(lead, dispositionUrl, questions)
                : slack(lead, dispositionUrl, questions);
    }

    /** A Slack incoming webhook's payload, for a model without questions of its own. */
    public static String slack(LeadRecord lead, String dispositionUrl) {
        return slack(lead, dispositionUrl, List.of());
    }

    /** A Teams Workflows webhook's payload, for a model without questions of its own. */
    public static String teams(LeadRecord lead, String dispositionUrl) {
        return teams(lead, dispositionUrl, List.of());
    }

    /** A Slack incoming webhook's payload: {@code text} for notifications, {@code blocks} for the message. */
    public static String slack(LeadRecord lead, String dispositionUrl, List<Question> questions) {
        Summary s = Summary.of(lead, questions);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(cut(s.title(), HEADER_MAX))));
        List<Object> fields = new ArrayList<>();
        fields.add(mrkdwn(cut("*Contact*\n" + slackText(s.contact()), FIELD_MAX)));
        for (Map<String, String> row : s.facts()) {
            if (fields.size() < 10) {   // Slack takes at most ten fields a section
                fields.add(mrkdwn(cut("*" + slackText(row.get("label")) + "*\n" + slackText(row.get("value")), FIELD_MAX)));
            }
        }
        blocks.add(Map.of("type", "section", "fields", fields));
        if (!s.need().isEmpty()) {
            blocks.add(Map.of("type", "section", "text", mrkdwn(cut("*Need*\n" + slackText(s.need()), SECTION_MAX))));
        }
        if (!s.reasons().isEmpty()) {
            blocks.add(Map.of("type", "section", "text", mrkdwn(cut("*Why it scored so*\n• "
                    + slackText(String.join("\n• ", s.reasons())), SECTION_MAX))));
        }
        blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn("Lead " + slackText(lead.id())))));
        if (dispositionUrl != null) {
            blocks.add(Map.of("type", "actions", "elements", List.of(
                    button(ON_IT, "accepted", dispositionUrl, "primary"), button(NOT_A_FIT, "wrong_fit", dispositionUrl, null))));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", slackText(s.title()));
        payload.put("blocks", blocks);
        return JsonTree.write(payload);
    }

    /**
     * A Teams Workflows webhook's payload ("When a Teams webhook request is received", then "Post card in a chat or
     * channel"): a message with one Adaptive Card attachment, its facts a FactSet and its buttons Action.OpenUrl.
     */
    public static String teams(LeadRecord lead, String dispositionUrl, List<Question> questions) {
        Summary s = Summary.of(lead, questions);
        List<Object> body = new ArrayList<>();
        body.add(Map.of("type", "TextBlock", "text", teamsText(s.title()), "weight", "Bolder", "size", "Medium", "wrap", true));
        body.add(Map.of("type", "TextBlock", "text", teamsText(s.contact()), "wrap", true));
        List<Object> facts = new ArrayList<>();
        for (Map<String, String> row : s.facts()) {
            facts.add(Map.of("title", teamsText(row.get("label")), "value", teamsText(row.get("value"))));
        }
        if (!facts.isEmpty()) {
            body.add(Map.of("type", "FactSet", "facts", facts));
        }
        if (!s.need().isEmpty()) {
            body.add(Map.of("type", "TextBlock", "text", "**Need:** " + teamsText(s.need()), "wrap", true));
        }
        if (!s.reasons().isEmpty()) {
            body.add(Map.of("type", "TextBlock", "text", "**Why it scored so:** "
                    + teamsText(String.join("; ", s.reasons())), "wrap", true));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        if (dispositionUrl != null) {
            card.put("actions", List.of(Map.of("type", "Action.OpenUrl", "title", ON_IT, "url", dispositionUrl),
                    Map.of("type", "Action.OpenUrl", "title", NOT_A_FIT, "url", dispositionUrl)));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("content", card);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "message");
        payload.put("attachments", List.of(attachment));
        return JsonTree.write(payload);
    }

    /** Slack's mrkdwn control characters, escaped as Slack asks: no link, mention or {@code <!channel>} from a lead. */
    static String slackText(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Teams' markdown: a backslash before the characters that make links and emphasis. */
    static String teamsText(String text) {
        return text == null ? "" : text.replaceAll("([\\\\\\[\\]()*_`~#>])", "\\\\$1");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", false);
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static Map<String, Object> button(String label, String actionId, String url, String style) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("text", plain(label));
        b.put("action_id", actionId);
        b.put("url", url);
        if (style != null) {
            b.put("style", style);
        }
        return b;
    }

    /** What both messages say, unescaped: the email's subject, contact lines, fact rows, need and score lines. */
    private record Summary(String title, String contact, List<Map<String, String>> facts, String need, List<String> reasons) {
        static Summary of(LeadRecord lead, List<Question> questions) {
            QualificationSummary q = Objects.requireNonNull(lead.qualification(), "a chat alert needs the lead's qualification");
            Answers answers = lead.lead().answers();
            List<String> contact = new ArrayList<>();
            String name = answers.displayName();
            contact.add(name.isEmpty() ? lead.lead().email() : name);
            String headline = SalesAlertComposer.headline(answers.getOrEmpty(Fields.JOB_TITLE), answers.getOrEmpty(Fields.COMPANY));
            if (!headline.isEmpty()) {
                contact.add(headline);
            }
            contact.add(lead.lead().email());
            String phone = answers.getOrEmpty(Fields.PHONE);
            contact.add(phone.isBlank() ? "no phone number given" : phone);
            return new Summary(SalesAlertComposer.subject(lead, q), String.join("\n", contact),
                    SalesAlertComposer.details(answers, q, questions), answers.getOrEmpty(Fields.CHALLENGE),
                    q.breakdown().stream().map(ScoreLine::toString).toList());
        }
    }
}
