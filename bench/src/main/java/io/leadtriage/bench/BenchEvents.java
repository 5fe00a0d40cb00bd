package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The events the benchmarks send, built from the real envelopes of events/ (the ones `sam local invoke`
 * takes) with only what must differ per call changed: a fresh email and submission id for every new
 * lead, the token of the lead a call is about, a fresh event id. A repeated envelope would hit the
 * idempotency path instead of the work being measured.
 */
final class BenchEvents {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path events;

    BenchEvents(Path eventsDir) {
        this.events = eventsDir;
    }

    /** Step 1 of the two-step get-started form, as a new visitor posts it (form-get-started-json.json). */
    ObjectNode step1(String email) {
        ObjectNode event = envelope("form-get-started-json.json");
        ObjectNode body = jsonBody(event);
        body.put("email", email);
        body.put("submissionId", UUID.randomUUID().toString());
        return withBody(event, body.toString(), "application/json");
    }

    /** Step 2 (form-get-started-step2.json) with the continuation token step 1 answered. */
    ObjectNode step2(String formToken) {
        ObjectNode event = envelope("form-get-started-step2.json");
        ObjectNode body = jsonBody(event);
        body.put("_token", formToken);
        body.put("submissionId", UUID.randomUUID().toString());
        return withBody(event, body.toString(), "application/json");
    }

    /** The single-step ebook form with consent: the lead joins a nurture sequence, its welcome email due now. */
    ObjectNode ebookDownload(String email) {
        ObjectNode event = envelope("form-get-started-json.json");
        event.put("rawPath", "/v1/forms/ebook");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/v1/forms/ebook");
        event.putObject("pathParameters").put("formId", "ebook");
        ObjectNode body = JSON.createObjectNode().put("email", email).put("name", "Sam Lee").put("consent", true)
                .put("submissionId", UUID.randomUUID().toString()).put("pageUrl", "http://localhost:3000/guide");
        return withBody(event, body.toString(), "application/json");
    }

    /** The follow-up survey a nurture email links to, answered with two fields. */
    ObjectNode surveyAnswer(String surveyToken) {
        ObjectNode event = route(envelope("form-get-started-json.json"), "POST", "/v1/surveys/{surveyId}",
                "/v1/surveys/follow-up");
        event.putObject("pathParameters").put("surveyId", "follow-up");
        ObjectNode body = JSON.createObjectNode().put("_token", surveyToken).put("budget", "planned")
                .put("timeline", "3-6m").put("submissionId", UUID.randomUUID().toString());
        return withBody(event, body.toString(), "application/json");
    }

    /** A pricing page view from the page snippet: sendBeacon posts JSON as text/plain. */
    ObjectNode pageEvent(String formToken) {
        ObjectNode event = route(envelope("form-get-started-json.json"), "POST", "/v1/events", "/v1/events");
        event.remove("pathParameters");
        ObjectNode body = JSON.createObjectNode().put("type", "pricing_page_view").put("_token", formToken)
                .put("url", "http://localhost:3000/pricing").put("eventId", UUID.randomUUID().toString());
        return withBody(event, body.toString(), "text/plain;charset=UTF-8");
    }

    /** The one-click unsubscribe POST a mail client sends (List-Unsubscribe-Post). */
    ObjectNode unsubscribe(String unsubscribeToken) {
        ObjectNode event = route(envelope("form-get-started-json.json"), "POST", "/v1/unsubscribe", "/v1/unsubscribe");
        event.remove("pathParameters");
        event.putObject("queryStringParameters").put("t", unsubscribeToken);
        event.put("rawQueryString", "t=" + unsubscribeToken);
        return withBody(event, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
    }

    /** A sales rep's "I'm on it" on the alert's disposition page. */
    ObjectNode disposition(String dispositionToken) {
        ObjectNode event = route(envelope("form-get-started-json.json"), "POST", "/v1/alerts/disposition",
                "/v1/alerts/disposition");
        event.remove("pathParameters");
        event.putObject("queryStringParameters").put("t", dispositionToken);
        event.put("rawQueryString", "t=" + dispositionToken);
        return withBody(event, "disposition=accepted", "application/x-www-form-urlencoded");
    }

    /** The first page of the admin lead list, signed with SigV4 (API Gateway passes the caller's ARN). */
    ObjectNode adminListLeads() {
        ObjectNode event = route(envelope("form-get-started-json.json"), "GET", "/v1/admin/leads", "/v1/admin/leads");
        event.remove("pathParameters");
        event.remove("body");
        event.put("isBase64Encoded", false);
        ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("iam")
                .put("userArn", "arn:aws:iam::123456789012:user/marketing-ops");
        return event;
    }

    /** An SES click (ses-click.json) on the message {@code sendId} sent to {@code leadId}. */
    ObjectNode sesClick(String leadId, String sendId) {
        ObjectNode event = envelope("ses-click.json");
        event.put("id", UUID.randomUUID().toString());
        ObjectNode tags = (ObjectNode) event.path("detail").path("mail").path("tags");
        tags.putArray("leadId").add(leadId);
        tags.putArray("sendId").add(sendId);
        return event;
    }

    /** An SES delivery (ses-delivery.json) of the message {@code sendId} sent to {@code leadId}. */
    ObjectNode sesDelivery(String leadId, String sendId) {
        ObjectNode event = envelope("ses-delivery.json");
        event.put("id", UUID.randomUUID().toString());
        ObjectNode tags = (ObjectNode) event.path("detail").path("mail").path("tags");
        tags.putArray("leadId").add(leadId);
        tags.putArray("sendId").add(sendId);
        return event;
    }

    /** The console's page (console-page.json), as a browser asks for it. */
    ObjectNode consolePage() {
        return envelope("console-page.json");
    }

    /** What an EventBridge schedule with no input passes: the scheduled functions ignore it. */
    ObjectNode scheduled() {
        return JSON.createObjectNode();
    }

    static APIGatewayV2HTTPEvent httpEvent(ObjectNode event) {
        try {
            return JSON.treeToValue(event, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The envelope of {@code file}, as sent by a visitor of its own: every call gets a fresh source address,
     * so the per-IP abuse limit counts (and costs) as it does for real traffic without refusing the benchmark.
     */
    private ObjectNode envelope(String file) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(events.resolve(file)));
            JsonNode http = event.path("requestContext").path("http");
            if (http instanceof ObjectNode httpNode) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                httpNode.put("sourceIp", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + events.resolve(file), e);
        }
    }

    private static ObjectNode jsonBody(ObjectNode event) {
        try {
            return (ObjectNode) JSON.readTree(event.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode route(ObjectNode event, String method, String routePath, String path) {
        event.put("routeKey", method + " " + routePath);
        event.put("rawPath", path);
        ObjectNode context = (ObjectNode) event.path("requestContext");
        context.put("routeKey", method + " " + routePath);
        ((ObjectNode) context.path("http")).put("method", method).put("path", path);
        return event;
    }

    private static ObjectNode withBody(ObjectNode event, String body, String contentType) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        JsonNode headers = event.path("headers");
        ((ObjectNode) headers).put("content-type", contentType)
                .put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        return event;
    }
}
