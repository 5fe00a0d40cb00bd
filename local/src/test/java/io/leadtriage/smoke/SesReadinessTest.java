package io.leadtriage.smoke;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SES findings, through the real SES v2 client against a loopback stand-in of its REST API
 * (GET /v2/email/account, GET /v2/email/identities/{identity}, NotFoundException for an unknown identity).
 */
class SesReadinessTest {
    HttpServer server;
    volatile String account;
    volatile int accountStatus = 200;
    final Set<String> verified = ConcurrentHashMap.newKeySet();
    final Set<String> pending = ConcurrentHashMap.newKeySet();

    static String account(boolean production, boolean sending, double perDay, double perSecond) {
        return """
                {"DedicatedIpAutoWarmupEnabled":false,"EnforcementStatus":"%s","ProductionAccessEnabled":%s,
                 "SendQuota":{"Max24HourSend":%s,"MaxSendRate":%s,"SentLast24Hours":0.0},"SendingEnabled":%s}
                """.formatted(sending ? "HEALTHY" : "SHUTDOWN", production, perDay, perSecond, sending);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                int status;
                String body;
                String errorType = null;
                if (path.equals("/v2/email/account")) {
                    status = accountStatus;
                    body = accountStatus == 200 ? account : "{\"message\":\"User is not authorized to perform: ses:GetAccount\"}";
                    errorType = accountStatus == 200 ? null : "AccessDeniedException";
                } else if (path.startsWith("/v2/email/identities/")) {
                    String identity = URLDecoder.decode(path.substring("/v2/email/identities/".length()), StandardCharsets.UTF_8);
                    if (verified.contains(identity) || pending.contains(identity)) {
                        status = 200;
                        body = "{\"IdentityType\":\"" + (identity.contains("@") ? "EMAIL_ADDRESS" : "DOMAIN")
                                + "\",\"VerifiedForSendingStatus\":" + verified.contains(identity) + "}";
                    } else {
                        status = 404;
                        errorType = "NotFoundException";
                        body = "{\"message\":\"Email identity " + identity + " does not exist.\"}";
                    }
                } else {
                    status = 404;
                    body = "{}";
                }
                if (errorType != null) {
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    SesReadiness ses() {
        return SesReadiness.using(() -> SesV2Client.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(SmokeRunTest.CALLER))
                .httpClient(UrlConnectionHttpClient.create()).build(), "eu-west-1");
    }

    static final Map<String, String> PARAMETERS = Map.of("SenderAddress", "leads@acme-leads.io",
            "AlertRecipients", "ann@acme-leads.io,bob@partner.example", "SesMaxSendRate", "14");

    @Test
    void aSandboxAccountIsAWarningAndUnverifiedAlertRecipientsAreCountedNotNamed() {
        account = account(false, true, 200, 1);
        verified.add("acme-leads.io");

        List<SesReadiness.Finding> findings = ses().check(PARAMETERS);

        assertThat(findings).allMatch(SesReadiness.Finding::warning);
        assertThat(findings).extracting(SesReadiness.Finding::text).anySatisfy(t ->
                assertThat(t).startsWith("SES in eu-west-1 is in the sandbox (200 emails a day, 1 a second, to verified"
                        + " addresses only)").contains("Request production access"));
        assertThat(findings).extracting(SesReadiness.Finding::text)
                .anySatisfy(t -> assertThat(t).startsWith("1 of 2 AlertRecipients is not a verified identity"))
                .anySatisfy(t -> assertThat(t).contains("SesMaxSendRate is 14 a second but the account allows 1"))
                .noneSatisfy(t -> assertThat(t).contains("SenderAddress"));
        assertThat(String.join("\n", findings.stream().map(SesReadiness.Finding::text).toList()))
                .doesNotContain("ann@").doesNotContain("bob@").doesNotContain("leads@");
    }

    @Test
    void anUnverifiedSenderIsAWarningNamingOnlyItsDomain() {
        account = account(true, true, 50_000, 14);
        pending.add("acme-leads.io");

        List<SesReadiness.Finding> findings = ses().check(PARAMETERS);

        assertThat(findings).filteredOn(f -> !f.warning()).extracting(SesReadiness.Finding::text)
                .containsExactly("SES in eu-west-1: production access, 50,000 emails a day, 14 a second");
        assertThat(findings).filteredOn(SesReadiness.Finding::warning).extracting(SesReadiness.Finding::text)
                .singleElement().satisfies(t -> assertThat(t)
                        .startsWith("the SenderAddress (…@acme-leads.io) is not verified yet (verification pending)")
                        .contains("aws sesv2 create-email-identity --email-identity acme-leads.io")
                        .doesNotContain("leads@"));
    }

    @Test
    void aVerifiedSenderInProductionIsOneInfoLine() {
        account = account(true, true, 50_000, 14);
        verified.add("leads@acme-leads.io");

        assertThat(ses().check(PARAMETERS)).extracting(SesReadiness.Finding::warning).containsExactly(false);
    }

    @Test
    void pausedSendingIsAWarning() {
        account = account(true, false, 50_000, 14);
        verified.add("acme-leads.io");

        assertThat(ses().check(PARAMETERS)).filteredOn(SesReadiness.Finding::warning).extracting(SesReadiness.Finding::text)
                .singleElement().asString().startsWith("SES sending is paused for this account in eu-west-1 (SHUTDOWN)");
    }

    @Test
    void withoutTheStacksParametersOnlyTheAccountIsChecked() {
        account = account(false, true, 200, 1);

        assertThat(ses().check(Map.of())).singleElement().satisfies(f -> assertThat(f.text()).contains("sandbox"));
    }

    @Test
    void anAccountThatCannotBeReadIsOneWarningNotAFailure() {
        accountStatus = 403;

        assertThat(ses().check(PARAMETERS)).singleElement().satisfies(f -> {
            assertThat(f.warning()).isTrue();
            assertThat(f.text()).isEqualTo("could not read the SES account in eu-west-1 (AccessDeniedException): the email"
                    + " checks were skipped; ses:GetAccount and ses:GetEmailIdentity allow them");
        });
    }
}
