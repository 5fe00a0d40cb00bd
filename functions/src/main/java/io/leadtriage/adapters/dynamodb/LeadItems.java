package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ConsentRecord;
import io.leadtriage.app.ContactState;
import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static io.leadtriage.adapters.dynamodb.TableKeys.ATTEMPTS;
import static io.leadtriage.adapters.dynamodb.TableKeys.CLICKS;
import static io.leadtriage.adapters.dynamodb.TableKeys.CONTACT;
import static io.leadtriage.adapters.dynamodb.TableKeys.DELIVERED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.DISPOSITION;
import static io.leadtriage.adapters.dynamodb.TableKeys.DUE_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.DUE_SHARD;
import static io.leadtriage.adapters.dynamodb.TableKeys.FIRST_ALERT_SENT;
import static io.leadtriage.adapters.dynamodb.TableKeys.LAST_MARKETING;
import static io.leadtriage.adapters.dynamodb.TableKeys.LEAD_ID;
import static io.leadtriage.adapters.dynamodb.TableKeys.LEASE_UNTIL;
import static io.leadtriage.adapters.dynamodb.TableKeys.LIST_SORT;
import static io.leadtriage.adapters.dynamodb.TableKeys.MESSAGE_LIFETIME;
import static io.leadtriage.adapters.dynamodb.TableKeys.NURTURE;
import static io.leadtriage.adapters.dynamodb.TableKeys.PENDING;
import static io.leadtriage.adapters.dynamodb.TableKeys.REVIEW_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.REVIEW_SHARD;
import static io.leadtriage.adapters.dynamodb.TableKeys.SALES;
import static io.leadtriage.adapters.dynamodb.TableKeys.SEND_ID;
import static io.leadtriage.adapters.dynamodb.TableKeys.SENT_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.SEQUENCE_ID;
import static io.leadtriage.adapters.dynamodb.TableKeys.STATE;
import static io.leadtriage.adapters.dynamodb.TableKeys.STEP;
import static io.leadtriage.adapters.dynamodb.TableKeys.TTL;
import static io.leadtriage.adapters.dynamodb.TableKeys.TYPE;
import static io.leadtriage.adapters.dynamodb.TableKeys.VERSION;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The item codec: the lead, its timeline, outbox items, sent messages and idempotency markers as DynamoDB items,
 * and back. Keys, index attributes and the TTL are {@link TableKeys}'s, where the table's layout is described.
 */
final class LeadItems {
    /** A lead event's outbox item: the event as it is published. */
    static final String EVENT = "event";
    private LeadItems() {
    }

    static Map<String, AttributeValue> outboxItem(OutboxItem o) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.outboxKey(o.leadId(), o.outboxId()));
        item.put(TYPE, s("outbox"));
        item.put(LEAD_ID, s(o.leadId()));
        item.put("outboxId", s(o.outboxId()));
        item.put("kind", s(o.kind().wireName()));
        item.put(STATE, s(PENDING));
        item.put(DUE_SHARD, s(o.kind() == OutboxKind.LEAD_EVENT ? TableKeys.eventShard(o.leadId()) : TableKeys.dueShard(o.leadId())));
        if (o.event() != null) {
            item.put(EVENT, s(o.event()));
        }
        item.put(DUE_AT, n(o.dueAt().toEpochMilli()));
        item.put(ATTEMPTS, n(o.attempts()));
        item.put("recipients", AttributeValue.fromL(o.recipients().stream().map(LeadItems::s).toList()));
        if (o.routeId() != null) {
            item.put("routeId", s(o.routeId()));
        }
        item.put("rotate", AttributeValue.fromBool(o.rotate()));
        if (o.sequenceId() != null) {
            item.put(SEQUENCE_ID, s(o.sequenceId()));
        }
        item.put(STEP, n(o.step()));
        item.put("createdAt", s(o.createdAt().toString()));
        return item;
    }

    static OutboxItem outbox(Map<String, AttributeValue> item) {
        return new OutboxItem(item.get(LEAD_ID).s(), item.get("outboxId").s(),
                OutboxKind.valueOf(item.get("kind").s().toUpperCase(java.util.Locale.ROOT)),
                Instant.ofEpochMilli(Long.parseLong(item.get(DUE_AT).n())), Integer.parseInt(item.get(ATTEMPTS).n()),
                item.get("recipients").l().stream().map(AttributeValue::s).toList(),
                item.containsKey("routeId") ? item.get("routeId").s() : null,
                item.containsKey("rotate") && item.get("rotate").bool(),
                item.containsKey(SEQUENCE_ID) ? item.get(SEQUENCE_ID).s() : null, Integer.parseInt(item.get(STEP).n()),
                Instant.parse(item.get("createdAt").s()),
                item.containsKey(LEASE_UNTIL) ? Instant.ofEpochMilli(Long.parseLong(item.get(LEASE_UNTIL).n())) : null,
                item.containsKey(DISPOSITION) ? item.get(DISPOSITION).s() : null,
                item.containsKey(EVENT) ? item.get(EVENT).s() : null);
    }

    static Map<String, AttributeValue> messageItem(SentMessage m) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.messageKey(m.leadId(), m.sendId()));
        item.put(TYPE, s("message"));
        item.put(LEAD_ID, s(m.leadId()));
        item.put(SEND_ID, s(m.sendId()));
        item.put("kind", s(m.kind().wireName()));
        if (m.template() != null) {
            item.put("template", s(m.template()));
        }
        item.put("messageId", s(m.messageId() == null ? "" : m.messageId()));
        item.put(SENT_AT, s(m.sentAt().toString()));
        item.put("linkCount", n(m.linkCount()));
        item.put(CLICKS, AttributeValue.fromL(List.of()));
        item.put(TTL, n(expiresAfterSend(m.sentAt())));
        return item;
    }

    static SentMessage message(Map<String, AttributeValue> item) {
        List<SentMessage.Click> clicks = new ArrayList<>();
        for (AttributeValue c : item.get(CLICKS).l()) {
            clicks.add(click(c));
        }
        return new SentMessage(item.get(LEAD_ID).s(), item.get(SEND_ID).s(),
                EmailKind.valueOf(item.get("kind").s().toUpperCase(java.util.Locale.ROOT)),
                item.containsKey("template") ? item.get("template").s() : null, item.get("messageId").s(),
                Instant.parse(item.get(SENT_AT).s()),
                instant(item, DELIVERED_AT), instant(item, TableKeys.BOUNCED_AT), instant(item, TableKeys.COMPLAINED_AT),
                Integer.parseInt(item.get("linkCount").n()), clicks,
                item.containsKey(TableKeys.BACKFILLED) && item.get(TableKeys.BACKFILLED).bool());
    }

    static AttributeValue click(SentMessage.Click c) {
        return AttributeValue.fromM(Map.of("link", s(c.link()), "at", s(c.at().toString()),
                "scanner", AttributeValue.fromBool(c.scanner())));
    }

    private static SentMessage.Click click(AttributeValue v) {
        return new SentMessage.Click(v.m().get("link").s(), Instant.parse(v.m().get("at").s()), v.m().get("scanner").bool());
    }

    static Map<String, AttributeValue> emailIndexItem(Map<String, AttributeValue> key, String leadId) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(TYPE, s("email_index"));
        item.put(LEAD_ID, s(leadId));
        return item;
    }

    static Map<String, AttributeValue> markerItem(IdempotencyMarker marker) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.markerKey(marker.key()));
        item.put(TYPE, s("once"));
        item.put(LEAD_ID, s(marker.leadId()));
        item.put("createdLead", AttributeValue.fromBool(marker.createdLead()));
        item.put("at", s(marker.at().toString()));
        item.put(TTL, n(marker.expiresAt().getEpochSecond()));
        return item;
    }

    static Map<String, AttributeValue> unverifiedSubmissionItem(io.leadtriage.app.ports.UnverifiedSubmission submission) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.unverifiedSubmissionKey(submission.id()));
        item.put(TYPE, s("unverified"));
        item.put(LEAD_ID, s(submission.leadId()));
        item.put(TTL, n(submission.expiresAt().getEpochSecond()));
        return item;
    }

    static IdempotencyMarker marker(Map<String, AttributeValue> item) {
        return new IdempotencyMarker(TableKeys.onceKeyOf(item), item.get(LEAD_ID).s(), item.get("createdLead").bool(),
                Instant.parse(item.get("at").s()), Instant.ofEpochSecond(Long.parseLong(item.get(TTL).n())));
    }

    /**
     * One item for all the timeline entries of one write: a submission's entries (form, signal, consent,
     * tier and stage change) cost one item's write instead of one each.
     */
    static Map<String, AttributeValue> timelineItem(String leadId, List<TimelineEntry> entries) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.newTimelineKey(leadId, entries.get(0).at()));
        item.put(TYPE, s("timeline"));
        List<AttributeValue> list = new ArrayList<>(entries.size());
        for (TimelineEntry entry : entries) {
            list.add(AttributeValue.fromM(Map.of("at", s(entry.at().toString()), "kind", s(entry.kind()),
                    "detail", s(entry.detail()))));
        }
        item.put("entries", AttributeValue.fromL(list));
        return item;
    }

    static List<TimelineEntry> timelineEntries(Map<String, AttributeValue> item) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (AttributeValue v : item.get("entries").l()) {
            entries.add(new TimelineEntry(Instant.parse(v.m().get("at").s()), v.m().get("kind").s(), v.m().get("detail").s()));
        }
        return entries;
    }

    static Map<String, AttributeValue> profileItem(LeadRecord r) {
        Lead lead = r.lead();
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.profileKey(lead.id()));
        item.put(TYPE, s("lead"));
        item.put(LEAD_ID, s(lead.id()));
        item.put("email", s(lead.email()));
        item.put("answers", stringMap(lead.answers().asMap()));
        List<AttributeValue> signals = new ArrayList<>(lead.signals().size());
        for (Signal signal : lead.signals()) {
            Map<String, AttributeValue> stored = new HashMap<>(Map.of("t", s(signal.type().wireName()),
                    "at", s(signal.at().toString()), "d", s(signal.detail()), "s", AttributeValue.fromBool(signal.scores()),
                    "src", s(signal.source().wireName())));
            if (!signal.category().isEmpty()) {
                stored.put("c", s(signal.category()));
            }
            signals.add(AttributeValue.fromM(stored));
        }
        item.put("signals", AttributeValue.fromL(signals));
        item.put(VERSION, n(r.version()));
        if (r.counted()) {
            item.put(TableKeys.COUNTED, AttributeValue.fromBool(true));
        }
        item.put("createdAt", s(r.createdAt().toString()));
        item.put("updatedAt", s(r.updatedAt().toString()));
        if (r.consent() != null) {
            Map<String, AttributeValue> consent = new HashMap<>();
            consent.put("at", s(r.consent().at().toString()));
            consent.put("formId", s(r.consent().formId()));
            consent.put("textVersion", s(r.consent().textVersion()));
            if (r.consent().pageUrl() != null) {
                consent.put("pageUrl", s(r.consent().pageUrl()));
            }
            if (r.consent().confirmationAskedAt() != null) {
                consent.put("confirmationAskedAt", s(r.consent().confirmationAskedAt().toString()));
            }
            if (r.consent().confirmedAt() != null) {
                consent.put("confirmedAt", s(r.consent().confirmedAt().toString()));
            }
            item.put("consent", AttributeValue.fromM(consent));
        }
        item.put("source", stringMap(r.source()));
        if (r.awaitingStep2Since() != null) {
            item.put("awaitingStep2Since", s(r.awaitingStep2Since().toString()));
        }
        item.put("q", qualification(r.qualification()));
        item.put("hotEpisode", n(r.hotEpisode()));
        if (r.nurture() != null) {
            item.put(NURTURE, nurture(r.nurture()));
        }
        Map<String, AttributeValue> contact = new HashMap<>();
        ContactState c = r.contact();
        if (c.unsubscribedAt() != null) {
            contact.put("unsubscribedAt", s(c.unsubscribedAt().toString()));
        }
        if (c.suppressedBecause() != null) {
            contact.put("suppressedBecause", s(c.suppressedBecause()));
        }
        if (c.lastMarketingAt() != null) {
            contact.put(LAST_MARKETING, n(c.lastMarketingAt().toEpochMilli()));
        }
        contact.put("reminderScheduled", AttributeValue.fromBool(c.reminderScheduled()));
        item.put(CONTACT, AttributeValue.fromM(contact));
        if (r.apiBaseUrl() != null) {
            item.put("apiBaseUrl", s(r.apiBaseUrl()));
        }
        item.put(SALES, sales(r.sales()));
        // Listing keys: month buckets keep each index partition to one month of leads (no hot partition for
        // a busy tier), and the sort key orders a bucket newest first.
        YearMonth month = TableKeys.monthOf(r.createdAt());
        for (TableKeys.Listing listing : List.of(TableKeys.Listing.ALL, TableKeys.Listing.of(r.qualification().tier()),
                TableKeys.Listing.of(r.qualification().stage()))) {
            item.put(listing.partitionAttribute(), s(listing.partition(month)));
        }
        item.put(LIST_SORT, s(TableKeys.listSort(r.createdAt(), r.id())));
        if (r.reviewTierAt() != null) {
            // Only leads whose tier will fade carry these: the ReviewIndex stays small and sparse.
            item.put(REVIEW_SHARD, s(TableKeys.reviewShard(r.id())));
            item.put(REVIEW_AT, n(r.reviewTierAt().toEpochMilli()));
        }
        return item;
    }

    private static AttributeValue sales(SalesState s) {
        Map<String, AttributeValue> m = new HashMap<>();
        putInstant(m, "firstHotAt", s.firstHotAt());
        putInstant(m, FIRST_ALERT_SENT, s.firstAlertSentAt());
        putInstant(m, "opportunityAt", s.opportunityAt());
        putInstant(m, "wonAt", s.wonAt());
        putInstant(m, "lostAt", s.lostAt());
        if (s.disposition() != null) {
            m.put("disposition", s(s.disposition()));
        }
        putInstant(m, "dispositionAt", s.dispositionAt());
        m.put("stagesReached", AttributeValue.fromL(s.stagesReached().stream().sorted().map(LeadItems::s).toList()));
        m.put("rulesAtOutcome", AttributeValue.fromL(s.rulesAtOutcome().stream().map(LeadItems::s).toList()));
        m.put("spamSuspect", AttributeValue.fromBool(s.spamSuspect()));
        if (s.hotTrigger() != null) {
            m.put(HOT_TRIGGER, hotTrigger(s.hotTrigger()));
        }
        return AttributeValue.fromM(m);
    }

    private static SalesState sales(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return SalesState.NONE;
        }
        Map<String, AttributeValue> m = value.m();
        return new SalesState(instant(m, "firstHotAt"), instant(m, FIRST_ALERT_SENT), instant(m, "opportunityAt"),
                instant(m, "wonAt"), instant(m, "lostAt"), m.containsKey("disposition") ? m.get("disposition").s() : null,
                instant(m, "dispositionAt"), strings(m, "stagesReached").stream().collect(java.util.stream.Collectors.toSet()),
                strings(m, "rulesAtOutcome"), m.containsKey("spamSuspect") && m.get("spamSuspect").bool(),
                m.containsKey(HOT_TRIGGER) ? hotTrigger(m.get(HOT_TRIGGER).m()) : null);
    }

    static final String HOT_TRIGGER = "hotTrigger";

    private static AttributeValue hotTrigger(HotTrigger t) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", s(t.at().toString()));
        if (t.cause() != null) {
            m.put("cause", s(t.cause()));
        }
        m.put("detail", s(t.detail()));
        m.put("answered", AttributeValue.fromL(t.answered().stream().map(LeadItems::s).toList()));
        m.put("gained", scoreLines(t.gained()));
        m.put("newLead", AttributeValue.fromBool(t.newLead()));
        return AttributeValue.fromM(m);
    }

    private static HotTrigger hotTrigger(Map<String, AttributeValue> m) {
        return new HotTrigger(Instant.parse(m.get("at").s()), m.containsKey("cause") ? m.get("cause").s() : null,
                m.get("detail").s(), strings(m, "answered"), scoreLinesOf(m.get("gained").l()),
                m.containsKey("newLead") && m.get("newLead").bool());
    }

    private static AttributeValue scoreLines(List<ScoreLine> breakdown) {
        List<AttributeValue> lines = new ArrayList<>();
        for (ScoreLine line : breakdown) {
            lines.add(AttributeValue.fromM(Map.of("rule", s(line.ruleId()), "points", n(line.points()),
                    "reason", s(line.reason()))));
        }
        return AttributeValue.fromL(lines);
    }

    private static List<ScoreLine> scoreLinesOf(List<AttributeValue> values) {
        List<ScoreLine> lines = new ArrayList<>();
        for (AttributeValue v : values) {
            lines.add(new ScoreLine(v.m().get("rule").s(), Integer.parseInt(v.m().get("points").n()), v.m().get("reason").s()));
        }
        return lines;
    }

    private static List<String> strings(Map<String, AttributeValue> m, String name) {
        return m.containsKey(name) ? m.get(name).l().stream().map(AttributeValue::s).toList() : List.of();
    }

    private static void putInstant(Map<String, AttributeValue> m, String name, Instant at) {
        if (at != null) {
            m.put(name, s(at.toString()));
        }
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        return m.containsKey(name) ? Instant.parse(m.get(name).s()) : null;
    }

    static LeadRecord profile(Map<String, AttributeValue> item) {
        List<Signal> signals = new ArrayList<>();
        for (AttributeValue v : item.get("signals").l()) {
            Map<String, AttributeValue> m = v.m();
            SignalType type = SignalType.fromWireName(m.get("t").s()).orElseThrow();
            String detail = m.get("d").s();
            // Signals stored before their source was: the source they most likely came from (SignalSource.assumedFor)
            SignalSource source = m.containsKey("src") ? SignalSource.fromWireName(m.get("src").s()).orElseThrow()
                    : SignalSource.assumedFor(type, detail);
            signals.add(new Signal(type, Instant.parse(m.get("at").s()), detail, m.get("s").bool(), source,
                    m.containsKey("c") ? m.get("c").s() : ""));
        }
        Lead lead = new Lead(item.get(LEAD_ID).s(), item.get("email").s(), Answers.of(strings(item.get("answers"))),
                signals);
        ConsentRecord consent = null;
        if (item.containsKey("consent")) {
            Map<String, AttributeValue> c = item.get("consent").m();
            consent = new ConsentRecord(Instant.parse(c.get("at").s()), c.get("formId").s(),
                    c.containsKey("pageUrl") ? c.get("pageUrl").s() : null, c.get("textVersion").s(),
                    c.containsKey("confirmationAskedAt") ? Instant.parse(c.get("confirmationAskedAt").s()) : null,
                    c.containsKey("confirmedAt") ? Instant.parse(c.get("confirmedAt").s()) : null);
        }
        NurtureState nurture = null;
        if (item.containsKey(NURTURE)) {
            Map<String, AttributeValue> n = item.get(NURTURE).m();
            nurture = new NurtureState(n.get("sequenceId").s(), Integer.parseInt(n.get("nextStep").n()), n.get("status").s(),
                    n.containsKey("reason") ? n.get("reason").s() : null);
        }
        ContactState contact = ContactState.NEW;
        if (item.containsKey(CONTACT)) {
            Map<String, AttributeValue> c = item.get(CONTACT).m();
            contact = new ContactState(
                    c.containsKey("unsubscribedAt") ? Instant.parse(c.get("unsubscribedAt").s()) : null,
                    c.containsKey("suppressedBecause") ? c.get("suppressedBecause").s() : null,
                    c.containsKey(LAST_MARKETING) ? Instant.ofEpochMilli(Long.parseLong(c.get(LAST_MARKETING).n())) : null,
                    c.containsKey("reminderScheduled") && c.get("reminderScheduled").bool());
        }
        return new LeadRecord(lead, Long.parseLong(item.get(VERSION).n()), Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()), consent, strings(item.get("source")),
                item.containsKey("awaitingStep2Since") ? Instant.parse(item.get("awaitingStep2Since").s()) : null,
                qualification(item.get("q").m()), item.containsKey("hotEpisode") ? Integer.parseInt(item.get("hotEpisode").n()) : 0,
                nurture, contact, item.containsKey("apiBaseUrl") ? item.get("apiBaseUrl").s() : null,
                item.containsKey(REVIEW_AT) ? Instant.ofEpochMilli(Long.parseLong(item.get(REVIEW_AT).n())) : null,
                sales(item.get(SALES)), item.containsKey(TableKeys.COUNTED) && item.get(TableKeys.COUNTED).bool());
    }

    /** The lead's nurture state, as the profile holds it (a dispatcher's send updates it alone). */
    static AttributeValue nurture(NurtureState state) {
        Map<String, AttributeValue> nurture = new HashMap<>();
        nurture.put("sequenceId", s(state.sequenceId()));
        nurture.put("nextStep", n(state.nextStep()));
        nurture.put("status", s(state.status()));
        if (state.reason() != null) {
            nurture.put("reason", s(state.reason()));
        }
        return AttributeValue.fromM(nurture);
    }

    /** The TTL of a sent message, and of the outbox item that sent it. */
    static long expiresAfterSend(Instant sentAt) {
        return sentAt.plus(MESSAGE_LIFETIME).getEpochSecond();
    }

    private static AttributeValue qualification(QualificationSummary q) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("score", n(q.score()));
        m.put("tier", s(q.tier().wireName()));
        m.put("stage", s(q.stage().wireName()));
        m.put("breakdown", scoreLines(q.breakdown()));
        if (q.disqualifiedBecause() != null) {
            m.put("dq", s(q.disqualifiedBecause()));
        }
        m.put("painPoints", AttributeValue.fromL(q.painPoints().stream().sorted().map(LeadItems::s).toList()));
        m.put("role", s(q.role()));
        m.put("evaluatedAt", s(q.evaluatedAt().toString()));
        return AttributeValue.fromM(m);
    }

    private static QualificationSummary qualification(Map<String, AttributeValue> m) {
        List<ScoreLine> lines = scoreLinesOf(m.get("breakdown").l());
        LinkedHashSet<String> painPoints = new LinkedHashSet<>();
        m.get("painPoints").l().forEach(p -> painPoints.add(p.s()));
        return new QualificationSummary(Integer.parseInt(m.get("score").n()), Tier.valueOf(m.get("tier").s().toUpperCase()),
                Stage.valueOf(m.get("stage").s().toUpperCase()), lines, m.containsKey("dq") ? m.get("dq").s() : null,
                painPoints, m.get("role").s(), Instant.parse(m.get("evaluatedAt").s()));
    }

    private static AttributeValue stringMap(Map<String, String> map) {
        Map<String, AttributeValue> m = new HashMap<>();
        map.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }

    private static Map<String, String> strings(AttributeValue value) {
        Map<String, String> map = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> map.put(k, v.s()));
        }
        return map;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
