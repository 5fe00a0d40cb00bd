package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.admin.ChangeModel;
import io.leadtriage.app.admin.EditNurture;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.model.EmailTemplate;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.domain.model.Sequence;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.json.JsonTree;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's nurture editor on the admin API: a template of the model in effect previewed, sent as a test and saved
 * ({@link EditNurture}), and the sequences and templates as JSON beside the model's YAML.
 */
final class AdminNurture {
    /** A template whose edit the model would refuse: 400, each problem of it at its field. */
    static final String INVALID_TEMPLATE = "invalid_template";

    private AdminNurture() {
    }

    /** {@code POST …/preview}: the email the edit makes for a sample lead or a stored one. */
    static APIGatewayV2HTTPResponse preview(EditNurture edits, APIGatewayV2HTTPEvent event, String template) {
        Map<String, Object> body = body(event);
        try {
            return Responses.json(200, email(edits.preview(edit(template, body), forLead(body))));
        } catch (EditNurture.InvalidTemplate e) {
            return invalid(e);
        }
    }

    /** {@code POST …/test-send}: the preview, to one of the company's own addresses ({@code to}). */
    static APIGatewayV2HTTPResponse testSend(EditNurture edits, APIGatewayV2HTTPEvent event, String template) {
        Map<String, Object> body = body(event);
        try {
            OutgoingEmail sent = edits.testSend(edit(template, body), forLead(body), text(body, "to"));
            return Responses.json(202, Map.of("sent", true, "subject", sent.subject()));
        } catch (EditNurture.InvalidTemplate e) {
            return invalid(e);
        }
    }

    /** {@code PUT /v1/admin/config/templates/{template}}: the model in effect with the edit, as its next version. */
    static APIGatewayV2HTTPResponse save(EditNurture edits, APIGatewayV2HTTPEvent event, HttpRequest request, String template) {
        Map<String, Object> body = body(event);
        ChangeModel.Put put;
        try {
            // If-Match, or the console's "version": the model version the edit started from.
            String ifMatch = request.header("if-match") != null ? request.header("if-match") : text(body, "version");
            put = edits.save(edit(template, body), ifMatch);
        } catch (EditNurture.InvalidTemplate e) {
            return invalid(e);
        }
        return Responses.json(200, Map.of("version", put.version(), "unchanged", put.unchanged()));
    }

    /** The model's nurture, as the console shows it: sequences with their audiences and steps, templates, samples. */
    static void describe(QualificationModel model, Map<String, Object> body) {
        body.put("sequences", model.nurture() == null ? java.util.List.of() : model.nurture().sequences().stream()
                .map(AdminNurture::sequence).toList());
        Map<String, Object> templates = new LinkedHashMap<>();
        model.templates().forEach((name, t) -> templates.put(name, Map.of("subject", nonNull(t.subject()),
                "html", nonNull(t.html()), "text", nonNull(t.text()))));
        body.put("templates", templates);
        body.put("samples", EditNurture.SAMPLES.keySet());
    }

    private static Map<String, Object> sequence(Sequence s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("audience", Map.of("tiers", s.audience() == null ? java.util.List.of()
                        : s.audience().tiers().stream().map(Object::toString).toList(),
                "painPoints", s.audience() == null ? java.util.List.of() : s.audience().painPoints()));
        row.put("steps", s.steps().stream().map(step -> Map.of("after", step.after().toString(), "template", step.template()))
                .toList());
        return row;
    }

    private static Map<String, Object> email(OutgoingEmail email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", email.from());
        body.put("subject", email.subject());
        body.put("html", email.html());
        body.put("text", email.text());
        body.put("headers", email.headers());
        return body;
    }

    private static APIGatewayV2HTTPResponse invalid(EditNurture.InvalidTemplate e) {
        return Responses.json(400, Map.of("error", Map.of("code", INVALID_TEMPLATE, "message", e.getMessage(),
                "fields", e.fields(), "problems", e.problems())));
    }

    private static EditNurture.Edit edit(String template, Map<String, Object> body) {
        return new EditNurture.Edit(template, new EmailTemplate(text(body, "subject"), text(body, "html"), text(body, "text")));
    }

    private static EditNurture.For forLead(Map<String, Object> body) {
        return new EditNurture.For(text(body, "leadId"), text(body, "sample"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(APIGatewayV2HTTPEvent event) {
        String needed = "Send a JSON object: subject, html and text, and for a preview leadId or sample.";
        if (event.getBody() == null || event.getBody().isEmpty()) {
            throw Refusal.invalidBody(needed);
        }
        Object parsed;
        try {
            parsed = JsonTree.parse(AdminHandler.modelText(event));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidBody(needed);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw Refusal.invalidBody(needed);
        }
        return (Map<String, Object>) map;
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw Refusal.invalidFields(Map.of(field, "must be a string"));
        }
        return (String) value;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
