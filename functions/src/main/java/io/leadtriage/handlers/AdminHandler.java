package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.Budget;
import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.admin.AsOfNow;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.app.Refusal;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.handlers.http.HttpErrors;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.EraseLead;
import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.admin.ChangeModel;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.app.admin.DryRunModel;
import io.leadtriage.app.admin.EditModel;
import io.leadtriage.app.admin.ReplayWebhooks;
import io.leadtriage.app.admin.LookUpLeads;
import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.admin.ExportLeads;
import io.leadtriage.app.CountStoredLeads;
import io.leadtriage.handlers.http.Csv;
import io.leadtriage.json.JsonTree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * The admin routes: leads (list, view, outcome, erasure), reports, the qualification model, and the webhooks' dead
 * letters.
 * Deployed, API Gateway admits only AWS_IAM-signed requests to them; locally, {@code Authorization:
 * Bearer $ADMIN_TOKEN}. Without one of the two, everything is refused, whatever the route.
 */
public final class AdminHandler extends HttpFunction {
    /** Who may export personal data: IAM principals, comma-separated (template.yaml's PersonalDataReaders). */
    static final String PERSONAL_DATA_READERS = "PERSONAL_DATA_READERS";
    /**
     * The model file is about 26 KB; a body far larger is a mistake, not a model. The bound is what a version's item
     * can hold: DynamoDB's items are at most 400 KB, and a text this long is stored without its prepared form
     * ({@link io.leadtriage.app.ports.ConfigStore#MAX_TEXT_WITH_PREPARED_BYTES}); a larger one would be checked, then
     * refused by the table.
     */
    public static final int MAX_MODEL_BYTES = 380 * 1024;
    /** A dry run's share of one request: API Gateway answers 504 after 30 s. */
    static final long DRY_RUN_MILLIS = 20_000;

    private final LookUpLeads lookUp;
    private final RecordOutcome recordOutcome;
    private final EraseLead eraseLead;
    private final ReportOnLeads reports;
    private final ChangeModel changeModel;
    private final io.leadtriage.app.admin.EditNurture editNurture;
    private final DryRunModel dryRunModel;
    private final EditModel editModel;
    private final ReplayWebhooks webhooks;
    private final ExportLeads exportLeads;
    private final CountStoredLeads countStoredLeads;
    private final String adminToken;
    private final List<String> personalDataReaders;

    /** Lambda's: the function's services, built once per container. */
    public AdminHandler() {
        this(Services.shared());
        Priming.registerOnce(Services.shared());
    }

    public AdminHandler(Services services) {
        this(services, personalDataReaders(System.getenv(PERSONAL_DATA_READERS)));
    }

    /** @param personalDataReaders the IAM principals that may export personal data (an entry ending in * a prefix) */
    public AdminHandler(Services services, List<String> personalDataReaders) {
        this.lookUp = services.lookUpLeads();
        this.recordOutcome = services.recordOutcome();
        this.eraseLead = services.eraseLead();
        this.reports = services.reportOnLeads();
        this.changeModel = services.changeModel();
        this.editNurture = services.editNurture();
        this.dryRunModel = services.dryRunModel();
        this.editModel = services.editModel();
        this.exportLeads = services.exportLeads();
        this.countStoredLeads = services.countStoredLeads();
        this.webhooks = services.replayWebhooks();
        this.adminToken = services.config().adminToken();
        this.personalDataReaders = List.copyOf(personalDataReaders);
    }

    /** The setting's principals, comma-separated; none when unset. */
    static List<String> personalDataReaders(String setting) {
        return setting == null ? List.of() : java.util.Arrays.stream(setting.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        if (!authorized(event, request)) {
            Log.warn("admin request refused: no credentials", Map.of("route", String.valueOf(event.getRouteKey())));
            return Responses.error(new Refusal("unauthorized",
                    "Sign the request with AWS credentials (SigV4), or locally send Authorization: Bearer $ADMIN_TOKEN.",
                    Map.of()));
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? ""
                : event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
        String route = method + " " + routePath(event);
        try {
            return switch (route) {
                case "GET /v1/admin/leads" -> list(event);
                case "GET /v1/admin/leads/{leadId}" -> view(request.pathParameter("leadId"));
                case "POST /v1/admin/leads/{leadId}/outcome" -> outcome(request.pathParameter("leadId"), request);
                case "DELETE /v1/admin/leads/{leadId}" -> erase(request.pathParameter("leadId"));
                case "GET /v1/admin/reports/funnel" -> funnel(event, request);
                case "GET /v1/admin/reports/calibration" -> AdminReports.answer(request, query(event), "calibration", "rules",
                        AdminReports.calibration(reports.calibration()));
                case "GET /v1/admin/reports/emails" -> emails(event, request, "emails");
                case "GET /v1/admin/reports/nurture" -> emails(event, request, "nurture");
                case "GET /v1/admin/reports/backfill" -> Responses.json(200, AdminReports.backfill(countStoredLeads.progress()
                        .orElseThrow(() -> Refusal.notFound("No backfill of the report counters was started."))));
                case "POST /v1/admin/reports/backfill" -> backfill();
                case "GET /v1/admin/exports/leads" -> export(event, request);
                case "GET /v1/admin/config" -> config();
                case "PUT /v1/admin/config" -> putConfig(event, request);
                case "POST /v1/admin/config/dry-run" -> dryRun(event, context);
                case "POST /v1/admin/config/form" -> form(event);
                case "GET /v1/admin/config/versions/{version}" -> version(request.pathParameter("version"));
                case "POST /v1/admin/config/versions/{version}/rollback" -> rollBack(request.pathParameter("version"),
                        request);
                case "POST /v1/admin/config/templates/{template}/preview" -> AdminNurture.preview(editNurture, event,
                        request.pathParameter("template"));
                case "POST /v1/admin/config/templates/{template}/test-send" -> AdminNurture.testSend(editNurture, event,
                        request.pathParameter("template"));
                case "PUT /v1/admin/config/templates/{template}" -> AdminNurture.save(editNurture, event, request,
                        request.pathParameter("template"));
                case "GET /v1/admin/webhooks/dead-letters" -> AdminWebhooks.list(webhooks, event);
                case "POST /v1/admin/webhooks/dead-letters/replay" -> AdminWebhooks.replayAll(webhooks, request);
                case "POST /v1/admin/webhooks/dead-letters/{leadId}/{deliveryId}/replay" -> AdminWebhooks.replayOne(webhooks,
                        request.pathParameter("leadId"), request.pathParameter("deliveryId"));
                default -> Responses.error(new Refusal("not_found", "No admin route " + route + ".", Map.of()));
            };
        } catch (RuntimeException e) {
            return Responses.error(HttpErrors.refusalFor(e, "admin"));
        }
    }

    /** API Gateway verified a SigV4 signature (deployed), or the local bearer token matches. */
    private boolean authorized(APIGatewayV2HTTPEvent event, HttpRequest request) {
        APIGatewayV2HTTPEvent.RequestContext ctx = event.getRequestContext();
        if (ctx != null && ctx.getAuthorizer() != null && ctx.getAuthorizer().getIam() != null
                && ctx.getAuthorizer().getIam().getUserArn() != null) {
            return true;
        }
        return Secrets.bearerMatches(request.header("authorization"), adminToken);
    }

    /** The route template (from routeKey), so that the same handler serves every admin route. */
    private static String routePath(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        if (routeKey != null && routeKey.contains(" ")) {
            return routeKey.substring(routeKey.indexOf(' ') + 1);
        }
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    private APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        int limit = LookUpLeads.DEFAULT_PAGE;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
        }
        LookUpLeads.Listing page = query.containsKey("email") ? lookUp.byEmail(query.get("email"))
                : lookUp.list(new LeadFilter(enumOf(Tier.class, query.get("tier"), "tier"),
                        enumOf(Stage.class, query.get("stage"), "stage"), query.get("form"), query.get("source"),
                        query.get("campaign"), AdminReports.instant(query.get("from"), "from"),
                        AdminReports.instant(query.get("to"), "to")), limit, query.get("cursor"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leads", page.leads().stream().map(listed -> summary(listed.lead(), listed.verdict())).toList());
        body.put("nextCursor", page.nextCursor());
        return Responses.json(200, body);
    }

    private APIGatewayV2HTTPResponse view(String leadId) {
        LookUpLeads.LeadView view = lookUp.view(leadId);
        LeadRecord lead = view.lead();
        QualificationSummary now = view.verdict().now();
        Map<String, Object> body = summary(lead, view.verdict());
        body.put("profile", lead.lead().answers().asMap());
        body.put("answers", view.ownAnswers().stream().map(r -> Map.of("label", r.label(), "value", r.value())).toList());
        body.put("consent", lead.consent() == null ? null : Map.of("at", lead.consent().at().toString(),
                "formId", lead.consent().formId(), "textVersion", lead.consent().textVersion(),
                "pageUrl", String.valueOf(lead.consent().pageUrl())));
        body.put("source", lead.source());
        body.put("breakdown", now.breakdown().stream().map(l -> Map.of("rule", l.ruleId(),
                "points", l.points(), "reason", l.reason(), "line", l.toString())).toList());
        body.put("sinceStored", view.verdict().sinceStored().stream().map(c -> Map.of("rule", c.rule(),
                "reason", c.reason(), "stored", c.stored(), "now", c.now())).toList());
        body.put("painPoints", now.painPoints());
        body.put("disqualifiedBecause", now.disqualifiedBecause());
        body.put("signals", lead.lead().signals().stream().map(s -> Map.of("type", s.type().wireName(),
                "at", s.at().toString(), "detail", s.detail(), "scores", s.scores(), "source", s.source().wireName(),
                "category", s.category())).toList());
        body.put("nurture", lead.nurture() == null ? null : Map.of("sequence", lead.nurture().sequenceId(),
                "nextStep", lead.nurture().nextStep(), "status", lead.nurture().status()));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("unsubscribedAt", lead.contact().unsubscribedAt() == null ? null : lead.contact().unsubscribedAt().toString());
        contact.put("suppressedBecause", lead.contact().suppressedBecause());
        body.put("contact", contact);
        body.put("sales", sales(lead));
        body.put("timeline", view.timeline().stream().map(e -> Map.of("at", e.at().toString(),
                "kind", e.kind(), "detail", e.detail())).toList());
        body.put("emails", view.emails().stream().map(AdminHandler::message).toList());
        return Responses.json(200, body);
    }

    private APIGatewayV2HTTPResponse outcome(String leadId, HttpRequest request) {
        LeadRecord recorded = recordOutcome.record(leadId, request.fields().getOrDefault("outcome", ""))
                .orElseThrow(() -> Refusal.notFound("No lead with this id."));
        return Responses.json(200, sales(recorded));
    }

    private APIGatewayV2HTTPResponse erase(String leadId) {
        if (!eraseLead.erase(leadId)) {
            throw Refusal.notFound("No lead with this id.");
        }
        return Responses.json(200, Map.of("erased", true));
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    private APIGatewayV2HTTPResponse funnel(APIGatewayV2HTTPEvent event, HttpRequest request) {
        Map<String, String> query = query(event);
        ReportOnLeads.Period period = reports.period(AdminReports.instant(query.get("from"), "from"),
                AdminReports.instant(query.get("to"), "to"));
        if (query.get("by") == null) {
            return AdminReports.answer(request, query, "funnel", null, AdminReports.funnel(reports.funnel(period)));
        }
        ReportOnLeads.Breakdown by = ReportOnLeads.breakdown(query.get("by"));
        return AdminReports.answer(request, query, "funnel-by-" + by.wireName(), "rows",
                AdminReports.funnelBy(by, period, reports.funnelBy(by, period)));
    }

    /** The email figures: {@code emails}, the nurture steps' sends; {@code nurture}, every figure of every kind. */
    private APIGatewayV2HTTPResponse emails(APIGatewayV2HTTPEvent event, HttpRequest request, String report) {
        Map<String, String> query = query(event);
        ReportOnLeads.Period period = reports.period(AdminReports.instant(query.get("from"), "from"),
                AdminReports.instant(query.get("to"), "to"));
        Map<io.leadtriage.app.reports.EmailStep, io.leadtriage.domain.reports.Tally> figures = reports.emailFigures(period);
        return AdminReports.answer(request, query, report, "rows", report.equals("emails") ? AdminReports.emails(period, figures)
                : AdminReports.nurture(period, figures));
    }

    private APIGatewayV2HTTPResponse backfill() {
        CountStoredLeads.Started started = countStoredLeads.start();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("started", started.started()));
        body.putAll(AdminReports.backfill(started.progress()));
        return Responses.json(started.started() ? 202 : 200, body);
    }

    /** A page of the leads export, as CSV; the next page's cursor in {@code X-Next-Cursor} (absent on the last). */
    private APIGatewayV2HTTPResponse export(APIGatewayV2HTTPEvent event, HttpRequest request) {
        Map<String, String> query = query(event);
        ReportOnLeads.Period period = reports.period(AdminReports.instant(query.get("from"), "from"),
                AdminReports.instant(query.get("to"), "to"));
        Integer limit = null;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
        }
        ExportLeads.Page page = exportLeads.page(period, query.get("fields"), limit, query.get("cursor"),
                mayReadPersonalData(event));
        Log.info("leads exported", Map.of("rows", page.rows().size(), "more", page.nextCursor() != null));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"leads.csv\"");
        if (page.nextCursor() != null) {
            headers.put("X-Next-Cursor", page.nextCursor());
        }
        return Responses.csv(200, Csv.of(page.fields().stream().map(ExportLeads.Field::wireName).toList(), page.rows()),
                headers);
    }

    /**
     * Personal data in bulk: locally, the holder of the admin token (the one operator); deployed, only the IAM principals
     * PERSONAL_DATA_READERS names, since every other admin may export the rest.
     */
    private boolean mayReadPersonalData(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext ctx = event.getRequestContext();
        String caller = ctx != null && ctx.getAuthorizer() != null && ctx.getAuthorizer().getIam() != null
                ? ctx.getAuthorizer().getIam().getUserArn() : null;
        if (caller == null) {
            return adminToken != null;
        }
        return personalDataReaders.stream().anyMatch(reader -> reader.endsWith("*")
                ? caller.startsWith(reader.substring(0, reader.length() - 1)) : caller.equals(reader));
    }

    private APIGatewayV2HTTPResponse config() {
        ChangeModel.InEffect model = changeModel.inEffect();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", model.version());
        body.put("source", model.source());
        body.put("file", model.file());
        body.put("updatedAt", text(model.updatedAt()));
        body.put("yaml", model.yaml());
        body.put("history", model.history().stream().map(v -> Map.of("version", v.version(),
                "createdAt", v.createdAt().toString(), "sha256", v.sha256())).toList());
        ConfigStore.Rescoring r = model.rescoring();
        Map<String, Object> rescoring = null;
        if (r != null) {
            rescoring = new LinkedHashMap<>();
            rescoring.put("version", r.version());
            rescoring.put("alertNewlyHot", r.alertNewlyHot());
            rescoring.put("startedAt", r.startedAt().toString());
            rescoring.put("finishedAt", text(r.finishedAt()));
            rescoring.put("finished", r.finished());
            rescoring.put("examined", r.examined());
            rescoring.put("changed", r.changed());
            rescoring.put("tierChanges", r.tierChanges());
            rescoring.put("newlyHot", r.newlyHot());
        }
        body.put("rescoring", rescoring);
        AdminNurture.describe(ModelLoader.load(model.yaml(), "the model in effect"), body);
        return Responses.json(200, body);
    }

    /** A new model (YAML, or JSON, which is YAML too): see {@link ChangeModel#put}. */
    private APIGatewayV2HTTPResponse putConfig(APIGatewayV2HTTPEvent event, HttpRequest request) {
        try {
            return putAnswer(changeModel.put(modelText(event), request.header("if-match"), flag(event, "alertNewlyHot")),
                    flag(event, "alertNewlyHot"));
        } catch (ChangeModel.InvalidModel e) {
            return invalidModel(e);
        }
    }

    /** An earlier version's text put again as the next version: see {@link ChangeModel#rollBack}. */
    private APIGatewayV2HTTPResponse rollBack(String version, HttpRequest request) {
        try {
            return putAnswer(changeModel.rollBack(versionNumber(version), request.header("if-match")), false);
        } catch (ChangeModel.InvalidModel e) {
            return invalidModel(e); // a version stored before a check the model now has
        }
    }

    private APIGatewayV2HTTPResponse version(String version) {
        ConfigStore.ConfigVersion v = changeModel.version(versionNumber(version));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", v.version());
        body.put("createdAt", text(v.createdAt()));
        body.put("yaml", v.yaml());
        return Responses.json(200, body);
    }

    private static long versionNumber(String version) {
        try {
            long n = Long.parseLong(version == null ? "" : version);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Refusal.invalidFields(Map.of("version", "must be a version number (0 for the model file)"));
    }

    /**
     * The model as a form, with a form's changes written into a draft ({@link EditModel}): the body is
     * {@code {"yaml": draft, "set": {path: value}}}; the answer the new draft and its form, or every problem of it.
     */
    private APIGatewayV2HTTPResponse form(APIGatewayV2HTTPEvent event) {
        Object parsed;
        try {
            parsed = JsonTree.parse(modelText(event));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidBody("Send {\"yaml\": the draft, \"set\": {path: value}} as JSON.");
        }
        if (!(parsed instanceof Map<?, ?> body) || !(body.get("yaml") instanceof String yaml)
                || body.get("set") != null && !(body.get("set") instanceof Map<?, ?>)) {
            throw Refusal.invalidBody("Send {\"yaml\": the draft, \"set\": {path: value}} as JSON.");
        }
        Map<String, String> set = new LinkedHashMap<>();
        if (body.get("set") instanceof Map<?, ?> values) {
            values.forEach((path, value) -> set.put(String.valueOf(path), value == null ? "" : String.valueOf(value)));
        }
        EditModel.Edited edited;
        try {
            edited = editModel.edit(yaml, set);
        } catch (ChangeModel.InvalidModel e) {
            return invalidModel(e);
        }
        return Responses.json(200, Map.of("yaml", edited.yaml(), "form", AdminModelForm.of(edited.form())));
    }

    private static APIGatewayV2HTTPResponse putAnswer(ChangeModel.Put put, boolean alertNewlyHot) {
        if (put.unchanged()) {
            return Responses.json(200, Map.of("version", put.version(), "unchanged", true, "message",
                    "The model sent is the one in effect (version " + put.version() + "); no version was stored."));
        }
        return Responses.json(200, Map.of("version", put.version(), "unchanged", false,
                "createdAt", put.createdAt().toString(), "sha256", put.sha256(), "inEffectWithin", ModelInEffect.REFRESH.toString(),
                "rescoring", Map.of("alertNewlyHot", alertNewlyHot, "progress", "GET /v1/admin/config")));
    }

    /**
     * What a candidate model would change (see {@link DryRunModel}): a tally, examples, and a cursor to go on with while
     * leads are left, within {@link #DRY_RUN_MILLIS} of the request (API Gateway waits 30 s at most).
     */
    private APIGatewayV2HTTPResponse dryRun(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        long millis = context == null ? DRY_RUN_MILLIS : Math.min(DRY_RUN_MILLIS, context.getRemainingTimeInMillis() - 10_000L);
        DryRunModel.Tally tally;
        try {
            tally = dryRunModel.run(modelText(event), query.get("cursor"), Budget.forMillis(millis, System::nanoTime));
        } catch (ChangeModel.InvalidModel e) {
            return invalidModel(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complete", tally.complete());
        body.put("examined", tally.examined());
        body.put("tierChanges", tally.tierChanges());
        body.put("stageChanges", tally.stageChanges());
        body.put("tiers", tally.tiers());
        body.put("stages", tally.stages());
        body.put("examples", tally.examples().stream().map(e -> {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("leadId", e.leadId());
            example.put("score", Map.of("inEffect", e.inEffect().score(), "candidate", e.candidate().score()));
            example.put("tier", Map.of("inEffect", e.inEffect().tier().wireName(), "candidate", e.candidate().tier().wireName()));
            example.put("stage", Map.of("inEffect", e.inEffect().stage().wireName(), "candidate", e.candidate().stage().wireName()));
            example.put("reasons", e.reasons().stream().map(c -> Map.of("rule", c.rule(), "reason", c.reason(),
                    "inEffect", c.stored(), "candidate", c.now())).toList());
            return example;
        }).toList());
        body.put("cursor", tally.cursor());
        return Responses.json(200, body);
    }

    private static APIGatewayV2HTTPResponse invalidModel(ChangeModel.InvalidModel e) {
        return Responses.json(400, Map.of("error", Map.of("code", "invalid_model",
                "message", e.getMessage(), "problems", e.problems(), "details", e.details().stream().map(p -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("path", p.path());
                    d.put("line", p.line());
                    d.put("column", p.column());
                    d.put("code", p.code());
                    d.put("message", p.message());
                    return d;
                }).toList())));
    }

    /** A query parameter that is true only when it says {@code true}. */
    private static boolean flag(APIGatewayV2HTTPEvent event, String name) {
        return event.getQueryStringParameters() != null && "true".equals(event.getQueryStringParameters().get(name));
    }

    /** The body as text, within {@link #MAX_MODEL_BYTES}. */
    static String modelText(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] bytes = event.getIsBase64Encoded() ? decode(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MODEL_BYTES) {
            throw Refusal.tooLarge("A model is at most " + MAX_MODEL_BYTES / 1024 + " KB.");
        }
        if (bytes.length == 0) {
            throw Refusal.invalidBody("Send the model (YAML or JSON) as the body.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidBody("The request body is not valid base64.");
        }
    }

    /** A lead as listed: its score, tier and stage as of now, with the stored ones beside them. */
    static Map<String, Object> summary(LeadRecord lead, AsOfNow verdict) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("leadId", lead.id());
        s.put("email", lead.lead().email());
        s.put("name", lead.lead().answers().displayName());
        s.put("company", lead.lead().answers().getOrEmpty("company"));
        s.put("score", verdict.now().score());
        s.put("tier", verdict.now().tier().wireName());
        s.put("stage", verdict.now().stage().wireName());
        s.put("why", verdict.now().breakdown().stream().map(ScoreLine::toString).toList());
        QualificationSummary stored = verdict.stored();
        s.put("stored", Map.of("score", stored.score(), "tier", stored.tier().wireName(), "stage", stored.stage().wireName(),
                "at", stored.evaluatedAt().toString()));
        s.put("createdAt", lead.createdAt().toString());
        s.put("updatedAt", lead.updatedAt().toString());
        return s;
    }

    private static Map<String, Object> sales(LeadRecord lead) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("firstHotAt", text(lead.sales().firstHotAt()));
        s.put("firstAlertSentAt", text(lead.sales().firstAlertSentAt()));
        s.put("opportunityAt", text(lead.sales().opportunityAt()));
        s.put("wonAt", text(lead.sales().wonAt()));
        s.put("lostAt", text(lead.sales().lostAt()));
        s.put("disposition", lead.sales().disposition());
        return s;
    }

    private static Map<String, Object> message(SentMessage m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", m.kind().wireName());
        s.put("template", m.template());
        s.put("sentAt", m.sentAt().toString());
        s.put("deliveredAt", text(m.deliveredAt()));
        s.put("bouncedAt", text(m.bouncedAt()));
        s.put("complainedAt", text(m.complainedAt()));
        s.put("clicks", m.clicks().size());
        s.put("scannerClicks", m.clicks().stream().filter(SentMessage.Click::scanner).count());
        return s;
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.toString().equals(value)).findFirst()
                .orElseThrow(() -> Refusal.invalidFields(Map.of(field, "must be one of: "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()))));
    }
}
