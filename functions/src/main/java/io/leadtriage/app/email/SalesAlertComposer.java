package io.leadtriage.app.email;

import com.samskivert.mustache.Template;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Signal;

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
import java.util.stream.Stream;

/**
 * The email a sales rep gets the moment a lead turns hot: who to call, what they need, why they scored,
 * what they did lately and where they came from. Everything the lead typed is escaped in the HTML body
 * and flattened to one line in the subject.
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
    private static final List<String> UTM_ORDER = List.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content");

    private final String from;

    /** @param from the sender address, e.g. {@code Leadtriage <alerts@example.com>} */
    public SalesAlertComposer(String from) {
        this.from = Objects.requireNonNull(from, "from");
    }

    /**
     * @param lead           a qualified lead (its qualification gives the score and breakdown)
     * @param recipients     the reps the routing picked
     * @param dispositionUrl a signed link where the rep records what happened; null for none
     * @param now            for "12 min ago" and the lead's local time
     */
    public OutgoingEmail compose(LeadRecord lead, List<String> recipients, String dispositionUrl, Instant now) {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(now, "now");
        QualificationSummary q = Objects.requireNonNull(lead.qualification(),
                "a sales alert needs the lead's qualification");
        String disposition = Links.optionalWebAddress("dispositionUrl", dispositionUrl);
        Map<String, Object> values = values(lead, q, disposition, now);
        return new OutgoingEmail(EmailKind.SALES_ALERT, from, recipients, lead.lead().email(), subject(lead, q),
                HTML.execute(values), TEXT.execute(values), Map.of());
    }

    /** {@code Hot lead: Jane Roe (Acme) · 72}; the email stands in for a missing name, a missing company is left out. */
    static String subject(LeadRecord lead, QualificationSummary q) {
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

    private static Map<String, Object> values(LeadRecord record, QualificationSummary q, String dispositionUrl,
                                              Instant now) {
        Answers answers = record.lead().answers();
        Map<String, Object> v = new HashMap<>();
        String name = answers.displayName();
        v.put("name", name.isEmpty() ? record.lead().email() : name);
        v.put("headline", headline(answers.getOrEmpty(Fields.JOB_TITLE), answers.getOrEmpty(Fields.COMPANY)));
        v.put("email", record.lead().email());
        String phone = answers.getOrEmpty(Fields.PHONE);
        v.put("phone", phone);
        v.put("telHref", dialable(phone));
        v.put("localTime", localTime(record.source().get("timezone"), now));
        v.put("score", String.valueOf(q.score()));
        v.put("tier", Labels.phraseOf(q.tier().wireName()));
        v.put("stage", q.stage().name());
        v.put("dispositionUrl", dispositionUrl == null ? "" : dispositionUrl);
        String need = answers.getOrEmpty(Fields.CHALLENGE);
        v.put("need", need);
        v.put("needLines", need.isEmpty() ? List.of() : List.of(need.split("\\R")));
        List<Map<String, String>> details = details(answers, q);
        v.put("details", details);
        v.put("hasDetails", !details.isEmpty());
        v.put("breakdown", q.breakdown().stream().map(ScoreLine::toString).toList());
        v.put("disqualifiedBecause", q.disqualifiedBecause() == null ? "" : q.disqualifiedBecause());
        // Signals that do not score (clicks that look like a link scanner's) are not the lead's doing.
        List<Signal> scoring = record.lead().signals().stream().filter(Signal::scores)
                .sorted(Comparator.comparing(Signal::at).reversed()).toList();
        v.put("signals", scoring.stream().limit(SIGNALS_SHOWN).map(s -> signal(s, now)).toList());
        v.put("hasSignals", !scoring.isEmpty());
        v.put("earlierSignals", scoring.size() > SIGNALS_SHOWN ? String.valueOf(scoring.size() - SIGNALS_SHOWN) : "");
        List<Map<String, String>> source = source(record.source());
        v.put("source", source);
        v.put("hasSource", !source.isEmpty());
        v.put("leadId", record.id());
        v.put("firstSeen", record.createdAt() == null ? "" : ABSOLUTE.format(record.createdAt()));
        return v;
    }

    /** The number for a {@code tel:} link, or empty when the value does not look like a phone number. */
    static String dialable(String phone) {
        if (!PHONE_NUMBER.matcher(phone).matches()) {
            return "";
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < 5 ? "" : (phone.startsWith("+") ? "+" : "") + digits;
    }

    private static String headline(String jobTitle, String company) {
        if (jobTitle.isEmpty() || company.isEmpty()) {
            return jobTitle + company;
        }
        return jobTitle + " at " + company;
    }

    /** Company and job title are not rows: they sit under the name, as the headline. */
    private static List<Map<String, String>> details(Answers answers, QualificationSummary q) {
        List<Map<String, String>> rows = new ArrayList<>();
        String role = q.role() == null || q.role().isEmpty() ? answers.getOrEmpty(Fields.ROLE) : q.role();
        boolean derived = !role.isEmpty() && !answers.has(Fields.ROLE);
        row(rows, "Role", Labels.of(Fields.ROLE, role) + (derived ? " (from job title)" : ""));
        row(rows, "Timeline", Labels.of(Fields.TIMELINE, answers.getOrEmpty(Fields.TIMELINE)));
        row(rows, "Budget", Labels.of(Fields.BUDGET, answers.getOrEmpty(Fields.BUDGET)));
        row(rows, "Company size", Labels.of(Fields.COMPANY_SIZE, answers.getOrEmpty(Fields.COMPANY_SIZE)));
        row(rows, "Industry", Labels.of(Fields.INDUSTRY, answers.getOrEmpty(Fields.INDUSTRY)));
        row(rows, "Country", Labels.country(answers.getOrEmpty(Fields.COUNTRY)));
        row(rows, "Pain points", q.painPoints().stream().sorted().map(Labels::phraseOf)
                .collect(Collectors.joining(", ")));
        return rows;
    }

    private static Map<String, String> signal(Signal s, Instant now) {
        return Map.of("label", Labels.signal(s.type()), "detail", s.detail(), "ago", ago(s.at(), now),
                "at", ABSOLUTE.format(s.at()));
    }

    private static List<Map<String, String>> source(Map<String, String> source) {
        List<Map<String, String>> rows = new ArrayList<>();
        row(rows, "Form", source.getOrDefault("formId", ""));
        row(rows, "Page", source.getOrDefault("pageUrl", ""));
        row(rows, "Referrer", source.getOrDefault("referrer", ""));
        Stream.concat(UTM_ORDER.stream().filter(source::containsKey),
                        source.keySet().stream().filter(k -> k.startsWith("utm_") && !UTM_ORDER.contains(k)).sorted())
                .forEach(key -> row(rows, key, source.get(key)));
        return rows;
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
