package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.rehearsal.SecretsManagerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed Users screen (users.js), which calls the stack's Cognito user pool from the page, driven in headless
 * Chromium against moto's {@code moto_server} standing in for Cognito: invite by email into a group, change the role,
 * disable, each checked in the pool. moto answers CORS preflights but checks no signature, and it is another origin than
 * the page, so this test lifts the page's CSP for it (deployed, the CSP names the pool's endpoint: ConsoleHandlerTest);
 * that the page signs these calls as AWS does (its SigV4 over the JSON API's headers) ConsoleBrowserTest checks against
 * the AWS SDK's signer. Skipped, saying so, without moto or Chromium.
 */
class UsersScreenMotoTest {
    static final String REGION = "us-east-1";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static SecretsManagerStandIn moto;

    @RegisterExtension
    static final BrowserOnLocalRun site = new BrowserOnLocalRun();

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    /** A call to moto's Cognito user pool API, as the AWS CLI would make it (moto checks no signature). */
    static JsonNode cognito(String action, String json) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(moto.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261201/" + REGION
                        + "/cognito-idp/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(action + ": " + answer.body()).isEqualTo(200);
        return BrowserOnLocalRun.JSON.readTree(answer.body());
    }

    /** The emails of the pool's users in a group. */
    static List<String> inGroup(String pool, String group) throws Exception {
        List<String> emails = new ArrayList<>();
        for (JsonNode user : cognito("ListUsersInGroup", "{\"UserPoolId\":\"" + pool + "\",\"GroupName\":\"" + group + "\"}")
                .path("Users")) {
            user.path("Attributes").forEach(a -> {
                if (a.path("Name").asText().equals("email")) {
                    emails.add(a.path("Value").asText());
                }
            });
        }
        return emails;
    }

    /** A pool as the template makes it: email as the user name, the three groups. */
    static String stackPool() throws Exception {
        String pool = cognito("CreateUserPool", "{\"PoolName\":\"console\",\"UsernameAttributes\":[\"email\"]}")
                .path("UserPool").path("Id").asText();
        for (String group : List.of("sales", "marketer", "admin")) {
            cognito("CreateGroup", "{\"UserPoolId\":\"" + pool + "\",\"GroupName\":\"" + group + "\"}");
        }
        return pool;
    }

    @Test
    void anAdminInvitesAUserChangesTheirRoleAndDisablesThemInThePool() throws Exception {
        Assumptions.assumeTrue(SecretsManagerStandIn.installed(), "moto_server is not on the PATH (pip install 'moto[server]'):"
                + " the Users screen's test against a Cognito stand-in is skipped");
        moto = SecretsManagerStandIn.start();
        String pool = stackPool();
        WebDriver browser = site.browser();
        ((ChromeDriver) browser).executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        WebDriverWait waiting = HeadlessChromium.waiting(browser);
        browser.get(site.baseUrl() + "/console/");
        waiting.until(d -> ((JavascriptExecutor) d).executeScript("return !!window.leadtriageUsers"));

        Object shown = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const client = window.leadtriageUsers.cognitoClient({ endpoint: arguments[0], userPoolId: arguments[1],"
                + " sign: (method, url, body, headers) => window.leadtriageSigV4({ method, url, body, headers, region: arguments[2],"
                + " service: 'cognito-idp', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' } }) });"
                + "window.leadtriageUsers.usersScreen(client).then(() => done('shown'), e => done(String(e)));",
                moto.endpoint().resolve("/").toString(), pool, REGION);
        assertThat(shown).isEqualTo("shown");
        assertThat(browser.findElement(By.id("users")).getText()).contains("No user yet.");

        String email = "new.rep@example.com";
        browser.findElement(By.id("invite-email")).sendKeys(email);
        new Select(browser.findElement(By.id("invite-role"))).selectByValue("marketer");
        browser.findElement(By.cssSelector("form.filters button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Invited"));
        By row = By.cssSelector("tr[data-user='" + email + "']");
        assertThat(new Select(browser.findElement(row).findElement(By.tagName("select"))).getFirstSelectedOption().getText())
                .isEqualTo("marketer");
        assertThat(browser.findElement(row).getText()).contains("invited");
        assertThat(inGroup(pool, "marketer")).containsExactly(email);
        HeadlessChromium.screenshot(browser, "console-users");

        new Select(browser.findElement(row).findElement(By.tagName("select"))).selectByValue("sales");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "is now sales"));
        assertThat(inGroup(pool, "sales")).containsExactly(email);
        assertThat(inGroup(pool, "marketer")).isEmpty();

        browser.findElement(row).findElement(By.xpath(".//button[text()='Disable']")).click();
        waiting.until(ExpectedConditions.alertIsPresent()).accept();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Disabled"));
        assertThat(browser.findElement(row).getText()).contains("disabled");
        JsonNode user = cognito("ListUsers", "{\"UserPoolId\":\"" + pool + "\"}").path("Users").get(0);
        assertThat(user.path("Enabled").asBoolean()).isFalse();
    }
}
