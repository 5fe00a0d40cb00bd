package io.leadtriage.local;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The console on the local run, through the template's routes as API Gateway routes them (a trailing slash too). */
class LocalConsoleRouteTest {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @RegisterExtension
    static final LocalRunForTheClass local = new LocalRunForTheClass();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/console,             308, ''",
            "/console/,            200, <title>leadtriage console</title>",
            "/console/console.js,  200, leadtriageSigV4",
            "/console/nurture.js,  200, register('nurture'",
            "/console/config.json, 200, '{\"auth\":\"token\"}'",
            "/console/uPlot.iife.min.js, 200, uPlot",
            "/console/nothing.js,  404, ''",
    })
    void theConsoleIsServedAtItsRoutes(String path, int status, String content) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains(content);
        if (status == 200) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'"));
        }
    }
}
