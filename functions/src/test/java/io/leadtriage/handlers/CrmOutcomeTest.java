package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CRM workflow's signed outcome through {@code POST /v1/outcomes}, on the in-memory ports: recorded as the admin
 * route records it (funnel, calibration evidence, {@code lead.outcome}), once per deal and outcome; every refusal a
 * clear 4xx with a stable code that leaves the lead, its timeline and its events as they were.
 */
class CrmOutcomeTest {
    final CoreFlow flow = CoreFlow.start();
    final EventsHandler handler = new EventsHandler(flow.services());
    /** 50 points: hot, alerted. */
    final String priyaId = flow.submit("demo", "priya@northwind-saas.com",
            Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now")).after().id();

    APIGatewayV2HTTPResponse post(String body, String signature) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /v1/outcomes");
        event.setRawPath("/v1/outcomes");
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (signature != null) {
            headers.put("x-leadtriage-signature", signature);
        }
        event.setHeaders(headers);
        event.setBody(body);
        return handler.handleRequest(event, null);
    }

    APIGatewayV2HTTPResponse signed(String body) {
        return post(body, RequestSignature.header(CoreFlow.CRM_KEY, flow.clock().instant(), bytes(body)));
    }

    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    String won(String dealId) {
        return "{\"leadId\": \"" + priyaId + "\", \"outcome\": \"won\", \"dealId\": \"" + dealId
                + "\", \"amount\": 12000.50, \"currency\": \"eur\"}";
    }

    FunnelReport funnel() {
        return flow.services().reportOnLeads().funnel(CoreFlow.START.truncatedTo(ChronoUnit.DAYS),
                flow.clock().instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))).report();
    }

    @Test
    void aSignedWonPostedTwiceChangesTheFunnelOnce() {
        FunnelReport before = funnel();

        APIGatewayV2HTTPResponse first = signed(won("deal-981"));
        flow.clock().advance(Duration.ofMinutes(3));
        LeadRecord once = flow.lead(priyaId);
        FunnelReport afterOnce = funnel();
        APIGatewayV2HTTPResponse again = signed(won("deal-981"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).as("a repeat is answered as the first call").isEqualTo(first.getBody());
        assertThat(first.getBody()).contains("\"leadId\":\"" + priyaId + "\"", "\"outcome\":\"won\"", "\"dealId\":\"deal-981\"");
        assertThat(before.salesCycle().wonLeads()).isZero();
        assertThat(afterOnce.salesCycle().wonLeads()).isEqualTo(1);
        assertThat(afterOnce.opportunities()).isEqualTo(before.opportunities() + 1);
        assertThat(funnel().salesCycle()).isEqualTo(afterOnce.salesCycle());
        assertThat(flow.lead(priyaId)).isEqualTo(once);
        assertThat(once.sales().wonAt()).isEqualTo(CoreFlow.START);
        assertThat(once.sales().rulesAtOutcome()).as("calibration's evidence, as the admin route keeps it")
                .containsExactly("timeline-now", "demo-request");
        assertThat(flow.timeline(priyaId)).filteredOn(line -> line.startsWith("won"))
                .containsExactly("won (deal deal-981, 12000.50 EUR)");
        flow.publishDue();
        assertThat(flow.events().namesFor(priyaId)).filteredOn("lead.outcome"::equals).hasSize(1);
    }

    @Test
    void theSameDealMovingOnIsRecordedAgain() {
        signed("{\"leadId\": \"" + priyaId + "\", \"outcome\": \"opportunity\", \"dealId\": \"18452\"}");
        flow.clock().advance(Duration.ofDays(2));
        APIGatewayV2HTTPResponse won = signed(won("18452"));

        assertThat(won.getStatusCode()).isEqualTo(200);
        assertThat(flow.lead(priyaId).sales().opportunityAt()).isEqualTo(CoreFlow.START);
        assertThat(flow.lead(priyaId).sales().wonAt()).isEqualTo(CoreFlow.START.plus(Duration.ofDays(2)));
        assertThat(flow.timeline(priyaId)).contains("opportunity (deal 18452)", "won (deal 18452, 12000.50 EUR)");
    }

    @Test
    void theLeadMayBeNamedByItsEmailAddress() {
        APIGatewayV2HTTPResponse answer = signed("{\"email\": \"Priya@Northwind-SaaS.com\", \"outcome\": \"lost\", "
                + "\"dealId\": \"0065g00000XyZ12AAB\"}");

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getBody()).contains(priyaId);
        assertThat(flow.lead(priyaId).sales().lostAt()).isEqualTo(CoreFlow.START);
    }

    @Test
    void aKeyNobodyHasIsRefusedAndDuringARotationTheOldAndTheNewKeySign() {
        APIGatewayV2HTTPResponse answer = post(won("d-1"),
                RequestSignature.header("a-key-nobody-has", flow.clock().instant(), bytes(won("d-1"))));

        assertThat(answer.getStatusCode()).isEqualTo(401);
        RequestSignature rotating = new RequestSignature(List.of("new-key", CoreFlow.CRM_KEY), Duration.ofMinutes(5));
        rotating.verify(RequestSignature.header(CoreFlow.CRM_KEY, CoreFlow.START, bytes("{}")), bytes("{}"), CoreFlow.START);
        rotating.verify(RequestSignature.header("new-key", CoreFlow.START, bytes("{}")), bytes("{}"), CoreFlow.START);
    }

    /** How each request is spoiled; {@code ok} is signed rightly. */
    enum Spoil { BAD_KEY, BODY_CHANGED, OLD, FUTURE, NO_HEADER, GARBLED_HEADER, OK }

    @ParameterizedTest(name = "{0}, {1} → {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            BAD_KEY        | won                                                                        | 401 | signature_invalid
            BODY_CHANGED   | won                                                                        | 401 | signature_invalid
            OLD            | won                                                                        | 401 | timestamp_outside_window
            FUTURE         | won                                                                        | 401 | timestamp_outside_window
            NO_HEADER      | won                                                                        | 401 | signature_invalid
            GARBLED_HEADER | won                                                                        | 401 | signature_invalid
            OK             | {"leadId": "no-such-lead", "outcome": "won", "dealId": "d-7"}              | 404 | unknown_lead
            OK             | {"email": "nobody@example.com", "outcome": "won", "dealId": "d-7"}         | 404 | unknown_lead
            OK             | {"leadId": "LEAD", "outcome": "closed", "dealId": "d-7"}                   | 400 | invalid_field:outcome
            OK             | {"leadId": "LEAD", "outcome": "won"}                                       | 400 | invalid_field:dealId
            OK             | {"leadId": "LEAD", "outcome": "won", "dealId": "d 7"}                      | 400 | invalid_field:dealId
            OK             | {"leadId": "LEAD", "outcome": "won", "dealId": "d-7", "amount": "$12k"}    | 400 | invalid_field:amount
            OK             | {"leadId": "LEAD", "outcome": "won", "dealId": "d-7", "currency": "euro"}  | 400 | invalid_field:currency
            OK             | {"outcome": "won", "dealId": "d-7"}                                        | 400 | invalid_field:leadId
            OK             | {"email": "not-an-address", "outcome": "won", "dealId": "d-7"}             | 400 | invalid_field:email
            OK             | not json                                                                   | 400 | invalid_field
            """)
    void aRefusalIsAClear4xxAndChangesNothing(Spoil spoil, String template, int status, String code) {
        String body = (template.equals("won") ? won("d-7") : template).replace("LEAD", priyaId);
        LeadRecord before = flow.lead(priyaId);
        List<String> timeline = flow.timeline(priyaId);
        Instant now = flow.clock().instant();
        String signature = switch (spoil) {
            case BAD_KEY -> RequestSignature.header("not-the-crm-key", now, bytes(body));
            case BODY_CHANGED -> RequestSignature.header(CoreFlow.CRM_KEY, now, bytes(body.replace("12000.50", "1.00")));
            case OLD -> RequestSignature.header(CoreFlow.CRM_KEY, now.minus(Duration.ofSeconds(301)), bytes(body));
            case FUTURE -> RequestSignature.header(CoreFlow.CRM_KEY, now.plus(Duration.ofSeconds(301)), bytes(body));
            case NO_HEADER -> null;
            case GARBLED_HEADER -> "v1=abc,t=yesterday";
            case OK -> RequestSignature.header(CoreFlow.CRM_KEY, now, bytes(body));
        };

        APIGatewayV2HTTPResponse answer = post(body, signature);

        assertThat(answer.getStatusCode()).isEqualTo(status);
        String[] codeAndField = code.split(":");
        assertThat(answer.getBody()).contains("\"code\":\"" + codeAndField[0] + "\"");
        if (codeAndField.length > 1) {
            assertThat(answer.getBody()).contains("\"fields\":{\"" + codeAndField[1] + "\"");
        }
        assertThat(flow.lead(priyaId)).isEqualTo(before);
        assertThat(flow.timeline(priyaId)).isEqualTo(timeline);
        assertThat(flow.storedLeads()).hasSize(1);
        flow.publishDue();
        assertThat(flow.events().namesFor(priyaId)).doesNotContain("lead.outcome");
        // Nothing was marked done either: the same deal, rightly signed, is then recorded.
        assertThat(signed(won("d-7")).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aRepeatForALeadErasedSinceIsAnUnknownLead() {
        assertThat(signed(won("d-10")).getStatusCode()).isEqualTo(200);
        flow.services().eraseLead().erase(priyaId);

        APIGatewayV2HTTPResponse again = signed(won("d-10"));

        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(again.getBody()).contains("\"code\":\"unknown_lead\"");
    }

    @Test
    void withinTheWindowEitherWayIsAccepted() {
        Instant now = flow.clock().instant();
        assertThat(post(won("d-8"), RequestSignature.header(CoreFlow.CRM_KEY, now.minusSeconds(300), bytes(won("d-8"))))
                .getStatusCode()).isEqualTo(200);
        assertThat(post(won("d-9"), RequestSignature.header(CoreFlow.CRM_KEY, now.plusSeconds(300), bytes(won("d-9"))))
                .getStatusCode()).isEqualTo(200);
    }
}
