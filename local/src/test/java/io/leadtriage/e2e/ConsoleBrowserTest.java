package io.leadtriage.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in headless Chromium against the local run: signing in with the run's admin token, finding a hot lead
 * by its email, reading why it scored so, recording it won and seeing the funnel count it; at a phone's width
 * without sideways scrolling; nothing refused by the page's CSP. And the page's SigV4 signer, which signs the
 * deployed console's admin requests and the Users screen's calls to the user pool (its JSON API's headers too), agrees
 * with the AWS SDK's. Screenshots land in target/screenshots.
 */
class ConsoleBrowserTest {
    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    WebDriverWait signIn(WebDriver browser) {
        return site.signInToConsole(browser);
    }

    @Test
    void aMarketerFindsAHotLeadRecordsItWonAndSeesTheFunnelCountIt() throws Exception {
        String email = "vera+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        site.post("/v1/forms/demo", "{\"email\":\"" + email + "\",\"name\":\"Vera <b>Console</b>\",\"company\":\"Northwind\","
                + "\"jobTitle\":\"Head of Sales\",\"budget\":\"approved\",\"timeline\":\"now\"}");
        WebDriver browser = site.browser();
        WebDriverWait waiting = signIn(browser);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), email));
        HeadlessChromium.screenshot(browser, "console-1-leads");

        new Select(browser.findElement(By.name("tier"))).selectByValue("hot");
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.cssSelector("form.filters button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), email));
        WebElement link = browser.findElement(By.linkText("Vera <b>Console</b>"));
        assertThat(browser.findElements(By.tagName("b"))).as("a lead's name is text, never markup").isEmpty();

        link.click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Vera <b>Console</b>"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Why it scored so", "hot", "Timeline", "Emails", "sales_alert");
        HeadlessChromium.screenshot(browser, "console-2-lead");

        browser.findElement(By.xpath("//button[text()='Record won']")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "won "));
        waiting.until(d -> !d.findElement(By.tagName("main")).getText().contains("won –"));

        browser.findElement(By.linkText("Funnel")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("funnel-table")));
        WebElement won = browser.findElement(By.xpath("//table[@id='funnel-table']//tr[td[1]='won']/td[2]"));
        assertThat(Integer.parseInt(won.getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElements(By.cssSelector(".chart canvas"))).as("uPlot drew the funnel").isNotEmpty();
        assertThat(browser.findElement(By.linkText("Download CSV")).getAttribute("download")).startsWith("funnel-");
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#speed-chart canvas")));
        assertThat(browser.findElement(By.id("speed-chart")).getAttribute("aria-label"))
                .as("the hot lead's alert counted in this month's speed to alert").matches(".*\\d{4}-\\d\\d [0-9.]+ / [0-9.]+.*");
        HeadlessChromium.screenshot(browser, "console-3-funnel");

        new Select(browser.findElement(By.id("breakdown"))).selectByValue("form");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("breakdown-table")));
        assertThat(browser.findElement(By.id("breakdown-table")).getText()).as("by whole months, the demo form's row")
                .contains("demo");

        browser.findElement(By.linkText("Leads")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.name("form")));
        browser.findElement(By.name("form")).sendKeys("demo");
        browser.findElement(By.name("source")).sendKeys("(none)");
        browser.findElement(By.xpath("//button[text()='Show']")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), email));
        assertThat(browser.getCurrentUrl()).contains("form=demo", "source=%28none%29");

        assertThat(browser.manage().logs().get("browser").getAll())
                .as("nothing the console uses is refused by its CSP").noneMatch(e -> e.getMessage().contains("Content Security Policy"));
    }

    @Test
    void atAPhonesWidthNothingScrollsSideways() throws Exception {
        // The longest values a row can carry, so the list is measured with rows in it, not before they arrive.
        String email = "a.very.long.mailbox.name+" + UUID.randomUUID() + "@subsidiary.northwind-enterprise-software.com";
        site.post("/v1/forms/demo", "{\"email\":\"" + email + "\",\"name\":\"Maximiliana Wolfeschlegelsteinhausen-Bergerdorff\","
                + "\"company\":\"Northwind Enterprise Software Solutions International\",\"jobTitle\":\"Head of Sales\"}");
        WebDriver browser = site.browser();
        browser.manage().window().setSize(new Dimension(390, 844));
        WebDriverWait waiting = signIn(browser);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), "Wolfeschlegelsteinhausen"));
        HeadlessChromium.screenshot(browser, "console-4-phone");

        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.scrollingElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    /** What a first visit transfers: every file of the console, as the browser received them (gzipped). */
    @Test
    void theFirstLoadTransfersLittle() throws Exception {
        WebDriver browser = site.browser();
        signIn(browser);
        @SuppressWarnings("unchecked")
        Map<String, Object> sizes = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const files = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".filter(e => new URL(e.name).pathname.startsWith('/console/'));"
                        + "return {files: files.length, encoded: files.reduce((n, e) => n + e.encodedBodySize, 0),"
                        + " decoded: files.reduce((n, e) => n + e.decodedBodySize, 0)};");
        long encoded = ((Number) sizes.get("encoded")).longValue();
        long decoded = ((Number) sizes.get("decoded")).longValue();
        System.out.printf("console first load: %d files, %.1f KB transferred (%.1f KB unpacked)%n",
                ((Number) sizes.get("files")).intValue(), encoded / 1024.0, decoded / 1024.0);

        assertThat(encoded).as("gzipped on the wire").isLessThan(decoded / 2);
        assertThat(encoded).as("the first load's budget, docs/console.md").isLessThan(80 * 1024);
    }

    /** A request the page signs: the admin API's, and the user pool's JSON API's (the Users screen) with its headers. */
    record Signed(String service, String method, String url, String body, Map<String, String> headers) {
    }

    @Test
    void thePagesSigV4SignerAgreesWithTheSdks() {
        WebDriver browser = site.browser();
        browser.get(site.baseUrl() + "/console/");
        HeadlessChromium.waiting(browser).until(d -> ((JavascriptExecutor) d).executeScript("return !!window.leadtriageSigV4"));
        Instant at = Instant.parse("2026-12-01T10:11:12Z");
        String url = "https://abc123defg.execute-api.eu-west-1.amazonaws.com/v1/admin/leads?tier=hot&limit=25&email=a%2Bb%40example.com";
        List<Signed> requests = List.of(new Signed("execute-api", "GET", url, "", Map.of()),
                new Signed("execute-api", "POST", url, "{\"outcome\":\"won\"}", Map.of()),
                new Signed("cognito-idp", "POST", "https://cognito-idp.eu-west-1.amazonaws.com/",
                        "{\"UserPoolId\":\"eu-west-1_AbCdEf123\",\"GroupName\":\"sales\"}",
                        Map.of("Content-Type", "application/x-amz-json-1.1",
                                "X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsersInGroup")));

        for (Signed request : requests) {
            @SuppressWarnings("unchecked")
            Map<String, String> signed = (Map<String, String>) ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.leadtriageSigV4({method: arguments[0], url: arguments[1], body: arguments[2], headers: arguments[5],"
                            + " credentials: {accessKeyId: 'ASIAEXAMPLEKEY', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',"
                            + " sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/='}, region: 'eu-west-1', service: arguments[4],"
                            + " now: new Date(arguments[3])}).then(done, e => done({error: String(e)}));",
                    request.method(), request.url(), request.body(), at.toEpochMilli(), request.service(), request.headers());

            SdkHttpRequest.Builder sdkRequest = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method()))
                    .uri(URI.create(request.url()));
            request.headers().forEach(sdkRequest::putHeader);
            String expected = AwsV4HttpSigner.create().sign(r -> r
                            .identity(AwsSessionCredentialsIdentity.create("ASIAEXAMPLEKEY",
                                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE+/="))
                            .request(sdkRequest.build())
                            .payload(request.body().isEmpty() ? null
                                    : software.amazon.awssdk.http.ContentStreamProvider.fromUtf8String(request.body()))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, request.service())
                            .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                    .request().firstMatchingHeader("Authorization").orElseThrow();

            assertThat(signed).as(request.service() + " " + request.method()).containsEntry("Authorization", expected)
                    .containsEntry("X-Amz-Date", "20261201T101112Z").containsEntry("X-Amz-Security-Token", "IQoJb3JpZ2luX2VjEXAMPLE+/=");
        }
    }
}
