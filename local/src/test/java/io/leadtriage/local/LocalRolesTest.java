package io.leadtriage.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local run's console roles: a token per group of template.yaml, each request carrying one let through only where
 * that group's IAM policy, as the template writes it, allows execute-api:Invoke on the request's ARN; refused as API
 * Gateway refuses an IAM-denied call (403, {"message":"Forbidden"}), before any function runs.
 */
class LocalRolesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final LocalRunForTheClass local = new LocalRunForTheClass();

    static HttpResponse<String> call(String role, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (role != null) {
            request.header("Authorization", "Bearer " + local.runner().roleTokens().get(role));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachGroupOfTheTemplateHasItsOwnTokenAndTheAdminsIsAdminToken() {
        assertThat(local.runner().roleTokens()).containsOnlyKeys("sales", "marketer", "admin")
                .containsEntry("admin", local.runner().services().config().adminToken());
        assertThat(local.runner().roleTokens().values()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}: {1} {2} → {3}")
    @CsvSource({
            "sales,    GET,    /v1/admin/leads,                     200",
            "sales,    GET,    /v1/admin/leads/nope,                404",
            "sales,    POST,   /v1/admin/leads/nope/outcome,        404",
            "sales,    DELETE, /v1/admin/leads/nope,                403",
            "sales,    GET,    /v1/admin/reports/funnel,            403",
            "sales,    PUT,    /v1/admin/config,                    403",
            "sales,    GET,    /v1/admin/webhooks/dead-letters,     403",
            "marketer, GET,    /v1/admin/reports/funnel,            200",
            "marketer, GET,    /v1/admin/config,                    200",
            "marketer, DELETE, /v1/admin/leads/nope,                403",
            "marketer, GET,    /v1/admin/exports/leads,             403",
            "admin,    DELETE, /v1/admin/leads/nope,                404",
            "admin,    GET,    /v1/admin/webhooks/dead-letters,     200",
            "admin,    GET,    /v1/admin/exports/leads,             200",
    })
    void aRolesTokenMayCallOnlyWhatItsPolicyInTheTemplateAllows(String role, String method, String path, int status)
            throws Exception {
        HttpResponse<String> answer = call(role, method, path, method.equals("POST") ? "{\"outcome\":\"won\"}" : null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(answer.body()).as("API Gateway's answer to an IAM-denied call").isEqualTo("{\"message\":\"Forbidden\"}");
        }
    }

    @Test
    void aSalesTokenCannotChangeTheModelAndNothingIsStored() throws Exception {
        long before = local.runner().services().models().refreshNow().number();

        assertThat(call("sales", "PUT", "/v1/admin/config", "{}").statusCode()).isEqualTo(403);
        assertThat(local.runner().services().models().refreshNow().number()).isEqualTo(before);
    }

    @Test
    void noTokenOrAnUnknownOneIsRefusedByTheFunctionAsBefore() throws Exception {
        HttpResponse<String> none = call(null, "GET", "/v1/admin/leads", null);
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(local.runner().baseUrl() + "/v1/admin/leads"))
                .header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(List.of(none.statusCode(), unknown.statusCode())).containsOnly(401);
        assertThat(unknown.body()).contains("\"unauthorized\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sales", "marketer", "admin"})
    void thePageLearnsItsRoleFromTheToken(String role) throws Exception {
        HttpResponse<String> answer = call(role, "GET", "/_local/role", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"role\":\"" + role + "\"}");
        assertThat(call(null, "GET", "/_local/role", null).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheAdminReadsTheRolesTokens() throws Exception {
        HttpResponse<String> admin = call("admin", "GET", "/_local/roles", null);

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains(local.runner().roleTokens().get("sales"), "SALES_TOKEN", "MARKETER_TOKEN");
        assertThat(call("marketer", "GET", "/_local/roles", null).statusCode()).isEqualTo(403);
        assertThat(call("sales", "GET", "/_local/roles", null).statusCode()).isEqualTo(403);
    }

    @Test
    void tokensComeFromTheEnvironmentAndMayNotBeShared() {
        SamTemplate template = SamTemplate.read(SamTemplate.locate());

        LocalRoles roles = LocalRoles.of(template, Map.of("SALES_TOKEN", "s-token", "ADMIN_TOKEN", "a-token"));
        assertThat(roles.tokens()).containsEntry("sales", "s-token").containsEntry("admin", "a-token");
        assertThat(roles.roleOf("Bearer s-token")).contains("sales");
        assertThatThrownBy(() -> LocalRoles.of(template, Map.of("SALES_TOKEN", "same", "ADMIN_TOKEN", "same")))
                .isInstanceOf(StartFailure.class).hasMessageContaining("each role needs its own");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "arn:aws:execute-api:r:1:api/*/GET/v1/admin/leads,   arn:aws:execute-api:r:1:api/$default/GET/v1/admin/leads,      true",
            "arn:aws:execute-api:r:1:api/*/GET/v1/admin/leads,   arn:aws:execute-api:r:1:api/$default/GET/v1/admin/leads/x,    false",
            "arn:aws:execute-api:r:1:api/*/GET/v1/admin/leads/*, arn:aws:execute-api:r:1:api/$default/GET/v1/admin/leads/x/y,  true",
            "arn:aws:execute-api:r:1:api/*/*/v1/admin/*,         arn:aws:execute-api:r:1:api/$default/DELETE/v1/admin/leads/x, true",
            "arn:aws:execute-api:r:1:api/*/GET/v1/admin/lead?,   arn:aws:execute-api:r:1:api/$default/GET/v1/admin/leads,      true",
            "arn:aws:execute-api:r:1:api/*/get/v1/admin/leads,   arn:aws:execute-api:r:1:api/$default/GET/v1/admin/leads,      false",
            "arn:aws:execute-api:r:1:api/*/GET/v1/admin/a.b,     arn:aws:execute-api:r:1:api/$default/GET/v1/admin/aXb,        false",
    })
    void resourcesMatchAsIamMatchesThem(String pattern, String arn, boolean matches) {
        assertThat(LocalRoles.like(pattern, arn, false)).isEqualTo(matches);
    }

    @Test
    void anExplicitDenyWinsAndActionsIgnoreCase() {
        String all = "arn:aws:execute-api:us-east-1:000000000000:local/*";
        LocalRoles roles = new LocalRoles(Map.of("r", "t"), Map.of("r", List.of(
                new SamTemplate.PolicyStatement("Allow", List.of("EXECUTE-API:*"), List.of(all)),
                new SamTemplate.PolicyStatement("Deny", List.of("execute-api:Invoke"), List.of(all + "/DELETE/*")),
                new SamTemplate.PolicyStatement("Allow", List.of("cognito-idp:ListUsers"), List.of("*")))));

        assertThat(roles.allows("r", "GET", "/v1/admin/leads")).isTrue();
        assertThat(roles.allows("r", "DELETE", "/v1/admin/leads/x")).isFalse();
        assertThat(roles.allows("nobody", "GET", "/v1/admin/leads")).isFalse();
    }
}
