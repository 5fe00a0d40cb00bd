package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.handlers.http.Html;
import io.leadtriage.handlers.http.Json;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The /_local/ routes, which exist only in the local run: the caught emails (JSON and a page), the leads
 * with tier, score and breakdown, the clock that moves forward on request, and the dispatcher on demand.
 */
final class LocalConsole implements LocalHttpServer.LocalEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Services services;
    private final MailCatcher mail;
    private final AdjustableClock clock;
    private final DynamoDbClient dynamo;

    LocalConsole(Services services, MailCatcher mail, AdjustableClock clock, DynamoDbClient dynamo) {
        this.services = services;
        this.mail = mail;
        this.clock = clock;
        this.dynamo = dynamo;
    }

    @Override
    public boolean handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith("/_local")) {
            return false;
        }
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        switch (method + " " + path) {
            case "GET /_local/emails" -> json(exchange, 200, emails());
            case "GET /_local/leads" -> json(exchange, 200, leads());
            case "POST /_local/clock" -> advanceClock(exchange);
            case "POST /_local/dispatch" -> {
                // What the deployed schedules do: review tiers that faded, then send what is due.
                int reviewed = services.reviewTiers().reviewDue(1000);
                DispatchOutbox.Report r = services.dispatcher().dispatchDue(1000, Duration.ofSeconds(30));
                json(exchange, 200, Map.of("sent", r.sent(), "retried", r.retried(), "dropped", r.dropped(),
                        "tiersReviewed", reviewed, "now", clock.instant().toString()));
            }
            case "GET /_local", "GET /_local/" -> html(exchange, page());
            default -> json(exchange, 404, Map.of("error", Map.of("code", "not_found",
                    "message", "Local routes: GET /_local/, GET /_local/emails, GET /_local/leads,"
                            + " POST /_local/clock {\"advance\": \"P3D\"}, POST /_local/dispatch")));
        }
        return true;
    }

    private void advanceClock(HttpExchange exchange) throws IOException {
        String text;
        try {
            JsonNode body = JSON.readTree(LocalHttpServer.readBody(exchange));
            text = body == null ? null : body.path("advance").asText(null);
        } catch (IOException e) {
            text = null;
        }
        if (text == null) {
            json(exchange, 400, Map.of("error", Map.of("code", "invalid_field",
                    "message", "Send {\"advance\": \"P3D\"} (an ISO-8601 duration)")));
            return;
        }
        try {
            Duration by = text.matches("P\\d+W") ? Duration.ofDays(7L * Long.parseLong(text.substring(1, text.length() - 1)))
                    : Duration.parse(text);
            clock.advance(by);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", Map.of("code", "invalid_field",
                    "message", "'advance' must be a forward ISO-8601 duration such as PT1H, P3D or P1W")));
            return;
        }
        json(exchange, 200, Map.of("now", clock.instant().toString(), "offset", clock.offset().toString()));
    }

    /** The caught emails, oldest first, in the shape PRODUCT.md promises. */
    List<Map<String, Object>> emails() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MailCatcher.CaughtEmail caught : mail.caught()) {
            OutgoingEmail e = caught.email();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", e.kind().wireName());
            item.put("to", e.to());
            item.put("from", e.from());
            item.put("replyTo", e.replyTo());
            item.put("subject", e.subject());
            item.put("html", e.html());
            item.put("text", e.text());
            item.put("headers", e.headers());
            item.put("sentAt", caught.sentAt().toString());
            list.add(item);
        }
        return list;
    }

    List<Map<String, Object>> leads() {
        List<LeadRecord> records = new ArrayList<>();
        // A scan is fine here: this page exists only locally, on a handful of leads.
        dynamo.scanPaginator(r -> r.tableName(services.config().leadsTable())
                        .filterExpression("sk = :profile")
                        .expressionAttributeValues(Map.of(":profile", AttributeValue.fromS("PROFILE"))))
                .items().forEach(item -> services.leadStore().findById(item.get("leadId").s()).ifPresent(records::add));
        records.sort(Comparator.comparing(LeadRecord::createdAt).reversed());
        List<Map<String, Object>> list = new ArrayList<>();
        for (LeadRecord r : records) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("leadId", r.id());
            item.put("email", r.lead().email());
            item.put("name", r.lead().answers().displayName());
            item.put("company", r.lead().answers().getOrEmpty("company"));
            item.put("score", r.qualification().score());
            item.put("tier", r.qualification().tier().wireName());
            item.put("stage", r.qualification().stage().wireName());
            item.put("breakdown", r.qualification().breakdown().stream().map(ScoreLine::toString).toList());
            item.put("nurture", r.nurture() == null ? null : r.nurture().sequenceId() + " (" + r.nurture().status() + ")");
            item.put("createdAt", r.createdAt().toString());
            list.add(item);
        }
        return list;
    }

    private String page() {
        StringBuilder leadRows = new StringBuilder();
        for (Map<String, Object> lead : leads()) {
            leadRows.append("<tr><td>").append(Html.escape((String) lead.get("name"))).append("<br><small>")
                    .append(Html.escape((String) lead.get("email"))).append("</small></td><td>")
                    .append(Html.escape((String) lead.get("company"))).append("</td><td class=\"tier ")
                    .append(lead.get("tier")).append("\">").append(lead.get("tier")).append("</td><td>")
                    .append(lead.get("stage")).append("</td><td class=\"num\">").append(lead.get("score"))
                    .append("</td><td><ul>");
            for (Object line : (List<?>) lead.get("breakdown")) {
                leadRows.append("<li>").append(Html.escape(line.toString())).append("</li>");
            }
            leadRows.append("</ul></td><td>").append(Html.escape(String.valueOf(lead.get("nurture") == null ? "–"
                    : lead.get("nurture")))).append("</td></tr>");
        }
        StringBuilder emailBlocks = new StringBuilder();
        List<Map<String, Object>> emails = emails();
        for (int i = emails.size() - 1; i >= 0; i--) {
            Map<String, Object> e = emails.get(i);
            StringBuilder headers = new StringBuilder();
            ((Map<?, ?>) e.get("headers")).forEach((k, v) -> headers.append("<tr><th>").append(Html.escape(k.toString()))
                    .append("</th><td>").append(Html.escape(v.toString())).append("</td></tr>"));
            emailBlocks.append("<details class=\"email\"><summary><span class=\"kind ").append(e.get("kind")).append("\">")
                    .append(e.get("kind")).append("</span> <strong>").append(Html.escape((String) e.get("subject")))
                    .append("</strong> → ").append(Html.escape(String.join(", ", (List<String>) e.get("to"))))
                    .append(" <small>").append(e.get("sentAt")).append("</small></summary>")
                    .append("<table class=\"headers\"><tr><th>From</th><td>").append(Html.escape((String) e.get("from")))
                    .append("</td></tr><tr><th>Reply-To</th><td>").append(Html.escape(String.valueOf(e.get("replyTo"))))
                    .append("</td></tr>").append(headers).append("</table>")
                    .append("<iframe sandbox title=\"email body\" srcdoc=\"").append(Html.escape((String) e.get("html")))
                    .append("\"></iframe><pre>").append(Html.escape((String) e.get("text"))).append("</pre></details>");
        }
        String body = "<h1>leadtriage · local</h1><p>Clock: " + clock.instant() + " (moved forward "
                + clock.offset() + ") · <a href=\"/\">sample landing page</a> · <a href=\"/_local/emails\">emails as JSON</a>"
                + "</p><form method=\"post\" action=\"/_local/dispatch\" onsubmit=\"event.preventDefault();"
                + "fetch(this.action,{method:'POST'}).then(()=>location.reload())\"><button>Run the dispatcher now</button></form>"
                + "<h2>Leads</h2><table class=\"leads\"><tr><th>Lead</th><th>Company</th><th>Tier</th><th>Stage</th>"
                + "<th>Score</th><th>Why</th><th>Nurture</th></tr>" + leadRows + "</table>"
                + "<h2>Emails (" + emails.size() + ")</h2>" + emailBlocks;
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>leadtriage · local</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse;width:100%}"
                + "td,th{border-bottom:1px solid #e4e7eb;padding:.4rem;text-align:left;vertical-align:top}"
                + ".num{text-align:right}.tier.hot{color:#b42318;font-weight:700}.tier.warm{color:#b54708}.tier.cold{color:#175cd3}"
                + "ul{margin:0;padding-left:1rem}details.email{border:1px solid #e4e7eb;border-radius:6px;margin:.5rem 0;padding:.5rem}"
                + ".kind{font-size:.75rem;padding:.1rem .4rem;border-radius:4px;background:#eef2f6}.kind.sales_alert{background:#fee4e2}"
                + "iframe{width:100%;height:420px;border:1px solid #e4e7eb}pre{white-space:pre-wrap;background:#f8fafc;padding:.5rem}"
                + ".headers th{width:12rem}</style></head><body>" + body + "</body></html>";
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        LocalHttpServer.send(exchange, status, Map.of("Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void html(HttpExchange exchange, String page) throws IOException {
        LocalHttpServer.send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
                page.getBytes(StandardCharsets.UTF_8));
    }
}
