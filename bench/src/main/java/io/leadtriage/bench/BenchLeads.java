package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.LocalClients;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Leads for the benchmarks to act on, made in this JVM through the real form handler (so they are
 * exactly what a visitor's posts leave in the table), and the tokens the emails and pages of a real
 * lead would carry, signed with the functions' key.
 */
final class BenchLeads {
    /**
     * Email domains the default model treats as a business (not free mail, not disqualified): each lead at a company
     * of its own ({@code {8 hex digits}-analytics.io}), so each account holds one lead, as most B2B accounts hold one
     * or a few. Under one domain the account item would grow with every lead the benchmark makes (120 leads: 14 KB,
     * 14 write units an update).
     */
    private static final String DOMAIN = "-analytics.io";
    private static final int DRAIN_PASSES = 5;

    private final Services services;
    private final SentEmails sent;
    private final FormHandler forms;
    private final BenchEvents events;

    /** A lead as step 1 (or step 2) left it. */
    record Lead(String id, String formToken) {
    }

    /** Counts what reaches SES and keeps the tags of the last email (its lead and send ids). */
    static final class SentEmails implements EmailSender {
        private final EmailSender ses;
        private int count;
        private Map<String, String> lastTags = Map.of();

        SentEmails(EmailSender ses) {
            this.ses = ses;
        }

        @Override
        public synchronized String send(OutgoingEmail email) {
            String messageId = ses.send(email);
            count++;
            lastTags = email.tags();
            return messageId;
        }

        synchronized int count() {
            return count;
        }

        synchronized String lastSendId() {
            return lastTags.get("sendId");
        }
    }

    /**
     * Services built as {@link Services#shared()} builds them from {@code env}, on {@code dynamo} (a
     * benchmark may meter it), sending through the real SES adapter to the emulator.
     */
    BenchLeads(BenchStack stack, DynamoDbClient dynamo, BenchEvents events) {
        AppConfig config = AppConfig.fromEnvironment(stack.environment("FormFunction"), stack.secrets());
        this.sent = new SentEmails(new SesV2EmailSender(LocalClients.ses(stack.ses.endpoint()), config.email().configurationSet()));
        this.services = new Services(config, Clock.systemUTC(), dynamo, sent);
        this.forms = new FormHandler(services);
        this.events = events;
    }

    Services services() {
        return services;
    }

    SentEmails sent() {
        return sent;
    }

    static String freshEmail(String kind) {
        String id = UUID.randomUUID().toString();
        return kind + "+" + id + "@" + id.substring(0, 8) + DOMAIN;
    }

    /** Step 1 of get-started with consent: a cold lead awaiting step 2 (its reminder due in an hour). */
    Lead newLead() {
        JsonNode answer = expect(201, forms.handleRequest(BenchEvents.httpEvent(events.step1(freshEmail("lead"))), null));
        return new Lead(answer.path("leadId").asText(), answer.path("token").asText());
    }

    /** The ebook form with consent: a lead in a nurture sequence, its welcome email due now. */
    Lead nurturedLead() {
        JsonNode answer = expect(201, forms.handleRequest(
                BenchEvents.httpEvent(events.ebookDownload(freshEmail("reader"))), null));
        return new Lead(answer.path("leadId").asText(), answer.path("token").asText());
    }

    /** Steps 1 and 2: a decision maker with an approved budget, hot, its sales alert sent. */
    Lead hotLead() {
        Lead lead = newLead();
        JsonNode answer = expect(201, forms.handleRequest(BenchEvents.httpEvent(events.step2(lead.formToken())), null));
        return new Lead(lead.id(), answer.path("token").asText());
    }

    /** Sends whatever is due, so the next measurement starts with an empty outbox. */
    void drainOutbox() {
        for (int pass = 0; pass < DRAIN_PASSES; pass++) {
            if (services.dispatcher().dispatchDue(500, Duration.ofSeconds(30)).sent() == 0) {
                return;
            }
        }
    }

    String token(TokenPurpose purpose, String leadId) {
        return services.tokens().issue(purpose, leadId, Duration.ofDays(30));
    }

    static JsonNode expect(int status, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        try {
            return BenchEvents.JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
