package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.domain.reports.FunnelReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's test of a CRM's outcome, end to end on the local run over HTTP (the route from template.yaml, the key
 * generated into the data folder as the run's other secrets): the body of {@code events/crm-outcome-won.json},
 * signed as a HubSpot or Salesforce step signs it, posted twice, changes the funnel once; a bad signature, an old
 * timestamp and an unknown lead each get a clear 4xx and change nothing.
 */
class CrmOutcomeLocalTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path data;
    static LocalRunner runner;
    static String key;
    static String wonBody;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(new LocalRunner.Options(0, data, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())));
        started = runner.clock().instant();
        key = Files.readString(data.resolve("crm-outcome-key")).strip();
        wonBody = JSON.readTree(SamTemplate.locate().resolveSibling("events").resolve("crm-outcome-won.json").toFile())
                .path("body").asText();
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Leadtriage-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String signed(String body, Instant at) {
        return RequestSignature.header(key, at, body.getBytes(StandardCharsets.UTF_8));
    }

    static Instant started;

    /** The signature with its first hex digit changed (always changed: a digit 0 becomes 1, any other 0). */
    static String tampered(String header) {
        int at = header.indexOf("v1=") + 3;
        return header.substring(0, at) + (header.charAt(at) == '0' ? '1' : '0') + header.substring(at + 1);
    }

    /** The funnel of the day around the test, over the same period each time. */
    static FunnelReport funnel() {
        return runner.services().reportOnLeads().funnel(started.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)),
                started.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2)))
                .report();
    }

    @Test
    void aSignedWonPostedTwiceChangesTheFunnelOnceAndRefusalsChangeNothing() throws Exception {
        HttpResponse<String> created = post("/v1/forms/demo", "{\"email\":\"sam.lee@northwind-traders.io\","
                + "\"name\":\"Sam Lee\",\"company\":\"Northwind\",\"timeline\":\"now\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String leadId = JSON.readTree(created.body()).path("leadId").asText();
        Instant now = runner.clock().instant();

        assertThat(post("/v1/outcomes", wonBody, tampered(signed(wonBody, now))).statusCode())
                .isEqualTo(401);
        HttpResponse<String> old = post("/v1/outcomes", wonBody, signed(wonBody, now.minus(Duration.ofMinutes(6))));
        String unknown = wonBody.replace("sam.lee@", "nobody@");
        HttpResponse<String> noLead = post("/v1/outcomes", unknown, signed(unknown, now));
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(old.body()).path("error").path("code").asText()).isEqualTo("timestamp_outside_window");
        assertThat(noLead.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noLead.body()).path("error").path("code").asText()).isEqualTo("unknown_lead");
        assertThat(funnel().salesCycle().wonLeads()).isZero();

        HttpResponse<String> first = post("/v1/outcomes", wonBody, signed(wonBody, now));
        FunnelReport once = funnel();
        HttpResponse<String> again = post("/v1/outcomes", wonBody, signed(wonBody, runner.clock().instant()));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("leadId").asText()).isEqualTo(leadId);
        assertThat(answer.path("dealId").asText()).isEqualTo("18452930211");
        assertThat(once.salesCycle().wonLeads()).isEqualTo(1);
        assertThat(funnel()).isEqualTo(once);
        assertThat(runner.services().storage().queries().timeline(leadId)).filteredOn(e -> e.kind().equals("outcome"))
                .extracting(e -> e.detail()).containsExactly("won (deal 18452930211, 12000.50 EUR)");
        runner.services().publishLeadEvents().publishDue(100, Duration.ofSeconds(10));
        assertThat(runner.events().caught()).filteredOn(e -> e.detailType().equals("lead.outcome")
                && e.detail().contains(leadId)).hasSize(1);
    }
}
