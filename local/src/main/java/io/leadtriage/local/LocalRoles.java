package io.leadtriage.local;

import com.sun.net.httpserver.HttpExchange;
import io.leadtriage.app.tokens.Secrets;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's roles in the local run, one bearer token each (the user pool groups of template.yaml: sales, marketer,
 * admin), and what API Gateway's AWS_IAM authorizer decides for them deployed: a request carrying a role's token is let
 * through only if that group's IAM role, as the template writes its policy, may {@code execute-api:Invoke} the
 * request's ARN; else 403 as API Gateway answers it. The rules are the template's, read at start; none are kept here.
 *
 * <p>Also the two local routes the console's local sign-in uses: {@code GET /_local/role} (the role of the bearer token,
 * so that the page learns it from the server, never from what the user picks), and {@code GET /_local/roles} (every
 * role's token, for the admin token only: the local Users screen lists them).
 */
final class LocalRoles implements LocalHttpServer.LocalEndpoint {
    /** What the local request context says: the account, region and API id of the ARNs a policy is matched with. */
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final String API_ID = "local";
    static final String STAGE = "$default";
    /** The template's names in the policies' ARNs, as the local run has them. */
    static final Map<String, String> ARN_VALUES = Map.of("AWS::Partition", "aws", "AWS::Region", REGION,
            "AWS::AccountId", ACCOUNT, "HttpApi", API_ID);
    /** The body API Gateway's HTTP API answers a request its IAM authorizer refused with. */
    static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
    /** The group whose token is ADMIN_TOKEN and may read every role's token. */
    static final String ADMIN = "admin";

    private final Map<String, String> tokens;
    private final Map<String, List<SamTemplate.PolicyStatement>> policies;

    LocalRoles(Map<String, String> tokens, Map<String, List<SamTemplate.PolicyStatement>> policies) {
        this.tokens = Map.copyOf(tokens);
        this.policies = Map.copyOf(policies);
    }

    /**
     * The template's groups, each with its token: {@code <GROUP>_TOKEN} from {@code environment} (ADMIN_TOKEN,
     * MARKETER_TOKEN, SALES_TOKEN), else one made for this run.
     */
    static LocalRoles of(SamTemplate template, Map<String, String> environment) {
        Map<String, List<SamTemplate.PolicyStatement>> policies = template.groupPolicies(ARN_VALUES);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String group : policies.keySet()) {
            String token = environment.get(variable(group));
            String chosen = token != null && !token.isBlank() ? token : randomToken();
            if (tokens.containsValue(chosen)) {
                throw new StartFailure(variable(group) + " is another role's token too: each role needs its own");
            }
            tokens.put(group, chosen);
        }
        return new LocalRoles(tokens, policies);
    }

    /** The environment variable that sets a group's token: ADMIN_TOKEN, SALES_TOKEN. */
    static String variable(String group) {
        return group.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_TOKEN";
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Each group's token, in the template's order. */
    Map<String, String> tokens() {
        return tokens;
    }

    /** The role whose token the Authorization header carries (Bearer), compared in constant time. */
    Optional<String> roleOf(String authorization) {
        String found = null;
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            if (Secrets.bearerMatches(authorization, e.getValue())) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The execute-api ARN API Gateway authorizes a request to this method and path with. */
    static String invokeArn(String method, String path) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + API_ID + "/" + STAGE + "/"
                + method.toUpperCase(Locale.ROOT) + (path.startsWith("/") ? path : "/" + path);
    }

    /** Whether the role's policy lets it invoke this method on this path: an explicit Deny wins, then any Allow. */
    boolean allows(String role, String method, String path) {
        String arn = invokeArn(method, path);
        boolean allowed = false;
        for (SamTemplate.PolicyStatement s : policies.getOrDefault(role, List.of())) {
            boolean applies = s.actions().stream().anyMatch(a -> like(a, "execute-api:Invoke", true))
                    && s.resources().stream().anyMatch(r -> like(r, arn, false));
            if (applies && s.effect().equals("Deny")) {
                return false;
            }
            allowed |= applies && s.effect().equals("Allow");
        }
        return allowed;
    }

    /** IAM's matching: {@code *} any run of characters (slashes too), {@code ?} one; actions ignore case. */
    static boolean like(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("(?=[*?])|(?<=[*?])")) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    /** What the local AWS_IAM authorizer decided for a request. */
    sealed interface Decision {
        /** No role's token: the request goes on as it came (the function judges what it carries). */
        record NotARole() implements Decision {
        }

        /** A role's token its policy refuses: 403, the function is not called. */
        record Refused(String role) implements Decision {
        }

        /**
         * A role's token its policy allows. The admin token goes on as it came (the function takes it, as before
         * roles); another role's as a signed request does deployed, with its IAM caller in the request context.
         */
        record Allowed(String role, String userArn) implements Decision {
        }
    }

    Decision decide(String authorization, String method, String path) {
        Optional<String> role = roleOf(authorization);
        if (role.isEmpty()) {
            return new Decision.NotARole();
        }
        if (!allows(role.get(), method, path)) {
            return new Decision.Refused(role.get());
        }
        return new Decision.Allowed(role.get(), role.get().equals(ADMIN) ? null
                : "arn:aws:sts::" + ACCOUNT + ":assumed-role/console-" + role.get() + "/local-" + role.get());
    }

    @Override
    public boolean handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod().toUpperCase(Locale.ROOT) + " " + exchange.getRequestURI().getPath();
        if (!route.equals("GET /_local/role") && !route.equals("GET /_local/roles")) {
            return false;
        }
        Optional<String> role = roleOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (role.isEmpty()) {
            LocalConsole.json(exchange, 401, Map.of("error", Map.of("code", "unauthorized",
                    "message", "Send Authorization: Bearer <a token the local run printed at start>.")));
        } else if (route.equals("GET /_local/role")) {
            LocalConsole.json(exchange, 200, Map.of("role", role.get()));
        } else if (!role.get().equals(ADMIN)) {
            LocalConsole.json(exchange, 403, Map.of("error", Map.of("code", "forbidden",
                    "message", "Only the admin token may read the roles' tokens.")));
        } else {
            List<Map<String, String>> list = new ArrayList<>();
            tokens.forEach((group, token) -> list.add(Map.of("role", group, "token", token, "variable", variable(group))));
            LocalConsole.json(exchange, 200, Map.of("roles", list));
        }
        return true;
    }
}
