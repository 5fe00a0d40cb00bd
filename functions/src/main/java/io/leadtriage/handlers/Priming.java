package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.intake.FormFields;
import io.leadtriage.app.intake.ValidatedForm;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.email.NurtureLinks;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.handlers.http.HttpEventReader;
import io.leadtriage.handlers.http.HttpResponseWriter;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.Services;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run the request path once on
 * synthetic data (the model's version read from DynamoDB, then parse, validate, score, render the emails, sign a
 * token) so that the classes are loaded and the code is warm in the snapshot. Nothing is
 * written and nothing is sent. After a restore, the model is checked again on the first request.
 */
final class Priming implements Resource {
    /** A made-up HTTP API event. */
    private static final byte[] EVENT = ("{\"version\":\"2.0\",\"routeKey\":\"POST /v1/forms/{formId}\","
            + "\"rawPath\":\"/v1/forms/get-started\",\"headers\":{\"content-type\":\"application/json\"},"
            + "\"requestContext\":{\"http\":{\"method\":\"POST\",\"sourceIp\":\"192.0.2.1\"},\"timeEpoch\":0},"
            + "\"pathParameters\":{\"formId\":\"get-started\"},\"body\":\"{}\",\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8);
    private static volatile Priming registered;
    private final Services services;

    private Priming(Services services) {
        this.services = services;
    }

    /** Called by the handlers' Lambda constructors; the resource is held here so it is not collected. */
    static void registerOnce(Services services) {
        if (registered == null) {
            synchronized (Priming.class) {
                if (registered == null) {
                    registered = new Priming(services);
                    Core.getGlobalContext().register(registered);
                }
            }
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime(services);
        } catch (RuntimeException e) {
            // Priming only warms; a failure must never stop the snapshot.
            Log.warn("priming incomplete", Map.of("exception", e.getClass().getName()));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        services.models().markStale();
    }

    /** The request path on made-up data. Package-visible for the test that checks it writes nothing. */
    static void prime(Services services) {
        String body = "{\"email\":\"priming@example.com\",\"name\":\"Priming Run\",\"company\":\"Example\","
                + "\"jobTitle\":\"Head of Marketing\",\"budget\":\"approved\",\"timeline\":\"now\",\"consent\":true,"
                + "\"challenge\":\"Warming the request path before the snapshot\"}";
        ModelInEffect.Version model = services.models().refreshIfDue();
        FormDefinition form = model.model().forms().get("get-started");
        Map<String, String> raw = FormBody.parse("application/json", body.getBytes(StandardCharsets.UTF_8));
        FormBody.parse("application/x-www-form-urlencoded", "email=priming%40example.com&name=Priming".getBytes(StandardCharsets.UTF_8));
        ValidatedForm fields = FormFields.validate(raw, form == null ? model.model().forms().values().iterator().next() : form, false);
        Lead lead = new Lead(UUID.randomUUID().toString(), fields.email(), fields.answers(),
                List.of(Signal.fromForm(SignalType.DEMO_REQUEST, "demo", services.clock().instant())));
        QualificationSummary q = QualificationSummary.of(model.qualifier().qualify(lead));
        LeadRecord record = LeadRecord.fresh(lead, services.clock().instant(), Map.of("formId", "get-started"),
                "https://example.com").withQualification(q);
        // Functions given no signing key (admin, tier review) have no token path to warm.
        String token = "";
        if (services.tokens().available()) {
            token = services.tokens().issue(TokenPurpose.FORM, lead.id(), Duration.ofMinutes(1));
            services.tokens().verify(TokenPurpose.FORM, token);
        }
        envelope(Responses.json(201, Map.of("leadId", lead.id(), "token", token, "next", Map.of("action", "step2", "url", "/"))));
        services.dispatcher().primeComposers(record, new NurtureLinks("https://example.com/u", "https://example.com/u",
                "https://example.com/s", "https://example.com/f", "https://example.com/b"));
    }

    /** What every HTTP function does around its work: its event read, its answer written. */
    private static void envelope(APIGatewayV2HTTPResponse answer) {
        try {
            HttpEventReader.read(new ByteArrayInputStream(EVENT));
            HttpResponseWriter.write(answer, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
