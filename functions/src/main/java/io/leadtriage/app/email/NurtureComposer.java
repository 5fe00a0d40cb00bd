package io.leadtriage.app.email;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Fields;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the model's nurture templates for one lead. Whatever a template says, the composer adds what
 * every marketing email must carry: an unsubscribe link and the sender's postal address in both bodies,
 * and the one-click unsubscribe headers (RFC 8058) mail clients show as an "Unsubscribe" button.
 */
public final class NurtureComposer {
    private static final Template FOOTER_HTML = EmailTemplates.builtIn("nurture-footer.html.mustache",
            EmailTemplates.BUILT_IN_HTML);
    private static final Template FOOTER_TEXT = EmailTemplates.builtIn("nurture-footer.txt.mustache",
            EmailTemplates.BUILT_IN_TEXT);
    private static final Template LAYOUT_HTML = EmailTemplates.builtIn("nurture-layout.html.mustache",
            EmailTemplates.BUILT_IN_HTML);

    private final QualificationModel model;
    private final String from;
    private final String senderName;
    private final String postalAddress;
    /** Compiled on first use, once per template, shared by every thread that sends it. */
    private final Map<String, EmailTemplates.Compiled> compiled = new ConcurrentHashMap<>();

    /**
     * @param senderName    the {@code senderName} variable of the templates, e.g. "Sam from Leadtriage"
     * @param postalAddress the sender's postal address, printed in every email (anti-spam laws require it)
     */
    public NurtureComposer(QualificationModel model, String from, String senderName, String postalAddress) {
        this.model = Objects.requireNonNull(model, "model");
        this.from = Objects.requireNonNull(from, "from");
        this.senderName = senderName == null ? "" : senderName.strip();
        if (postalAddress == null || postalAddress.isBlank()) {
            throw new IllegalArgumentException("a postal address is required in every nurture email");
        }
        this.postalAddress = postalAddress.strip();
    }

    /**
     * @param templateName a key of the model's {@code templates}
     * @throws IllegalArgumentException when the model has no such template
     * @throws IllegalStateException    when the template is not valid Mustache
     */
    public OutgoingEmail compose(LeadRecord lead, String templateName, NurtureLinks links) {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(links, "links");
        EmailTemplates.Compiled template = compiled(templateName);
        Map<String, String> values = variables(lead, links);
        Map<String, Object> footer = footerValues(links);

        String subject = HeaderText.singleLine(template.subject().execute(values));
        String html = withFooter(template.html().execute(values), FOOTER_HTML.execute(footer));
        String text = template.text().execute(values).stripTrailing() + "\n\n" + FOOTER_TEXT.execute(footer);
        Map<String, String> headers = Map.of(
                "List-Unsubscribe", "<" + links.oneClickUnsubscribeUrl() + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new OutgoingEmail(EmailKind.NURTURE, from, List.of(lead.lead().email()), null, subject, html, text,
                headers);
    }

    private EmailTemplates.Compiled compiled(String templateName) {
        EmailTemplate source = templateName == null ? null : model.templates().get(templateName);
        if (source == null) {
            throw new IllegalArgumentException("the model has no template named '" + templateName + "'");
        }
        return compiled.computeIfAbsent(templateName, name -> {
            try {
                return EmailTemplates.Compiled.of(source);
            } catch (MustacheException e) {
                throw new IllegalStateException("templates." + name + " is not valid Mustache: " + e.getMessage(), e);
            }
        });
    }

    /** Exactly {@link EmailTemplates#VARIABLES}; a value the lead has not given is empty, so sections skip it. */
    private Map<String, String> variables(LeadRecord lead, NurtureLinks links) {
        Answers answers = lead.lead().answers();
        Map<String, String> values = new HashMap<>();
        values.put("firstName", firstName(answers));
        values.put("name", answers.displayName());
        values.put("company", answers.getOrEmpty(Fields.COMPANY));
        values.put("surveyUrl", orEmpty(links.surveyUrl()));
        values.put("finishUrl", orEmpty(links.finishUrl()));
        values.put("bookingUrl", orEmpty(links.bookingUrl()));
        values.put("confirmUrl", orEmpty(links.confirmUrl()));
        values.put("senderName", senderName);
        return values;
    }

    /** {@code firstName} when given, else the first word of the name ("Jane Roe" → "Jane"). */
    static String firstName(Answers answers) {
        String given = answers.getOrEmpty(Fields.FIRST_NAME);
        if (!given.isEmpty()) {
            return given;
        }
        String name = answers.displayName().strip();
        return name.isEmpty() ? "" : name.split("\\s+", 2)[0];
    }

    private Map<String, Object> footerValues(NurtureLinks links) {
        Map<String, Object> values = new HashMap<>();
        values.put("senderName", senderName);
        values.put("unsubscribeUrl", links.unsubscribePageUrl());
        values.put("postalAddress", postalAddress);
        values.put("postalLines", postalAddress.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return values;
    }

    /**
     * A template may be a body fragment (the shipped ones are) or a whole document pasted from an email
     * builder: the footer goes before the document's {@code </body>}, or a fragment is wrapped in a layout.
     */
    private static String withFooter(String html, String footer) {
        int bodyEnd = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        if (bodyEnd >= 0) {
            return html.substring(0, bodyEnd) + footer + "\n" + html.substring(bodyEnd);
        }
        return LAYOUT_HTML.execute(Map.of("content", html, "footer", footer));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
