package io.leadtriage.handlers;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.leadtriage.app.HotTrigger;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.email.MailtoLink;
import io.leadtriage.app.email.Labels;
import io.leadtriage.app.email.LeadWords;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page behind a sales alert's "Record what happened" link: the lead as the rep needs it (who, how to
 * reach them, score and tier, what turned them hot, why they scored so), the choices with what each one
 * changes, and, once a choice is recorded, that choice instead of the buttons. What each choice is said to
 * change is what the code does: only {@code accepted} stops the escalation, {@link AdminReports#LOSING_DISPOSITIONS}
 * count as losses in calibration, none touches score, tier or nurture.
 */
final class DispositionPage {
    private static final Template PAGE = compile("pages/disposition.html.mustache");
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final LeadWords words;
    private final Duration escalatesAfter;

    /** @param escalatesAfter the accept limit after which an alert nobody accepted escalates; null when none is set up */
    DispositionPage(QualificationModel model, Duration escalatesAfter) {
        this.words = new LeadWords(model);
        this.escalatesAfter = escalatesAfter;
    }

    static String invalidLink() {
        Map<String, Object> v = new HashMap<>();
        v.put("title", "Link not valid");
        v.put("invalid", true);
        return PAGE.execute(v);
    }

    /** The lead and the rep's choices; {@code problem} says what was wrong with a post, or is null. */
    String choices(LeadRecord lead, String token, String problem) {
        Map<String, Object> v = base(lead, "What happened with this lead?");
        Map<String, Object> choose = new HashMap<>();
        choose.put("action", "?t=" + token);
        choose.put("problem", problem == null ? "" : problem);
        List<Map<String, Object>> choices = new ArrayList<>();
        for (String choice : RecordDisposition.CHOICES) {
            Map<String, Object> c = new HashMap<>();
            c.put("value", choice);
            c.put("label", Labels.disposition(choice));
            c.put("effect", effect(choice));
            c.put("primary", RecordDisposition.ACCEPTED.equals(choice));
            choices.add(c);
        }
        choose.put("choices", choices);
        choose.put("common", "Your choice is recorded once for this alert, with its time and the scoring rules that had"
                + " fired; it shows in the lead's timeline and the funnel report. No choice changes the lead's score or"
                + " tier, sends them anything, or unsubscribes them."
                + (escalatesAfter == null ? "" : " Only “" + Labels.disposition(RecordDisposition.ACCEPTED)
                + "”, within " + words(escalatesAfter) + " of the alert, stops it from escalating."));
        v.put("choose", choose);
        return PAGE.execute(v);
    }

    /** The choice recorded on this alert, now or before, with the lead; no buttons. */
    String recorded(LeadRecord lead, RecordDisposition.Recorded recorded) {
        Map<String, Object> v = base(lead, "Recorded: " + Labels.disposition(recorded.choice()));
        Map<String, Object> r = new HashMap<>();
        r.put("choice", Labels.disposition(recorded.choice()));
        r.put("justNow", recorded.justNow());
        r.put("at", recorded.at() == null ? "" : ABSOLUTE.format(recorded.at()));
        r.put("atIso", recorded.at() == null ? "" : recorded.at().toString());
        r.put("effect", effect(recorded.choice()));
        v.put("recorded", r);
        return PAGE.execute(v);
    }

    /** What the choice changes, as the code does it. */
    String effect(String choice) {
        if (RecordDisposition.ACCEPTED.equals(choice)) {
            return "You take this lead." + (escalatesAfter == null ? ""
                    : " An alert accepted within " + words(escalatesAfter) + " of being sent does not escalate.")
                    + " For calibration the lead stays open until sales records it as won or lost.";
        }
        if (RecordDisposition.LOSING.contains(choice)) {
            return "Counts as a lost lead when the scoring is calibrated, unless sales records it as won.";
        }
        return "Recorded for the funnel report; calibration learns nothing from it (the lead stays open).";
    }

    private Map<String, Object> base(LeadRecord record, String title) {
        Map<String, Object> v = new HashMap<>();
        v.put("title", title);
        QualificationSummary q = record.qualification();
        Answers answers = record.lead().answers();
        Map<String, Object> lead = new HashMap<>();
        String name = answers.displayName();
        lead.put("name", name.isEmpty() ? record.lead().email() : name);
        String jobTitle = answers.getOrEmpty(Fields.JOB_TITLE);
        String company = answers.getOrEmpty(Fields.COMPANY);
        lead.put("headline", jobTitle.isEmpty() || company.isEmpty() ? jobTitle + company : jobTitle + " at " + company);
        lead.put("email", record.lead().email());
        lead.put("mailto", MailtoLink.to(record.lead().email()));
        String phone = answers.getOrEmpty(Fields.PHONE);
        lead.put("phone", phone);
        lead.put("telHref", io.leadtriage.app.email.SalesAlertComposer.dialable(phone));
        String role = q.role() == null || q.role().isEmpty() ? answers.getOrEmpty(Fields.ROLE) : q.role();
        lead.put("role", Labels.of(Fields.ROLE, role));
        lead.put("score", String.valueOf(q.score()));
        lead.put("tier", Labels.phraseOf(q.tier().wireName()));
        lead.put("stage", q.stage().name());
        lead.put("breakdown", q.breakdown().stream().map(ScoreLine::toString).toList());
        HotTrigger t = record.sales().hotTrigger();
        if (t != null) {
            Map<String, Object> now = new HashMap<>();
            now.put("what", words.trigger(t));
            now.put("at", ABSOLUTE.format(t.at()));
            now.put("atIso", t.at().toString());
            now.put("answers", words.answers(t, answers).stream()
                    .map(row -> Map.of("label", row.label(), "value", row.value())).toList());
            lead.put("whyNow", now);
        }
        v.put("lead", lead);
        return v;
    }

    /** "15 minutes", "2 hours", "1 day". */
    static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (d.toHours() < 48) {
            return d.toHours() + " hours";
        }
        return d.toDays() + " days";
    }

    private static Template compile(String resource) {
        try (InputStream in = DispositionPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing page template " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                // Strict: a misspelt variable fails the tests instead of rendering empty; values are escaped.
                return Mustache.compiler().emptyStringIsFalse(true).compile(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
