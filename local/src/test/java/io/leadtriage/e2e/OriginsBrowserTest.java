package io.leadtriage.e2e;

import com.sun.net.httpserver.HttpServer;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.SignalType;
import io.leadtriage.local.LocalRunner;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Origins as a browser sees them, in headless Chromium: the visitor path on the local run reached as 127.0.0.1 and
 * as localhost keeps its origin (and so the token the page stored) to the last page, whose behaviour beacon counts;
 * a landing page served on another port posts with fetch when ALLOWED_ORIGINS lists its origin, and the browser
 * blocks it when not. Skipped, saying why, where Chromium and chromedriver are not installed.
 */
class OriginsBrowserTest {
    /** A landing page elsewhere that ALLOWED_ORIGINS lists, and one it does not. */
    static HttpServer listedSite;
    static HttpServer otherSite;
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun(OriginsBrowserTest::startWithTwoSitesElsewhere);

    static LocalRunner startWithTwoSitesElsewhere() {
        try {
            listedSite = landingPageServer();
            otherSite = landingPageServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(),
                List.of(siteOrigin(listedSite))));
    }

    @AfterAll
    static void stopSitesElsewhere() {
        for (HttpServer server : new HttpServer[]{listedSite, otherSite}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /**
     * A page that posts a newsletter sign-up to the API given in its query with fetch, as a landing page on its own
     * site would, and writes what came of it into #result.
     */
    static HttpServer landingPageServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        byte[] page = """
                <!doctype html><html><head><meta charset="utf-8"><title>Elsewhere</title></head><body>
                <p id="result">waiting</p>
                <script>
                  var q = new URLSearchParams(location.search);
                  fetch(q.get("api") + "/v1/forms/newsletter", {
                    method: "POST",
                    headers: { "Content-Type": "application/json", "Accept": "application/json" },
                    body: JSON.stringify({ email: q.get("email"), consent: true })
                  }).then(function (res) {
                    return res.json().then(function (data) {
                      document.getElementById("result").textContent = "answered " + res.status + " " + data.next.url;
                    });
                  }, function (error) {
                    document.getElementById("result").textContent = "blocked: " + error.message;
                  });
                </script></body></html>
                """.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    static String siteOrigin(HttpServer site) {
        return "http://localhost:" + site.getAddress().getPort();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(site.browser(), Duration.ofSeconds(20));
    }

    /** Types into the empty text fields and picks in the selects, by name. */
    void fill(Map<String, String> typed, Map<String, String> picked) {
        typed.forEach((field, text) -> site.browser().findElement(By.name(field)).sendKeys(text));
        picked.forEach((field, value) -> new Select(site.browser().findElement(By.name(field))).selectByValue(value));
    }

    String storedToken() {
        return (String) ((JavascriptExecutor) site.browser()).executeScript("return localStorage.getItem('leadtriage.token');");
    }

    static String email(String name) {
        return name + "+" + UUID.randomUUID().toString().substring(0, 8) + "@origin-browser.io";
    }

    static Optional<LeadRecord> lead(String email) {
        return site.lead(email);
    }

    /** Step 1, step 2 as a warm lead, the thank-you page: the origin, the stored token and its page-view beacon. */
    void theVisitorPathStaysOn(String base) throws Exception {
        String email = email("path");
        site.browser().get(base + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        fill(Map.of("email", email, "name", "Olga Origin", "challenge", "We lose track of which campaigns bring good leads"),
                Map.of());
        site.browser().findElement(By.id("consent")).click();
        site.browser().findElement(By.id("step1-submit")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step2")));
        String afterStep1 = storedToken();
        fill(Map.of("company", "Origin Agency"), Map.of("companySize", "11-50", "industry", "marketing-agency",
                "role", "influencer", "budget", "exploring", "timeline", "3-6m"));
        site.browser().findElement(By.id("step2-submit")).click();

        waiting().until(ExpectedConditions.urlContains("/thank-you.html"));
        assertThat(site.browser().getCurrentUrl()).as("no origin switch").startsWith(base + "/thank-you.html");
        assertThat(afterStep1).as("the token stored at step 1").isNotBlank();
        assertThat(storedToken()).as("the token stored, still there after step 2").isNotBlank();
        boolean counted = site.untilTheLead(email, "the thank-you page's page view",
                l -> l.lead().signals().stream().anyMatch(s -> s.type() == SignalType.PAGE_VIEW));
        assertThat(counted).as("the thank-you page's behaviour beacon counted for the lead").isTrue();
    }

    @Test
    void theVisitorPathOn127001StaysOn127001() throws Exception {
        theVisitorPathStaysOn(site.baseUrl().replace("localhost", "127.0.0.1"));
    }

    @Test
    void theVisitorPathOnLocalhostStaysOnLocalhost() throws Exception {
        theVisitorPathStaysOn(site.baseUrl());
    }

    @Test
    void aPageElsewhereThatAllowedOriginsListsPostsWithFetch() {
        String email = email("listed");
        site.browser().get(siteOrigin(listedSite) + "/?api=" + site.baseUrl() + "&email=" + email.replace("+", "%2B"));

        waiting().until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("result"), "waiting")));
        assertThat(site.browser().findElement(By.id("result")).getText())
                .isEqualTo("answered 201 " + siteOrigin(listedSite) + "/thank-you.html");
        assertThat(lead(email)).isPresent();
    }

    @Test
    void aPageElsewhereThatAllowedOriginsDoesNotListIsBlockedByTheBrowser() {
        String email = email("unlisted");
        site.browser().get(siteOrigin(otherSite) + "/?api=" + site.baseUrl() + "&email=" + email.replace("+", "%2B"));

        waiting().until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("result"), "waiting")));
        assertThat(site.browser().findElement(By.id("result")).getText()).startsWith("blocked: ");
        assertThat(lead(email)).as("the preflight failed: the post was never sent").isEmpty();
    }
}
