package io.leadtriage.app.events;

import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.email.LeadWords;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.json.JsonTree;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The lead events a stored change calls for, as outbox items of that same change: {@code lead.created} for a new
 * lead, {@code lead.qualified} when a known lead's tier or stage moved, {@code lead.hot} when a hot episode began,
 * {@code lead.disposition} and {@code lead.outcome} when sales recorded one. Each event is written whole when the change
 * is stored (what it says is what was true then), with an id consumers deduplicate on and a sequence that orders
 * a lead's events: the lead's version times {@link #PER_CHANGE} plus the event's place in the change.
 */
public final class LeadEvents {
    /** Room for every event one change can call for (today at most four). */
    static final long PER_CHANGE = 10;
    private static final List<String> UTM = List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content");

    private LeadEvents() {
    }

    /** The events of a change from {@code before} (null for a new lead) to {@code after}, in the order they happened. */
    public static List<OutboxItem> forChange(LeadRecord before, LeadRecord after, QualificationModel model, Instant now) {
        List<Map<String, Object>> events = new ArrayList<>();
        QualificationSummary is = after.qualification();
        if (before == null) {
            Map<String, Object> created = verdict(is);
            created.put("contact", contact(after.lead().answers(), after.lead().email()));
            created.put("source", source(after.source()));
            created.put("utm", utm(after.source()));
            events.add(named(LeadEventType.CREATED, created));
        } else {
            QualificationSummary was = before.qualification();
            if (was.tier() != is.tier() || was.stage() != is.stage()) {
                Map<String, Object> qualified = verdict(is);
                qualified.put("previous", verdict(was));
                events.add(named(LeadEventType.QUALIFIED, qualified));
            }
        }
        if (after.hotEpisode() > (before == null ? 0 : before.hotEpisode())) {
            events.add(named(LeadEventType.HOT, hot(after, model)));
        }
        SalesState was = before == null ? null : before.sales();
        SalesState sales = after.sales();
        if (sales.dispositionAt() != null && (was == null || !Objects.equals(was.dispositionAt(), sales.dispositionAt()))) {
            Map<String, Object> disposition = new LinkedHashMap<>();
            disposition.put("disposition", sales.disposition());
            disposition.put("episode", after.hotEpisode());
            disposition.put("recordedAt", sales.dispositionAt().truncatedTo(ChronoUnit.MILLIS).toString());
            events.add(named(LeadEventType.DISPOSITION, disposition));
        }
        String outcome = outcome(was, sales);
        if (outcome != null) {
            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("outcome", outcome);
            recorded.put("tier", is.tier().wireName());
            recorded.put("stage", is.stage().wireName());
            recorded.put("score", is.score());
            events.add(named(LeadEventType.OUTCOME, recorded));
        }
        List<OutboxItem> items = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            items.add(item(after.id(), after.version() * PER_CHANGE + i, events.get(i), now));
        }
        return items;
    }

    /**
     * {@code lead.erased}: the lead's id and nothing else, after every event of the lead: its sequence is the last
     * place of the change after the lead's last version, so that no change racing the erasure can take its place.
     */
    public static OutboxItem erased(String leadId, long lastVersion, Instant now) {
        return item(leadId, (lastVersion + 2) * PER_CHANGE - 1, named(LeadEventType.ERASED, new LinkedHashMap<>()), now);
    }

    private static OutboxItem item(String leadId, long sequence, Map<String, Object> fields, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", fields.remove("event"));
        event.put("schemaVersion", LeadEventType.SCHEMA_VERSION);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("leadId", leadId);
        event.put("sequence", sequence);
        event.put("occurredAt", now.truncatedTo(ChronoUnit.MILLIS).toString());
        event.putAll(fields);
        return OutboxItem.leadEvent(leadId, sequence, (String) event.get("event"), JsonTree.write(event), now);
    }

    private static Map<String, Object> named(LeadEventType type, Map<String, Object> fields) {
        fields.put("event", type.wireName());
        return fields;
    }

    private static Map<String, Object> verdict(QualificationSummary q) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("tier", q.tier().wireName());
        v.put("stage", q.stage().wireName());
        v.put("score", q.score());
        v.put("disqualifiedBecause", q.disqualifiedBecause());
        return v;
    }

    /** The sales alert's summary, as data: who, the company, BANT, the score and why, where the lead came from. */
    private static Map<String, Object> hot(LeadRecord lead, QualificationModel model) {
        Answers answers = lead.lead().answers();
        QualificationSummary q = lead.qualification();
        LeadWords words = new LeadWords(model);
        Map<String, Object> hot = new LinkedHashMap<>();
        hot.put("episode", lead.hotEpisode());
        Map<String, Object> contact = contact(answers, lead.lead().email());
        contact.put("phone", orNull(answers.getOrEmpty(Fields.PHONE)));
        contact.put("dialable", orNull(SalesAlertComposer.dialable(answers.getOrEmpty(Fields.PHONE))));
        contact.put("jobTitle", orNull(answers.getOrEmpty(Fields.JOB_TITLE)));
        contact.put("timezone", lead.source().get("timezone"));
        hot.put("contact", contact);
        Map<String, Object> company = new LinkedHashMap<>();
        company.put("name", orNull(answers.getOrEmpty(Fields.COMPANY)));
        company.put("size", orNull(answers.getOrEmpty(Fields.COMPANY_SIZE)));
        company.put("industry", orNull(answers.getOrEmpty(Fields.INDUSTRY)));
        company.put("country", orNull(answers.getOrEmpty(Fields.COUNTRY)));
        hot.put("company", company);
        hot.put("need", orNull(answers.getOrEmpty(Fields.CHALLENGE)));
        hot.put("authority", orNull(LeadWords.role(answers, q)));
        hot.put("timeline", orNull(answers.getOrEmpty(Fields.TIMELINE)));
        hot.put("budget", orNull(answers.getOrEmpty(Fields.BUDGET)));
        List<Map<String, Object>> own = new ArrayList<>();
        for (LeadWords.Row row : LeadWords.customAnswers(answers, model.questions())) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("label", row.label());
            answer.put("value", row.value());
            own.add(answer);
        }
        hot.put("answers", own);
        Map<String, Object> score = verdict(q);
        List<Map<String, Object>> breakdown = new ArrayList<>();
        for (ScoreLine line : q.breakdown()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("rule", line.ruleId());
            l.put("points", line.points());
            l.put("reason", line.reason());
            breakdown.add(l);
        }
        score.put("breakdown", breakdown);
        score.put("painPoints", q.painPoints().stream().sorted().toList());
        hot.put("score", score);
        HotTrigger trigger = lead.sales().hotTrigger();
        hot.put("whyNow", trigger == null ? null : words.trigger(trigger));
        Map<String, Object> source = source(lead.source());
        String formId = lead.source().get("formId");
        source.put("formTitle", formId == null ? null : words.form(formId));
        hot.put("source", source);
        hot.put("utm", utm(lead.source()));
        return hot;
    }

    private static Map<String, Object> contact(Answers answers, String email) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("email", email);
        contact.put("name", orNull(answers.displayName()));
        contact.put("company", orNull(answers.getOrEmpty(Fields.COMPANY)));
        return contact;
    }

    private static Map<String, Object> source(Map<String, String> source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("formId", source.get("formId"));
        s.put("pageUrl", source.get("pageUrl"));
        s.put("referrer", source.get("referrer"));
        return s;
    }

    private static Map<String, Object> utm(Map<String, String> source) {
        Map<String, Object> utm = new LinkedHashMap<>();
        for (String key : UTM) {
            if (source.containsKey(key)) {
                utm.put(key.substring("utm_".length()), source.get(key));
            }
        }
        return utm;
    }

    /** The outcome the change recorded: the outcome whose time it set. */
    private static String outcome(SalesState was, SalesState is) {
        if (is.wonAt() != null && (was == null || !Objects.equals(was.wonAt(), is.wonAt()))) {
            return "won";
        }
        if (is.lostAt() != null && (was == null || !Objects.equals(was.lostAt(), is.lostAt()))) {
            return "lost";
        }
        if (is.opportunityAt() != null && (was == null || !Objects.equals(was.opportunityAt(), is.opportunityAt()))) {
            return "opportunity";
        }
        return null;
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
