package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which pages may call the local run, and where its answers send the visitor: the run is reached as localhost and as
 * 127.0.0.1 (two origins to a browser, each with its own localStorage), and a landing page on another port is
 * allowed when ALLOWED_ORIGINS lists it.
 */
class LocalOriginsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LANDING_PAGE = "http://localhost:8089";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static LocalRunner runner;
    static String loopback;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(),
                List.of(LANDING_PAGE)));
        loopback = runner.baseUrl().replace("localhost", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static HttpResponse<String> post(String base, String origin, String path, String contentType, String accept,
                                     String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Origin", origin)
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String email(String name) {
        return name + "+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-origins.io";
    }

    @Test
    void aPlainFormPostedOn127001IsSentToStep2On127001() throws Exception {
        HttpResponse<String> response = post(loopback, loopback, "/v1/forms/get-started", "application/x-www-form-urlencoded",
                "text/html,application/xhtml+xml", "email=" + email("ip").replace("+", "%2B").replace("@", "%40") + "&consent=on");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(loopback + "/?step=2&token=");
    }

    @Test
    void aFetchFrom127001IsAllowedAndItsNextPageIsOn127001() throws Exception {
        HttpResponse<String> response = post(loopback, loopback, "/v1/forms/newsletter", "application/json", "application/json",
                "{\"email\":\"" + email("fetch") + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(loopback);
        assertThat(JSON.readTree(response.body()).path("next").path("url").asText()).startsWith(loopback + "/");
    }

    @Test
    void localhostStaysLocalhost() throws Exception {
        String base = runner.baseUrl();
        HttpResponse<String> response = post(base, base, "/v1/forms/newsletter", "application/json", "application/json",
                "{\"email\":\"" + email("host") + "\"}");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(base);
        assertThat(JSON.readTree(response.body()).path("next").path("url").asText()).startsWith(base + "/");
    }

    @Test
    void emailLinksOfALeadAreOnTheHostItCameTo() throws Exception {
        String viaLoopback = email("mail-ip");
        String viaLocalhost = email("mail-host");
        for (String[] visit : new String[][]{{loopback, viaLoopback}, {runner.baseUrl(), viaLocalhost}}) {
            HttpResponse<String> step1 = post(visit[0], visit[0], "/v1/forms/get-started", "application/json",
                    "application/json", "{\"email\":\"" + visit[1] + "\",\"name\":\"Mia Link\",\"consent\":true}");
            assertThat(step1.statusCode()).isEqualTo(201);
        }
        runner.clock().advance(Duration.ofHours(2)); // the "finish your request" reminder is due after an hour
        runner.services().dispatcher().dispatchDue(500, Duration.ofSeconds(10));

        assertThat(linksTo(viaLoopback)).as("links in the emails to a lead who came on 127.0.0.1")
                .isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(loopback + "/"))
                .anyMatch(link -> link.contains("/v1/unsubscribe?t=")).anyMatch(link -> link.contains("/?step=2"));
        assertThat(linksTo(viaLocalhost)).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(runner.baseUrl() + "/"));
    }

    /** Every web address in the emails caught for {@code to}: their text, HTML and headers. */
    static List<String> linksTo(String to) {
        List<String> links = new ArrayList<>();
        Pattern url = Pattern.compile("https?://[^\\s\"<>]+");
        for (MailCatcher.CaughtEmail caught : runner.mail().caught()) {
            if (caught.email().to().contains(to)) {
                String all = caught.email().text() + caught.email().html() + caught.email().headers().values();
                url.matcher(all).results().map(m -> m.group()).forEach(links::add);
            }
        }
        return links;
    }

    @Test
    void aLandingPageThatAllowedOriginsListsMayPostFromTheBrowser() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/forms/demo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", LANDING_PAGE)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(LANDING_PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> response = post(runner.baseUrl(), LANDING_PAGE, "/v1/forms/newsletter", "application/json",
                "application/json", "{\"email\":\"" + email("page") + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(LANDING_PAGE);
        assertThat(JSON.readTree(response.body()).path("next").path("url").asText())
                .as("the model's relative pages are on the site that posted").startsWith(LANDING_PAGE + "/");
    }

    @Test
    void anOriginNotListedGetsNoCorsAnswer() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/forms/demo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:8090")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void allowedOriginsAddsTheListedOriginsToTheRunsOwn() {
        assertThat(runner.services().config().allowedOrigins()).containsExactly(runner.baseUrl(), loopback, LANDING_PAGE);
        assertThat(LocalOrigins.of(3000, LocalOrigins.parse(" HTTP://LocalHost:8080/ ,https://go.example.com,,http://localhost:3000")))
                .containsExactly("http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:8080", "https://go.example.com");
        assertThat(LocalOrigins.parse(null)).isEmpty();
    }

    @Test
    void anEntryThatIsNotAnOriginIsNamed() {
        for (String wrong : List.of("*", "localhost:8080", "http://localhost:8080/page", "ftp://files.example.com",
                "http://localhost:8080?x=1")) {
            assertThatThrownBy(() -> LocalOrigins.parse("http://localhost:8080," + wrong))
                    .isInstanceOf(StartFailure.class)
                    .hasMessageContaining("ALLOWED_ORIGINS: \"" + wrong + "\" is not an origin")
                    .hasMessageContaining("http://localhost:8080");
        }
    }
}
