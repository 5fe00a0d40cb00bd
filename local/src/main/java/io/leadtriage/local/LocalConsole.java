package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.email.Labels;
import io.leadtriage.app.outbox.DispatchOutbox;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.handlers.http.Html;
import io.leadtriage.json.JsonTree;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The /_local/ routes, which exist only in the local run: the caught emails (JSON and a page), the leads
 * with tier, stage, score and breakdown, nurture and the rep's last disposition and outcome in words, the
 * clock that moves forward on request, the dispatcher on demand, and the metrics emitted so far. Times go out as ISO instants (to the
 * millisecond) and the page's script shows them in the viewer's time zone, to the second.
 */
final class LocalConsole implements LocalHttpServer.LocalEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Services services;
    private final MailCatcher mail;
    private final EventCatcher events;
    private final ChatCatcher chat;
    private final WebhookReceiver webhooks;
    private final AdjustableClock clock;
    private final DynamoDbClient dynamo;
    private final LocalMetrics metrics;

    LocalConsole(Services services, MailCatcher mail, EventCatcher events, ChatCatcher chat, WebhookReceiver webhooks,
                 AdjustableClock clock, DynamoDbClient dynamo, LocalMetrics metrics) {
        this.chat = chat;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.services = services;
        this.mail = mail;
        this.events = events;
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
            case "GET /_local/events" -> json(exchange, 200, events());
            case "GET /_local/chat" -> json(exchange, 200, chat.json());
            case "GET /_local/leads" -> json(exchange, 200, leads());
            case "GET /_local/metrics" -> json(exchange, 200, metrics.snapshot());
            case "POST /_local/clock" -> advanceClock(exchange);
            case "POST /_local/dispatch" -> {
                // What the deployed schedules do: review tiers that faded (and rescore after a model change), then send
                // what is due.
                int reviewed = services.reviewTiers().reviewDue(1000);
                long rescored = services.rescoreLeads().continueRescoring(io.leadtriage.app.Budget.leads(1000))
                        .map(run -> (long) run.examined()).orElse(0L);
                DispatchOutbox.Report r = services.dispatcher().dispatchDue(1000, Duration.ofSeconds(30));
                int published = services.publishLeadEvents().publishDue(1000, Duration.ofSeconds(30)).published();
                json(exchange, 200, Map.of("sent", r.sent(), "retried", r.retried(), "dropped", r.dropped(),
                        "eventsPublished", published, "tiersReviewed", reviewed, "leadsRescored", rescored, "now", iso(clock.instant())));
            }
            case "GET /_local", "GET /_local/" -> html(exchange, page());
            case "GET /_local/console.js" -> script(exchange);
            default -> json(exchange, 404, Map.of("error", Map.of("code", "not_found",
                    "message", "Local routes: GET /_local/, GET /_local/emails, GET /_local/events, GET /_local/chat, GET /_local/webhooks,"
                            + " GET /_local/leads, GET /_local/metrics, POST /_local/clock {\"advance\": \"P3D\"}, POST /_local/dispatch,"
                            + " POST /_local/webhooks/fail {\"times\": 3, \"status\": 503},"
                            + " GET /_local/role and GET /_local/roles (with a role's token)")));
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
        json(exchange, 200, Map.of("now", iso(clock.instant()), "offset", clock.offset().toString(),
                "movedForward", forward(clock.offset())));
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
            item.put("sentAt", iso(caught.sentAt()));
            list.add(item);
        }
        return list;
    }

    /**
     * The lead events caught, oldest first, as an EventBridge rule's target receives them: the bus's envelope
     * (id, time, source, detail-type) around the event itself.
     */
    List<Map<String, Object>> events() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (EventCatcher.CaughtEvent caught : events.caught()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", "0");
            item.put("id", caught.id());
            item.put("detail-type", caught.detailType());
            item.put("source", io.leadtriage.app.ports.EventPublisher.SOURCE);
            item.put("time", iso(caught.time()));
            try {
                item.put("detail", JSON.readValue(caught.detail(), LinkedHashMap.class));
            } catch (IOException e) {
                item.put("detail", caught.detail());
            }
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
                .items().forEach(item -> services.storage().queries().findById(item.get("leadId").s()).ifPresent(records::add));
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
            item.put("nurture", nurture(r));
            item.put("disposition", r.sales().disposition() == null ? null : Labels.disposition(r.sales().disposition()));
            item.put("dispositionAt", iso(r.sales().dispositionAt()));
            Map.Entry<String, Instant> outcome = outcome(r);
            item.put("outcome", outcome == null ? null : outcome.getKey());
            item.put("outcomeAt", outcome == null ? null : iso(outcome.getValue()));
            item.put("createdAt", iso(r.createdAt()));
            list.add(item);
        }
        return list;
    }

    /** Where the lead stands in nurture, in words: "warm-lead-quality: step 2 of 4 next", "stopped: lead turned hot". */
    String nurture(LeadRecord r) {
        NurtureState n = r.nurture();
        if (n == null) {
            return "not in nurture";
        }
        return switch (n.status()) {
            case NurtureState.ACTIVE -> {
                int steps = services.models().current().model().nurture().sequences().stream().filter(s -> s.id().equals(n.sequenceId()))
                        .findFirst().map(s -> s.steps().size()).orElse(0);
                yield n.sequenceId() + ": step " + (n.nextStep() + 1) + (steps > 0 ? " of " + steps : "") + " next";
            }
            case NurtureState.COMPLETED -> n.sequenceId() + ": completed";
            default -> "stopped: " + stopReason(n.reason()) + " (was in " + n.sequenceId() + ")";
        };
    }

    private static String stopReason(String reason) {
        if (reason == null) {
            return "no reason recorded";
        }
        if (reason.startsWith("turned hot")) {
            return "lead turned hot, sales took over";
        }
        return switch (reason) {
            case "disqualified" -> "lead disqualified";
            case "no marketing email allowed" -> "no marketing email allowed (unsubscribed, bounced or complained)";
            case "no sequence matches" -> "no sequence matches the lead now";
            default -> reason;
        };
    }

    /** The latest outcome sales recorded: won, lost or opportunity, with its time. */
    private static Map.Entry<String, Instant> outcome(LeadRecord r) {
        if (r.sales().wonAt() != null) {
            return Map.entry("Won", r.sales().wonAt());
        }
        if (r.sales().lostAt() != null) {
            return Map.entry("Lost", r.sales().lostAt());
        }
        if (r.sales().opportunityAt() != null) {
            return Map.entry("Opportunity", r.sales().opportunityAt());
        }
        return null;
    }

    /** An instant to the millisecond, as JSON and the page's {@code datetime} attributes carry it. */
    static String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A {@code <time>} the browser shows in the viewer's zone; without script, UTC to the second. */
    static String time(String iso) {
        if (iso == null) {
            return "";
        }
        Instant at = Instant.parse(iso);
        return "<time datetime=\"" + iso + "\">" + UTC_SECONDS.format(at) + "</time>";
    }

    /** "3 days 2 h", "45 min": how far the clock was moved forward. */
    static String forward(Duration d) {
        List<String> parts = new ArrayList<>();
        if (d.toDays() > 0) {
            parts.add(d.toDays() + (d.toDays() == 1 ? " day" : " days"));
        }
        if (d.toHoursPart() > 0) {
            parts.add(d.toHoursPart() + " h");
        }
        if (d.toMinutesPart() > 0) {
            parts.add(d.toMinutesPart() + " min");
        }
        if (d.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(d.toSecondsPart() + " s");
        }
        return String.join(" ", parts);
    }

    private static String kind(String wireName) {
        return switch (wireName) {
            case "sales_alert" -> "Sales alert";
            case "nurture" -> "Nurture";
            default -> Labels.phraseOf(wireName);
        };
    }

    private String page() {
        StringBuilder leadRows = new StringBuilder();
        for (Map<String, Object> lead : leads()) {
            String tier = (String) lead.get("tier");
            leadRows.append("<tr><td>").append(Html.escape((String) lead.get("name"))).append("<br><small>")
                    .append(Html.escape((String) lead.get("email"))).append("</small>");
            if (!((String) lead.get("company")).isEmpty()) {
                leadRows.append("<br><small>").append(Html.escape((String) lead.get("company"))).append("</small>");
            }
            leadRows.append("<br><small>first seen ").append(time((String) lead.get("createdAt"))).append("</small>")
                    .append("</td><td class=\"tier ").append(Html.escape(tier)).append("\">")
                    .append(Html.escape(Labels.phraseOf(tier))).append("</td><td>")
                    .append(Html.escape(((String) lead.get("stage")).toUpperCase(java.util.Locale.ROOT).replace("LEAD", "Lead")))
                    .append("</td><td class=\"num\">").append(lead.get("score")).append("</td><td><ul>");
            for (Object line : (List<?>) lead.get("breakdown")) {
                leadRows.append("<li>").append(Html.escape(line.toString())).append("</li>");
            }
            leadRows.append("</ul></td><td>").append(Html.escape((String) lead.get("nurture"))).append("</td><td>");
            if (lead.get("disposition") != null) {
                leadRows.append("Rep: ").append(Html.escape((String) lead.get("disposition")));
                if (lead.get("dispositionAt") != null) {
                    leadRows.append(" <small>").append(time((String) lead.get("dispositionAt"))).append("</small>");
                }
            }
            if (lead.get("outcome") != null) {
                leadRows.append(lead.get("disposition") != null ? "<br>" : "").append("Outcome: ")
                        .append(Html.escape((String) lead.get("outcome"))).append(" <small>")
                        .append(time((String) lead.get("outcomeAt"))).append("</small>");
            }
            if (lead.get("disposition") == null && lead.get("outcome") == null) {
                leadRows.append("–");
            }
            leadRows.append("</td></tr>");
        }
        StringBuilder emailBlocks = new StringBuilder();
        List<Map<String, Object>> emails = emails();
        for (int i = emails.size() - 1; i >= 0; i--) {
            Map<String, Object> e = emails.get(i);
            StringBuilder headers = new StringBuilder();
            ((Map<?, ?>) e.get("headers")).forEach((k, v) -> headers.append("<tr><th>").append(Html.escape(k.toString()))
                    .append("</th><td>").append(Html.escape(v.toString())).append("</td></tr>"));
            String kind = (String) e.get("kind");
            emailBlocks.append("<details class=\"email\"><summary><span class=\"kind ").append(Html.escape(kind)).append("\">")
                    .append(Html.escape(kind(kind))).append("</span> <strong>").append(Html.escape((String) e.get("subject")))
                    .append("</strong> → ").append(Html.escape(String.join(", ", (List<String>) e.get("to"))))
                    .append(" <small>").append(time((String) e.get("sentAt"))).append("</small></summary>")
                    .append("<table class=\"headers\"><tr><th>From</th><td>").append(Html.escape((String) e.get("from")))
                    .append("</td></tr>");
            if (e.get("replyTo") != null) {
                emailBlocks.append("<tr><th>Reply-To</th><td>").append(Html.escape((String) e.get("replyTo"))).append("</td></tr>");
            }
            emailBlocks.append(headers).append("</table>")
                    .append("<iframe sandbox title=\"email body\" srcdoc=\"").append(Html.escape((String) e.get("html")))
                    .append("\"></iframe><pre>").append(Html.escape((String) e.get("text"))).append("</pre></details>");
        }
        StringBuilder eventBlocks = new StringBuilder();
        List<Map<String, Object>> caughtEvents = events();
        for (int i = caughtEvents.size() - 1; i >= 0; i--) {
            Map<String, Object> e = caughtEvents.get(i);
            JsonNode detail = JSON.valueToTree(e.get("detail"));
            eventBlocks.append("<details class=\"event\"><summary><span class=\"kind event\">")
                    .append(Html.escape((String) e.get("detail-type"))).append("</span> lead ")
                    .append(Html.escape(detail.path("leadId").asText())).append(" · sequence ")
                    .append(detail.path("sequence").asLong()).append(" <small>").append(time((String) e.get("time")))
                    .append("</small></summary><pre>").append(Html.escape(detail.toPrettyString())).append("</pre></details>");
        }
        Duration offset = clock.offset();
        String body = "<h1>leadtriage · local</h1><p>Clock: " + time(iso(clock.instant()))
                + (offset.isZero() ? " (real time)" : " (moved forward " + forward(offset) + ")")
                + " · <a href=\"/\">sample landing page</a> · <a href=\"/_local/emails\">emails as JSON</a>"
                + " · <a href=\"/_local/events\">events as JSON</a>"
                + "</p><form id=\"dispatch\" method=\"post\" action=\"/_local/dispatch\"><button>Run the dispatcher now</button></form>"
                + "<h2>Leads</h2><table class=\"leads\"><tr><th>Lead</th><th>Tier</th><th>Stage</th>"
                + "<th>Score</th><th>Why</th><th>Nurture</th><th>Sales</th></tr>" + leadRows + "</table>"
                + operations()
                + "<h2>Emails (" + emails.size() + ")</h2>" + emailBlocks
                + "<h2>Lead events (" + caughtEvents.size() + ")</h2><p><small>What an EventBridge rule's target would"
                + " receive; <a href=\"/_local/events\">as JSON</a>.</small></p>" + eventBlocks
                + "<h2>Chat alerts</h2><p><small>What the Slack and Teams webhooks (slack:sales-team, teams:sales-team)"
                + " would get; the buttons open the disposition page; <a href=\"/_local/chat\">as JSON</a>.</small></p>"
                + chat.html()
                + "<h2>Webhooks</h2><p><small>What the signed webhook subscriber " + WebhookReceiver.SUBSCRIBER
                + " took, each signature checked as a subscriber should; <a href=\"/_local/webhooks\">as JSON</a>.</small></p>"
                + webhooks.html();
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>leadtriage · local</title>"
                + "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><style>"
                + "body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse;width:100%}"
                + "td,th{border-bottom:1px solid #e4e7eb;padding:.4rem;text-align:left;vertical-align:top}"
                + ".num{text-align:right}.tier.hot{color:#b42318;font-weight:700}.tier.warm{color:#b54708}.tier.cold{color:#175cd3}"
                + "ul{margin:0;padding-left:1rem}details.email,details.event{border:1px solid #e4e7eb;border-radius:6px;margin:.5rem 0;padding:.5rem}"
                + ".kind{font-size:.75rem;padding:.1rem .4rem;border-radius:4px;background:#eef2f6}.kind.sales_alert{background:#fee4e2}"
                + "iframe{width:100%;height:420px;border:1px solid #e4e7eb}pre{white-space:pre-wrap;background:#f8fafc;padding:.5rem}"
                + ".headers th{width:12rem}</style></head><body>" + body
                + "<script src=\"/_local/console.js\" defer></script></body></html>";
    }

    /** Speed to alert of the last alerts and the outbox's oldest due item, as the alarms watch them. */
    private String operations() {
        StringBuilder html = new StringBuilder("<h2>Operations</h2><p>Speed to alert of the last alerts (submission to"
                + " SES): ");
        List<LocalMetrics.Reading> speeds = metrics.latest(io.leadtriage.ops.Metric.SPEED_TO_ALERT);
        html.append(speeds.isEmpty() ? "no alert yet" : String.join(", ", speeds.stream()
                .map(r -> Math.round(r.value()) + " ms").toList()));
        List<LocalMetrics.Reading> ages = metrics.latest(io.leadtriage.ops.Metric.OUTBOX_OLDEST_DUE_AGE);
        html.append(" · oldest due item in the outbox: ").append(ages.isEmpty() ? "no dispatcher pass yet"
                : Math.round(ages.get(0).value()) + " s").append(" · <a href=\"/_local/metrics\">every metric as JSON</a></p>");
        return html.toString();
    }

    /** The console's own policy: its script, inline styles (the emails' too, in sandboxed frames), nothing remote. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self';"
            + " connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static void script(HttpExchange exchange) throws IOException {
        byte[] js;
        try (InputStream in = LocalConsole.class.getClassLoader().getResourceAsStream("console/console.js")) {
            js = in.readAllBytes();
        }
        LocalHttpServer.send(exchange, 200, Map.of("Content-Type", "text/javascript; charset=utf-8",
                "Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"), js);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        LocalHttpServer.send(exchange, status, Map.of("Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store"), JsonTree.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void html(HttpExchange exchange, String page) throws IOException {
        LocalHttpServer.send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                "Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff"), page.getBytes(StandardCharsets.UTF_8));
    }
}
