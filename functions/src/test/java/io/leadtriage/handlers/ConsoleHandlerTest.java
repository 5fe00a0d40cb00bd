package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's assets as the stack serves them: each by its name and nothing else, with a strict CSP (no inline
 * script or style, nothing from elsewhere but, deployed, Cognito's two sign-in endpoints and the user pool's API for
 * the Users screen), revalidated by ETag; the
 * sign-in settings from the stage variables deployed, the admin token locally.
 */
class ConsoleHandlerTest {
    static final Map<String, String> STAGE = Map.of("consoleUserPoolId", "eu-west-1_AbCdEf123",
            "consoleClientId", "1example23456789", "consoleIdentityPoolId", "eu-west-1:0a1b2c3d-0000-4000-8000-1234567890ab",
            "consoleAuthDomain", "leadtriage-1c2fa620.auth.eu-west-1.amazoncognito.com");
    final ConsoleHandler deployed = new ConsoleHandler(null, "eu-west-1");
    final ConsoleHandler local = new ConsoleHandler(Map.of("auth", "token"), "us-east-1");

    static APIGatewayV2HTTPEvent get(String path, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRouteKey(path.equals("/console") || path.equals("/console/") ? "GET /console" : "GET /console/{asset}");
        event.setHeaders(new HashMap<>(headers));
        event.setStageVariables(STAGE);
        return event;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/console/,                   text/html; charset=utf-8,       <script src=\"console.js\" defer></script>",
            "/console/index.html,         text/html; charset=utf-8,       <script src=\"users.js\" defer></script>",
            "/console/index.html,         text/html; charset=utf-8,       <title>leadtriage console</title>",
            "/console/console.js,         text/javascript; charset=utf-8, leadtriageSigV4",
            "/console/console.css,        text/css; charset=utf-8,        :focus-visible",
            "/console/model.js,           text/javascript; charset=utf-8, The Model screen",
            "/console/users.js,           text/javascript; charset=utf-8, register('users'",
            "/console/nurture.js,         text/javascript; charset=utf-8, register('nurture'",
            "/console/uPlot.iife.min.js,  text/javascript; charset=utf-8, uPlot",
            "/console/uPlot.min.css,      text/css; charset=utf-8,        .uplot",
    })
    void eachAssetIsServedWithItsTypeAStrictPolicyAndAnEtag(String path, String type, String content) {
        APIGatewayV2HTTPResponse answer = deployed.handleRequest(get(path, Map.of()), null);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getHeaders()).containsEntry("Content-Type", type).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Cache-Control", "no-cache").containsKey("ETag");
        assertThat(answer.getBody()).contains(content);
        String csp = answer.getHeaders().get("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(csp).contains("connect-src 'self' https://leadtriage-1c2fa620.auth.eu-west-1.amazoncognito.com"
                + " https://cognito-identity.eu-west-1.amazonaws.com https://cognito-idp.eu-west-1.amazonaws.com;");

        APIGatewayV2HTTPResponse again = deployed.handleRequest(get(path, Map.of("if-none-match", answer.getHeaders().get("ETag"))), null);
        assertThat(again.getStatusCode()).as("unchanged: no body").isEqualTo(304);
        assertThat(again.getBody()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/console/", "/console/console.js", "/console/console.css", "/console/uPlot.iife.min.js"})
    void aBrowserThatTakesGzipGetsTheSameFileSmallerUnderItsOwnEtag(String path) throws Exception {
        APIGatewayV2HTTPResponse plain = deployed.handleRequest(get(path, Map.of()), null);
        APIGatewayV2HTTPResponse gzipped = deployed.handleRequest(get(path, Map.of("accept-encoding", "gzip, deflate, br")), null);

        assertThat(plain.getHeaders()).doesNotContainKey("Content-Encoding").containsEntry("Vary", "Accept-Encoding");
        assertThat(gzipped.getHeaders()).containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding");
        assertThat(gzipped.getIsBase64Encoded()).isTrue();
        byte[] bytes = Base64.getDecoder().decode(gzipped.getBody());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.getBody());
        }
        assertThat(bytes.length).isLessThan(plain.getBody().getBytes(StandardCharsets.UTF_8).length);
        assertThat(gzipped.getHeaders().get("ETag")).isNotEqualTo(plain.getHeaders().get("ETag"));
        assertThat(deployed.handleRequest(get(path, Map.of("accept-encoding", "gzip",
                "if-none-match", gzipped.getHeaders().get("ETag"))), null).getStatusCode()).isEqualTo(304);
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip|true", "GZIP;q=0.5|true", "br, *|true", "deflate, gzip;q=1.0|true",
            "gzip;q=0|false", "gzip; q=0.0, br|false", "identity|false", "''|false", "br|false"})
    void gzipIsTakenWhenAcceptEncodingNamesItWithoutQZero(String header, boolean gzip) {
        assertThat(ConsoleHandler.acceptsGzip(header)).isEqualTo(gzip);
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() {
        String page = deployed.handleRequest(get("/console/", Map.of()), null).getBody();

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style", " style=", " on");
    }

    @Test
    void theSignInSettingsComeFromTheStageDeployedAndAreTheTokenLocally() {
        assertThat(deployed.handleRequest(get("/console/config.json", Map.of()), null).getBody())
                .isEqualTo("{\"auth\":\"cognito\",\"region\":\"eu-west-1\",\"userPoolId\":\"eu-west-1_AbCdEf123\","
                        + "\"clientId\":\"1example23456789\",\"identityPoolId\":\"eu-west-1:0a1b2c3d-0000-4000-8000-1234567890ab\","
                        + "\"authDomain\":\"leadtriage-1c2fa620.auth.eu-west-1.amazoncognito.com\"}");
        APIGatewayV2HTTPResponse token = local.handleRequest(get("/console/config.json", Map.of()), null);
        assertThat(token.getBody()).isEqualTo("{\"auth\":\"token\"}");
        assertThat(token.getHeaders().get("Content-Security-Policy")).contains("connect-src 'self';").doesNotContain("amazoncognito");
    }

    @Test
    void theConsoleWithoutItsSlashIsRedirectedSoItsRelativeLinksResolve() {
        APIGatewayV2HTTPResponse answer = deployed.handleRequest(get("/console", Map.of()), null);

        assertThat(answer.getStatusCode()).isEqualTo(308);
        assertThat(answer.getHeaders()).containsEntry("Location", "/console/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/secrets.txt", "/console/..%2Fleadtriage-model.yaml", "/console/Console.js",
            "/console/email", "/console/leadtriage-model.yaml"})
    void nothingButTheAssetsIsServed(String path) {
        assertThat(deployed.handleRequest(get(path, Map.of()), null).getStatusCode()).isEqualTo(404);
    }
}
