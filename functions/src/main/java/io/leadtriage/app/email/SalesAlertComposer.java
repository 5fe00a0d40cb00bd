package io.leadtriage.app.email;

import com.samskivert.mustache.Template;
import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Question;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The email a sales rep gets the moment a lead turns hot: who to call (and that there is no number, when
 * there is none), what turned them hot just now, what they need, why they scored, what they did lately and
 * where they came from, in words rather than keys, with a link to the lead's record. Everything the lead
 * typed is escaped in the HTML body and flattened to one line in the subject.
 */
public final class SalesAlertComposer {
    /** Enough recent behaviour to open the call with; the full timeline is in the lead's record. */
    static final int SIGNALS_SHOWN = 5;
    /** Per value, so a pasted paragraph in the name field cannot push the score out of the subject. */
    private static final int SUBJECT_VALUE_MAX = 60;
    private static final Template HTML = EmailTemplates.builtIn("sales-alert.html.mustache",
            EmailTemplates.BUILT_IN_HTML);
    private static final Template TEXT = EmailTemplates.builtIn("sales-alert.txt.mustache",
            EmailTemplates.BUILT_IN_TEXT);
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEAD_LOCAL_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9 ().\\-/]+");

    private final String from;
    private final LeadWords words;
    private final List<Question> questions;

    /**
     * @param model the model in effect: forms are named by their titles
     * @param from  the sender address, e.g. {@code Leadtriage <alerts@example.com>}
     */
    public SalesAlertComposer(QualificationModel model, String from) {
        this.from = Objects.requireNonNull(from, "from");
        this.words = new LeadWords(model);
        this.questions = model.questions();
    }

    /**
     * @param lead           a qualified lead (its qualification gives the score and breakdown)
     * @param recipients     the reps the routing picked
     * @param dispositionUrl a signed link where the rep records what happened; null for none
     * @param leadRecordUrl  the lead's record in the admin API ({@code GET …/v1/admin/leads/{id}}); null for none
     * @param now            for "12 min ago" and the lead's local time
     */
    public OutgoingEmail compose(LeadRecord lead, List<String> recipients, String dispositionUrl, String leadRecordUrl,
                                 Instant now) {
        return compose(lead, recipients, dispositionUrl, leadRecordUrl, now, null);
    }

    /**
     * @param account the lead's account, whose other leads the alert names ("Also at acme.io"); null for none
     */
    public OutgoingEmail compose(LeadRecord lead, List<String> recipients, String dispositionUrl, String leadRecordUrl,
                                 Instant now, Account account) {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(now, "now");
        QualificationSummary q = Objects.requireNonNull(lead.qualification(),
                "a sales alert needs the lead's qualification");
        String disposition = Links.optionalWebAddress("dispositionUrl", dispositionUrl);
        Map<String, Object> values = values(lead, q, disposition, now, account);
        String record = Links.optionalWebAddress("leadRecordUrl", leadRecordUrl);
        values.put("leadRecordUrl", record == null ? "" : record);
        return new OutgoingEmail(EmailKind.SALES_ALERT, from, recipients, lead.lead().email(), subject(lead, q),
                HTML.execute(values), TEXT.execute(values), Map.of());
    }

    /** {@code Hot lead: Jane Roe (Acme) · 72}; the email stands in for a missing name, a missing company is left out. */
    public static String subject(LeadRecord lead, QualificationSummary q) {
        Answers answers = lead.lead().answers();
        String who = forSubject(answers.displayName());
        if (who.isEmpty()) {
            who = forSubject(lead.lead().email());
        }
        String company = forSubject(answers.getOrEmpty(Fields.COMPANY));
        return "Hot lead: " + who + (company.isEmpty() ? "" : " (" + company + ")") + " · " + q.score();
    }

    private static String forSubject(String value) {
        return HeaderText.shortened(HeaderText.singleLine(value), SUBJECT_VALUE_MAX);
    }

    private Map<String, Object> values(LeadRecord record, QualificationSummary q, String dispositionUrl,
                                              Instant now, Account account) {
        Answers answers = record.lead().answers();
        Map<String, Object> v = new HashMap<>();
        String name = answers.displayName();
        v.put("name", name.isEmpty() ? record.lead().email() : name);
        v.put("headline", headline(answers.getOrEmpty(Fields.JOB_TITLE), answers.getOrEmpty(Fields.COMPANY)));
        v.put("email", record.lead().email());
        v.put("mailto", MailtoLink.to(record.lead().email()));
        String phone = answers.getOrEmpty(Fields.PHONE);
        v.put("phone", phone);
        v.put("telHref", dialable(phone));
        v.put("noPhone", phone.isBlank());
        v.put("localTime", localTime(record.source().get("timezone"), now));
        v.put("score", String.valueOf(q.score()));
        v.put("tier", Labels.phraseOf(q.tier().wireName()));
        v.put("stage", q.stage().name());
        v.put("dispositionUrl", dispositionUrl == null ? "" : dispositionUrl);
        String need = answers.getOrEmpty(Fields.CHALLENGE);
        v.put("need", need);
        v.put("needLines", need.isEmpty() ? List.of() : List.of(need.split("\\R")));
        List<Map<String, String>> details = new ArrayList<>(details(answers, q, questions));
        if (account != null) {
            row(details, "Also at " + account.domain(), account.othersThan(record.id()).stream()
                    .map(m -> (m.name().isEmpty() ? "a lead" : m.name()) + " (" + m.tier().wireName() + ")")
                    .collect(Collectors.joining(", ")));
        }
        v.put("details", details);
        v.put("hasDetails", !details.isEmpty());
        v.put("breakdown", q.breakdown().stream().map(ScoreLine::toString).toList());
        v.put("disqualifiedBecause", q.disqualifiedBecause() == null ? "" : q.disqualifiedBecause());
        // Signals that do not score (clicks that look like a link scanner's) are not the lead's doing.
        List<Signal> scoring = record.lead().signals().stream().filter(Signal::scores)
                .sorted(Comparator.comparing(Signal::at).reversed()).toList();
        v.put("signals", scoring.stream().limit(SIGNALS_SHOWN).map(s -> signal(s, now)).toList());
        HotTrigger trigger = record.sales().hotTrigger();
        v.put("whyNow", trigger == null ? List.of() : List.of(whyNow(trigger, record, now)));
        v.put("hasSignals", !scoring.isEmpty());
        v.put("earlierSignals", scoring.size() > SIGNALS_SHOWN ? String.valueOf(scoring.size() - SIGNALS_SHOWN) : "");
        List<Map<String, String>> source = rows(words.source(record.source()));
        v.put("source", source);
        v.put("hasSource", !source.isEmpty());
        v.put("leadId", record.id());
        v.put("firstSeen", record.createdAt() == null ? "" : ABSOLUTE.format(record.createdAt()));
        return v;
    }

    /** The number for a {@code tel:} link, or empty when the value does not look like a phone number. */
    public static String dialable(String phone) {
        if (!PHONE_NUMBER.matcher(phone).matches()) {
            return "";
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < 5 ? "" : (phone.startsWith("+") ? "+" : "") + digits;
    }

    /** "Head of Sales at Northwind": the line under the name. */
    public static String headline(String jobTitle, String company) {
        if (jobTitle.isEmpty() || company.isEmpty()) {
            return jobTitle + company;
        }
        return jobTitle + " at " + company;
    }

    /**
     * The alert's facts as label/value rows (role, timeline, budget, size, industry, country, pain points), known ones
     * only, then the answers to the model's own questions; company and job title are not rows: they sit under the
     * name, as the headline. The chat alert shows these.
     */
    public static List<Map<String, String>> details(Answers answers, QualificationSummary q, List<Question> questions) {
        List<Map<String, String>> rows = new ArrayList<>();
        String role = LeadWords.role(answers, q);
        boolean derived = !role.isEmpty() && !answers.has(Fields.ROLE);
        row(rows, "Role", Labels.of(Fields.ROLE, role) + (derived ? " (from job title)" : ""));
        row(rows, "Timeline", Labels.of(Fields.TIMELINE, answers.getOrEmpty(Fields.TIMELINE)));
        row(rows, "Budget", Labels.of(Fields.BUDGET, answers.getOrEmpty(Fields.BUDGET)));
        row(rows, "Company size", Labels.of(Fields.COMPANY_SIZE, answers.getOrEmpty(Fields.COMPANY_SIZE)));
        row(rows, "Industry", Labels.of(Fields.INDUSTRY, answers.getOrEmpty(Fields.INDUSTRY)));
        row(rows, "Country", Labels.country(answers.getOrEmpty(Fields.COUNTRY)));
        row(rows, "Pain points", q.painPoints().stream().sorted().map(Labels::phraseOf)
                .collect(Collectors.joining(", ")));
        LeadWords.customAnswers(answers, questions).forEach(r -> row(rows, r.label(), r.value()));
        return rows;
    }

    private Map<String, String> signal(Signal s, Instant now) {
        return Map.of("label", Labels.signal(s.type()), "detail", words.signalDetail(s), "ago", ago(s.at(), now),
                "at", ABSOLUTE.format(s.at()));
    }

    /**
     * What turned the lead hot, and when: "Answered the follow-up survey, 29 Nov 2026, 10:00 UTC (just now),
     * 6 days after they first came in", with the answers it brought and the points they added.
     */
    private Map<String, Object> whyNow(HotTrigger t, LeadRecord record, Instant now) {
        Map<String, Object> w = new HashMap<>();
        w.put("what", words.trigger(t));
        w.put("at", ABSOLUTE.format(t.at()));
        w.put("ago", ago(t.at(), now));
        Duration sinceFirst = record.createdAt() == null ? Duration.ZERO : Duration.between(record.createdAt(), t.at());
        w.put("sinceFirst", t.newLead() || sinceFirst.toHours() < 1 ? "" : since(sinceFirst));
        List<Map<String, String>> answers = rows(words.answers(t, record.lead().answers()));
        w.put("answers", answers);
        w.put("hasAnswers", !answers.isEmpty());
        List<String> gained = t.newLead() ? List.of() : t.gained().stream().map(ScoreLine::toString).toList();
        w.put("gained", gained);
        w.put("hasGained", !gained.isEmpty());
        return w;
    }

    /** "6 days after they first came in". */
    private static String since(Duration d) {
        String amount = d.toHours() < 48 ? d.toHours() + " h" : Math.round(d.toMinutes() / 1440.0) + " days";
        return amount + " after they first came in";
    }

    private static List<Map<String, String>> rows(List<LeadWords.Row> rows) {
        return rows.stream().map(r -> Map.of("label", r.label(), "value", r.value())).toList();
    }

    /** Rows without a value are left out: the alert shows what is known, not a form of blanks. */
    private static void row(List<Map<String, String>> rows, String label, String value) {
        if (value != null && !value.isBlank()) {
            rows.add(Map.of("label", label, "value", value));
        }
    }

    /** The lead's wall-clock time, so the rep knows whether now is a good time to call. */
    private static String localTime(String timezone, Instant now) {
        if (timezone == null || timezone.isEmpty()) {
            return "";
        }
        try {
            ZoneId zone = ZoneId.of(timezone);
            return LEAD_LOCAL_TIME.format(now.atZone(zone)) + " (" + zone.getId() + ")";
        } catch (DateTimeException e) {
            return "";
        }
    }

    static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }
}
