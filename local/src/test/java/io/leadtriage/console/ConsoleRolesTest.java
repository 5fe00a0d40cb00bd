package io.leadtriage.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.ops.StackAlarms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's three roles as IAM sees them (template.yaml after the SAM transform): each group's role may invoke
 * exactly its admin routes (sales: leads and outcomes; marketer: also reports and the model; admin: every admin
 * route, erasure and the webhooks' dead letters included; the admin alone also the Users screen's calls to this stack's
 * user pool), only signed-in users of this stack's identity pool may
 * take a role, a user in no group gets none, and every admin route still takes IAM only.
 */
class ConsoleRolesTest {
    static final Set<String> SALES = Set.of("GET /v1/admin/leads", "GET /v1/admin/leads/{leadId}",
            "POST /v1/admin/leads/{leadId}/outcome");
    static final Set<String> MARKETER_ALSO = Set.of("GET /v1/admin/reports/funnel", "GET /v1/admin/reports/calibration",
            "GET /v1/admin/reports/emails", "GET /v1/admin/reports/nurture", "GET /v1/admin/reports/backfill",
            "GET /v1/admin/config", "PUT /v1/admin/config", "POST /v1/admin/config/dry-run", "POST /v1/admin/config/form",
            "GET /v1/admin/config/versions/{version}", "POST /v1/admin/config/versions/{version}/rollback",
            "POST /v1/admin/config/templates/{template}/preview", "POST /v1/admin/config/templates/{template}/test-send",
            "PUT /v1/admin/config/templates/{template}");

    static JsonNode resource(String id) {
        return StackAlarms.template().path("Resources").path(id);
    }

    /** Every admin route of the template, as its route key. */
    static Set<String> adminRoutes() {
        Set<String> routes = new TreeSet<>();
        StackAlarms.resources("AWS::ApiGatewayV2::Api").values().forEach(api -> api.path("Properties").path("Body")
                .path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
                    if (path.getKey().startsWith("/v1/admin/")) {
                        routes.add(method.getKey().toUpperCase() + " " + path.getKey());
                    }
                })));
        return routes;
    }

    /** The execute-api ARNs the role may invoke, as patterns over "METHOD /path". */
    static List<Pattern> invocable(String role) {
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                if (statement.path("Action").isArray()) {
                    continue; // the admin's user pool actions: see theAdminAloneMayManageUsersInThisPoolOnly
                }
                assertThat(statement.path("Action").asText()).as(role + ": invoke only").isEqualTo("execute-api:Invoke");
                for (JsonNode arn : statement.path("Resource")) {
                    String sub = arn.path("Fn::Sub").asText();
                    assertThat(sub).as(role + ": on this stack's API").startsWith(
                            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*/");
                    String route = sub.substring(sub.indexOf("${HttpApi}/*/") + "${HttpApi}/*/".length());
                    String method = route.substring(0, route.indexOf('/'));
                    String path = route.substring(route.indexOf('/'));
                    patterns.add(Pattern.compile((method.equals("*") ? "[A-Z]+" : method) + " "
                            + Pattern.quote(path).replace("*", "\\E[^ ]*\\Q")));
                }
            }
        }
        return patterns;
    }

    /** The admin routes the role may invoke; a path parameter reads as one segment of any value. */
    static Set<String> allowed(String role) {
        List<Pattern> patterns = invocable(role);
        Set<String> allowed = new TreeSet<>();
        for (String route : adminRoutes()) {
            String concrete = route.replaceAll("\\{[^}]+}", "x1");
            if (patterns.stream().anyMatch(p -> p.matcher(concrete).matches())) {
                allowed.add(route);
            }
        }
        return allowed;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sales, ConsoleSalesRole", "marketer, ConsoleMarketerRole", "admin, ConsoleAdminRole"})
    void eachGroupsRoleMayInvokeExactlyItsRoutes(String group, String role) {
        Set<String> expected = new TreeSet<>(SALES);
        if (!group.equals("sales")) {
            expected.addAll(MARKETER_ALSO);
        }
        if (group.equals("admin")) {
            expected = new TreeSet<>(adminRoutes());
        }
        assertThat(adminRoutes()).as("the routes this test knows are the template's").containsAll(SALES).containsAll(MARKETER_ALSO)
                .contains("DELETE /v1/admin/leads/{leadId}", "GET /v1/admin/webhooks/dead-letters", "GET /v1/admin/exports/leads",
                        "POST /v1/admin/reports/backfill");

        assertThat(allowed(role)).isEqualTo(expected);
        JsonNode groupResource = StackAlarms.resources("AWS::Cognito::UserPoolGroup").values().stream()
                .filter(g -> g.path("Properties").path("GroupName").asText().equals(group)).findFirst().orElseThrow();
        assertThat(groupResource.path("Properties").path("RoleArn").path("Fn::GetAtt").get(0).asText()).isEqualTo(role);
    }

    /** Every statement of the role's policies about Cognito's user pools, as action → resource. */
    static List<String> userPoolGrants(String role) {
        List<String> grants = new ArrayList<>();
        for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                for (JsonNode action : statement.path("Action").isArray() ? statement.path("Action") : List.of(statement.path("Action"))) {
                    if (!action.asText().startsWith("execute-api:")) {
                        grants.add(statement.path("Effect").asText() + " " + action.asText() + " on " + statement.path("Resource"));
                    }
                }
            }
        }
        return grants;
    }

    @Test
    void theAdminAloneMayManageUsersInThisPoolOnly() {
        String pool = " on {\"Fn::GetAtt\":[\"ConsoleUserPool\",\"Arn\"]}";
        assertThat(userPoolGrants("ConsoleAdminRole")).as("the Users screen's calls, nothing more (no deletion, no passwords)")
                .containsExactlyInAnyOrder("Allow cognito-idp:ListUsers" + pool, "Allow cognito-idp:ListUsersInGroup" + pool,
                        "Allow cognito-idp:AdminCreateUser" + pool, "Allow cognito-idp:AdminAddUserToGroup" + pool,
                        "Allow cognito-idp:AdminRemoveUserFromGroup" + pool, "Allow cognito-idp:AdminDisableUser" + pool);
        assertThat(userPoolGrants("ConsoleSalesRole")).isEmpty();
        assertThat(userPoolGrants("ConsoleMarketerRole")).isEmpty();
        StackAlarms.resources("AWS::IAM::Role").forEach((id, role) -> {
            if (!id.equals("ConsoleAdminRole")) {
                assertThat(role.toString()).as(id).doesNotContain("cognito-idp:");
            }
        });
    }

    @Test
    void onlyThisPoolsSignedInUsersTakeARoleAndAUserInNoGroupGetsNone() {
        for (String role : List.of("ConsoleSalesRole", "ConsoleMarketerRole", "ConsoleAdminRole")) {
            JsonNode trust = resource(role).path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0);
            assertThat(trust.path("Principal").path("Federated").asText()).isEqualTo("cognito-identity.amazonaws.com");
            assertThat(trust.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
            assertThat(trust.path("Condition").path("StringEquals").path("cognito-identity.amazonaws.com:aud").path("Ref").asText())
                    .isEqualTo("ConsoleIdentityPool");
            assertThat(trust.path("Condition").path("ForAnyValue:StringLike").path("cognito-identity.amazonaws.com:amr").asText())
                    .isEqualTo("authenticated");
        }
        JsonNode pool = resource("ConsoleIdentityPool").path("Properties");
        assertThat(pool.path("AllowUnauthenticatedIdentities").asBoolean()).isFalse();
        JsonNode mapping = resource("ConsoleIdentityPoolRoles").path("Properties");
        assertThat(mapping.has("Roles")).as("no default role: a user in no group gets no credentials").isFalse();
        JsonNode rule = mapping.path("RoleMappings").elements().next();
        assertThat(rule.path("Type").asText()).isEqualTo("Token");
        assertThat(rule.path("AmbiguousRoleResolution").asText()).isEqualTo("Deny");
        assertThat(resource("ConsoleUserPool").path("Properties").path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly")
                .asBoolean()).as("invited, no sign-up").isTrue();
        JsonNode client = resource("ConsoleUserPoolClient").path("Properties");
        assertThat(client.path("GenerateSecret").asBoolean()).as("a page keeps no secret").isFalse();
        assertThat(client.path("AllowedOAuthFlows").toString()).isEqualTo("[\"code\"]");
    }

    @Test
    void everyAdminRouteTakesIamOnlyAndTheConsoleNone() {
        StackAlarms.resources("AWS::ApiGatewayV2::Api").values().forEach(api -> api.path("Properties").path("Body")
                .path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
                    String security = method.getValue().path("security").toString();
                    if (path.getKey().startsWith("/v1/admin/")) {
                        assertThat(security).as(path.getKey()).contains("AWS_IAM");
                    } else if (path.getKey().startsWith("/console")) {
                        assertThat(security).as(path.getKey()).doesNotContain("AWS_IAM");
                    }
                })));
    }
}
