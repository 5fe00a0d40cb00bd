package io.leadtriage.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-deploy smoke test ({@code ./smoke-test}, see {@link SmokeArguments#USAGE} and docs/deploy.md): finds
 * the stack's API, posts one synthetic lead through the public form route, reads it back through the
 * IAM-signed admin API, checks that an unsigned admin request is refused, erases the lead, and reports what SES
 * will do with the stack's emails. One line per check; exit code 0 only when every check passed.
 *
 * <p>The test lead: {@code smoke-test+<uuid>@example.com} (a reserved domain: nothing is ever delivered there),
 * the name "Smoke Test", no consent (so no nurture email and no reminder) and no qualifying answer (so it stays
 * cold and no sales alert goes out), posted to step 1 of {@code get-started}. It is erased in step 5, even when
 * step 3 failed; if that fails too, the report says how to erase it by hand.
 */
public final class SmokeTest {
    static final int CHECKS = 5;
    static final String FORM_POST = "public form post";
    static final String SIGNED_READ = "signed admin read";
    static final String UNSIGNED_REFUSED = "unsigned admin refused";
    static final String ERASE = "erase";
    static final String STACK_OUTPUTS = "stack outputs";
    static final String TEST_NAME = "Smoke Test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXECUTE_API_HOST =
            Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern LEAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * What the run is about.
     *
     * @param stackName      the stack (its name shows in hints even with --api-url)
     * @param region         the region the stack is in, and the signing region unless the API's host names one
     * @param regionSource   where the region came from, for the header line
     * @param apiUrl         --api-url, or null to read the ApiUrl output
     * @param formId         the form the test lead is posted to
     * @param samconfigRegion samconfig.toml's region, for the hint when the stack is not found elsewhere
     */
    record Settings(String stackName, String region, String regionSource, URI apiUrl, String formId,
                    String samconfigRegion) {
    }

    private final Settings settings;
    private final AwsHttp http;
    private final StackOutputs.Reader stacks;
    private final SesReadiness ses;
    private final Report report;

    SmokeTest(Settings settings, AwsHttp http, StackOutputs.Reader stacks, SesReadiness ses, PrintStream out) {
        this.settings = settings;
        this.http = http;
        this.stacks = stacks;
        this.ses = ses;
        this.report = new Report(out, CHECKS);
    }

    public static void main(String[] args) {
        quietSlf4j();
        System.exit(main(args, System.out, System.err, System.getenv(), SamConfig.location()));
    }

    /**
     * The SDK logs through SLF4J, and this class path has no SLF4J binding (the smoke test logs nothing; it
     * reports): SLF4J would say so in three lines on stderr at the first SDK call. It is initialised here with
     * stderr muted, so those lines are not mistaken for a problem; everything else on stderr is untouched.
     */
    private static void quietSlf4j() {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream()));
            org.slf4j.LoggerFactory.getILoggerFactory();
        } catch (LinkageError e) {
            // no SLF4J on the class path: nothing to quieten
        } finally {
            System.setErr(err);
        }
    }

    /** The command: arguments, region and credentials resolved, then {@link #run()}. @return the exit code */
    static int main(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path samconfigFile) {
        SmokeArguments arguments;
        try {
            arguments = SmokeArguments.parse(args);
        } catch (SmokeArguments.UsageException e) {
            err.println("smoke-test: " + e.getMessage() + ". Run ./smoke-test --help for the options.");
            return 2;
        }
        if (arguments.help()) {
            out.println(SmokeArguments.USAGE);
            return 0;
        }
        SamConfig sam = SamConfig.read(samconfigFile);
        String stackName = arguments.stack() != null ? arguments.stack()
                : sam.stackName() != null ? sam.stackName() : SmokeArguments.DEFAULT_STACK;
        String region;
        String regionSource;
        if (arguments.region() != null) {
            region = arguments.region();
            regionSource = "--region";
        } else {
            String fromChain = regionFromSdkChain(arguments.profile());
            if (fromChain != null) {
                region = fromChain;
                regionSource = nonBlank(env.get("AWS_REGION")) ? "AWS_REGION"
                        : "profile " + (arguments.profile() != null ? arguments.profile()
                        : nonBlank(env.get("AWS_PROFILE")) ? env.get("AWS_PROFILE") : "default");
            } else if (sam.region() != null) {
                region = sam.region();
                regionSource = "samconfig.toml";
            } else {
                err.println("smoke-test: no AWS region: pass --region REGION (the region you deployed to), or set AWS_REGION.");
                return 2;
            }
        }
        if (arguments.apiUrl() != null) {
            Matcher host = EXECUTE_API_HOST.matcher(arguments.apiUrl().getHost());
            if (host.matches() && arguments.region() == null && !host.group(1).equals(region)) {
                region = host.group(1);
                regionSource = "the API's URL";
            }
        }
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().profileName(arguments.profile()).build();
        try {
            String problem = credentialsProblem(credentials);
            if (problem != null) {
                err.println("smoke-test: " + problem + (arguments.profile() == null ? "" : " (profile " + arguments.profile() + ")")
                        + ": run `aws configure` or `aws sso login`, or pass --profile NAME.");
                return 2;
            }
            Settings settings = new Settings(stackName, region, regionSource, arguments.apiUrl(), arguments.formId(),
                    sam.region());
            AwsHttp http = new AwsHttp(credentials, Duration.ofSeconds(30));
            StackOutputs stackOutputs = new StackOutputs(http, StackOutputs.endpointFor(region, env), region);
            return new SmokeTest(settings, http, stackOutputs.reader(), SesReadiness.of(credentials, region), out).run();
        } finally {
            credentials.close();
        }
    }

    /** The region the SDK's default chain finds (aws.region, AWS_REGION, the profile, instance metadata), or null. */
    private static String regionFromSdkChain(String profile) {
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion().id();
        } catch (SdkException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Null when credentials resolve; else what is wrong with them, in one line and without any secret. */
    static String credentialsProblem(AwsCredentialsProvider credentials) {
        try {
            credentials.resolveCredentials();
            return null;
        } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Unable to load credentials from any of the providers")) {
                return "no AWS credentials found (environment, profile, SSO, container or instance role)";
            }
            String first = AwsHttp.firstSentence(message);
            return "the AWS credentials could not be loaded: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first);
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Runs the five checks and the SES findings; @return 0 when every check passed, else 1 */
    int run() {
        long started = System.nanoTime();
        report.line("leadtriage smoke test: " + (settings.apiUrl() == null ? "stack " + settings.stackName() + " in "
                : "API " + settings.apiUrl() + ", ") + settings.region() + " (region from " + settings.regionSource() + ")");

        // 1. the stack and its ApiUrl output
        URI api = null;
        Map<String, String> parameters = Map.of();
        long t = System.nanoTime();
        if (settings.apiUrl() != null) {
            api = settings.apiUrl();
            report.pass(1, STACK_OUTPUTS, "ApiUrl given with --api-url: " + api + " (stack outputs not read)", since(t));
        } else {
            try {
                StackOutputs.Stack stack = stacks.describe(settings.stackName());
                String apiUrl = stack.outputs().get("ApiUrl");
                if (!stack.usable()) {
                    report.fail(1, STACK_OUTPUTS, "stack " + stack.name() + " is " + stack.status()
                            + (stack.statusReason() == null ? "" : " (" + stack.statusReason() + ")")
                            + ": fix the deployment first (sam deploy; the CloudFormation console shows the failed resource)", since(t));
                } else if (apiUrl == null || apiUrl.isBlank()) {
                    report.fail(1, STACK_OUTPUTS, "stack " + stack.name() + " has no ApiUrl output (outputs: "
                            + String.join(", ", stack.outputs().keySet()) + "): is it a leadtriage stack? pass --stack NAME", since(t));
                } else {
                    api = URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
                    parameters = stack.parameters();
                    report.pass(1, STACK_OUTPUTS, stack.name() + " is " + stack.status() + "; ApiUrl " + api, since(t));
                }
            } catch (StackOutputs.NotFound e) {
                String hint = settings.samconfigRegion() != null && !settings.samconfigRegion().equals(settings.region())
                        ? ": samconfig.toml deploys to " + settings.samconfigRegion() + ", try --region " + settings.samconfigRegion()
                        : ": deploy it (sam build && sam deploy --guided), or pass --stack NAME --region REGION as deployed";
                report.fail(1, STACK_OUTPUTS, e.getMessage() + hint, since(t));
            } catch (SmokeFailure e) {
                report.fail(1, STACK_OUTPUTS, e.getMessage(), since(t));
            } catch (RuntimeException e) {
                report.fail(1, STACK_OUTPUTS, unexpected(e), since(t));
            }
        }

        String leadId = null;
        String email = "smoke-test+" + UUID.randomUUID() + "@example.com";
        boolean erased = false;
        if (api == null) {
            report.skip(2, FORM_POST, "no API URL (step 1 failed)");
            report.skip(3, SIGNED_READ, "no API URL (step 1 failed)");
            report.skip(4, UNSIGNED_REFUSED, "no API URL (step 1 failed)");
            report.skip(5, ERASE, "no API URL (step 1 failed)");
        } else {
            AwsHttp.Signing signing = new AwsHttp.Signing("execute-api", signingRegion(api, settings.region()));
            leadId = postLead(api, email);
            if (leadId != null) {
                readBack(api, signing, leadId, email);
            } else {
                report.skip(3, SIGNED_READ, "no test lead (step 2 failed)");
            }
            unsignedRefused(api, leadId != null ? leadId : UUID.randomUUID().toString());
            if (leadId != null) {
                erased = erase(api, signing, leadId);
            } else {
                report.skip(5, ERASE, "no test lead (step 2 failed)");
            }
        }

        try {
            for (SesReadiness.Finding finding : ses.check(parameters)) {
                if (finding.warning()) {
                    report.warn("email (SES)", finding.text());
                } else {
                    report.info("email (SES)", finding.text());
                }
            }
        } catch (RuntimeException e) {
            report.warn("email (SES)", "could not check SES: " + AwsHttp.oneLine(e));
        }
        int exit = report.summary(since(started), "the API takes leads, the admin API answers only IAM-signed requests,"
                + " and erasure works");
        if (leadId != null && !erased) {
            report.line("The test lead " + leadId + " (" + email + ") may still be stored: erase it with "
                    + "awscurl --service execute-api --region " + signingRegion(api, settings.region()) + " -X DELETE "
                    + api + "/v1/admin/leads/" + leadId);
        }
        return exit;
    }

    /** Step 2: the test lead through the public route, as a landing page's fetch sends it. @return its id, or null */
    private String postLead(URI api, String email) {
        long t = System.nanoTime();
        String submissionId = UUID.randomUUID().toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("name", TEST_NAME);
        fields.put("submissionId", submissionId);
        fields.put("utm_source", "leadtriage-smoke-test");
        URI formUrl = URI.create(api + "/v1/forms/" + settings.formId());
        try {
            AwsHttp.Response response = http.send("POST", formUrl,
                    Map.of("Content-Type", "application/json", "Accept", "application/json"), json(fields), null);
            JsonNode body = parse(response.body());
            String code = body.path("error").path("code").asText("");
            if (response.status() == 201) {
                String leadId = body.path("leadId").asText("");
                if (!LEAD_ID.matcher(leadId).matches()) {
                    report.fail(2, FORM_POST, "201 but no lead id in the answer: " + snippet(response.body()), since(t));
                    return null;
                }
                report.pass(2, FORM_POST, "POST /v1/forms/" + settings.formId() + " → 201, lead " + leadId + " for " + email
                        + (body.path("token").asText("").isEmpty() ? "" : ", with a signed continuation token"), since(t));
                return leadId;
            }
            String reason;
            if (response.body().contains("cf-turnstile-response")) {
                reason = "the stack enforces Turnstile (TurnstileSecret is set): a post without a passed human check is"
                        + " refused (" + response.status() + " on cf-turnstile-response), as it should be, so no test lead"
                        + " could be stored and steps 3 and 5 cannot run. Run the smoke test against a stack deployed"
                        + " without TurnstileSecret (a staging stack), or post a form through your page by hand";
            } else if (response.status() == 404 && code.equals("unknown_form")) {
                reason = "the stack's model has no form '" + settings.formId() + "' (404 unknown_form): pass --form ID"
                        + " with one of your forms (one that does not make a lead hot)";
            } else if (response.status() == 404) {
                reason = "no route POST /v1/forms/{formId} at " + api + " (404): is it the leadtriage API's URL?";
            } else if (response.status() == 200) {
                reason = "answered 200 where a form post answers 201 (is the stack older than this smoke test?): "
                        + snippet(response.body());
            } else if (response.status() == 429) {
                reason = "rate limited (429): run again in " + response.header("Retry-After").orElse("a few") + " s";
            } else if (response.status() == 403 && code.isEmpty()) {
                reason = "API Gateway refused the public form post (403 " + snippet(response.body()) + "): the forms route"
                        + " must take no authorizer";
            } else if (response.status() >= 500) {
                reason = "the form function failed (" + response.status() + " " + snippet(response.body())
                        + "): see its logs with sam logs --stack-name " + settings.stackName() + " -n FormFunction";
            } else {
                reason = "answered " + response.status() + ": " + snippet(response.body());
            }
            report.fail(2, FORM_POST, "POST /v1/forms/" + settings.formId() + ": " + reason, since(t));
        } catch (SmokeFailure e) {
            report.fail(2, FORM_POST, "POST /v1/forms/" + settings.formId() + ": " + e.getMessage(), since(t));
        } catch (RuntimeException e) {
            report.fail(2, FORM_POST, unexpected(e), since(t));
        }
        return null;
    }

    /** Step 3: the lead through the signed admin API, and it is the lead just posted. */
    private void readBack(URI api, AwsHttp.Signing signing, String leadId, String email) {
        long t = System.nanoTime();
        try {
            AwsHttp.Response response = adminGet(api, leadId, signing);
            if (response.status() != 200) {
                report.fail(3, SIGNED_READ, "GET /v1/admin/leads/" + leadId + ": " + signedRefusal(response, signing, "AdminFunction"), since(t));
                return;
            }
            JsonNode lead = parse(response.body());
            if (!leadId.equals(lead.path("leadId").asText()) || !email.equalsIgnoreCase(lead.path("email").asText())) {
                report.fail(3, SIGNED_READ, "GET /v1/admin/leads/" + leadId + " → 200 but not the lead just posted", since(t));
                return;
            }
            String tier = lead.path("tier").asText("?");
            report.pass(3, SIGNED_READ, "GET /v1/admin/leads/" + leadId + " (SigV4) → 200: score "
                    + lead.path("score").asText("?") + ", tier " + tier + ", stage " + lead.path("stage").asText("?"), since(t));
            if (tier.equals("hot")) {
                report.warn("test lead", "the test lead scored hot under the stack's model, so sales may get an alert"
                        + " about " + email + ": pass --form with a form that does not qualify a lead by itself");
            }
        } catch (SmokeFailure e) {
            report.fail(3, SIGNED_READ, e.getMessage(), since(t));
        } catch (RuntimeException e) {
            report.fail(3, SIGNED_READ, unexpected(e), since(t));
        }
    }

    /** Step 4: without a signature, API Gateway answers 403 before any function runs. */
    private void unsignedRefused(URI api, String leadId) {
        long t = System.nanoTime();
        try {
            AwsHttp.Response response = adminGet(api, leadId, null);
            String message = parse(response.body()).path("message").asText("");
            String code = parse(response.body()).path("error").path("code").asText("");
            String what = "unsigned GET /v1/admin/leads/" + leadId;
            if (response.status() == 403 && code.isEmpty()) {
                report.pass(4, UNSIGNED_REFUSED, what + " → 403 " + (message.isEmpty() ? "" : message + " ")
                        + "from API Gateway: the admin routes require AWS_IAM", since(t));
            } else if (response.status() == 401 || (response.status() == 403 && !code.isEmpty())) {
                report.fail(4, UNSIGNED_REFUSED, what + " reached the admin function, which refused it itself ("
                        + response.status() + " " + code + "): the admin routes are not behind AWS_IAM (Authorizer: AWS_IAM"
                        + " in template.yaml); redeploy the template as shipped", since(t));
            } else if (response.status() >= 200 && response.status() < 300) {
                report.fail(4, UNSIGNED_REFUSED, what + " was answered " + response.status() + ": the admin API is open"
                        + " to anyone. Fix the authorizer (Authorizer: AWS_IAM) and redeploy now, or sam delete", since(t));
            } else if (response.status() == 404) {
                report.fail(4, UNSIGNED_REFUSED, what + " → 404 " + snippet(response.body())
                        + ": no admin route at " + api + "; is it the leadtriage API's URL?", since(t));
            } else {
                report.fail(4, UNSIGNED_REFUSED, what + " → " + response.status() + " " + snippet(response.body())
                        + " (expected 403 from API Gateway)", since(t));
            }
        } catch (SmokeFailure e) {
            report.fail(4, UNSIGNED_REFUSED, e.getMessage(), since(t));
        } catch (RuntimeException e) {
            report.fail(4, UNSIGNED_REFUSED, unexpected(e), since(t));
        }
    }

    /** Step 5: DELETE, then GET answers 404. @return whether the lead is gone */
    private boolean erase(URI api, AwsHttp.Signing signing, String leadId) {
        long t = System.nanoTime();
        try {
            AwsHttp.Response deleted = http.send("DELETE", adminUrl(api, leadId), Map.of("Accept", "application/json"),
                    null, signing);
            if (deleted.status() != 200) {
                report.fail(5, ERASE, "DELETE /v1/admin/leads/" + leadId + ": " + signedRefusal(deleted, signing, "AdminFunction"), since(t));
                return false;
            }
            AwsHttp.Response after = adminGet(api, leadId, signing);
            if (after.status() == 404) {
                report.pass(5, ERASE, "DELETE /v1/admin/leads/" + leadId + " (SigV4) → 200, then GET → 404: the test lead"
                        + " is gone", since(t));
                return true;
            }
            report.fail(5, ERASE, "DELETE answered 200, but a GET afterwards answered " + after.status()
                    + (after.status() == 200 ? ": the lead is still readable" : " " + snippet(after.body())), since(t));
            return false;
        } catch (SmokeFailure e) {
            report.fail(5, ERASE, e.getMessage(), since(t));
            return false;
        } catch (RuntimeException e) {
            report.fail(5, ERASE, unexpected(e), since(t));
            return false;
        }
    }

    private AwsHttp.Response adminGet(URI api, String leadId, AwsHttp.Signing signing) throws SmokeFailure {
        return http.send("GET", adminUrl(api, leadId), Map.of("Accept", "application/json"), null, signing);
    }

    private static URI adminUrl(URI api, String leadId) {
        return URI.create(api + "/v1/admin/leads/" + leadId);
    }

    /** Why a signed admin request did not get its 2xx, said as what to do. */
    private String signedRefusal(AwsHttp.Response response, AwsHttp.Signing signing, String function) {
        JsonNode body = parse(response.body());
        String message = body.path("message").asText(body.path("Message").asText(""));
        String code = body.path("error").path("code").asText("");
        int status = response.status();
        if (status == 403 && message.contains("not authorized to perform")) {
            return "403: your IAM identity may not call the admin API; allow execute-api:Invoke on"
                    + " arn:aws:execute-api:" + signing.region() + ":<account>:<api id>/*/*/v1/admin/*";
        }
        if (status == 403 && message.contains("signature we calculated does not match")) {
            return "403: API Gateway refused the signature (signed for " + signing.region() + "): pass the API's --region";
        }
        if (status == 403 && (message.contains("Credential should be scoped") || message.contains("scoped to a valid region"))) {
            return "403: " + message + " (signed for " + signing.region() + "): pass the API's --region";
        }
        if (status == 403 && (message.contains("security token") || message.toLowerCase(Locale.ROOT).contains("expired"))) {
            return "403: " + message + ": refresh your credentials (aws sso login, or new keys)";
        }
        if (status == 401 && code.equals("unauthorized")) {
            return "401: the request reached the admin function without an IAM identity: the route is not behind AWS_IAM";
        }
        if (status == 404 && code.equals("not_found")) {
            return "404: no such lead";
        }
        if (status == 404) {
            return "404 " + snippet(response.body()) + ": no admin route there; is it the leadtriage API's URL?";
        }
        if (status >= 500) {
            return status + " " + snippet(response.body()) + ": the admin function failed; see its logs with sam logs"
                    + " --stack-name " + settings.stackName() + " -n " + function;
        }
        return status + " " + snippet(response.body());
    }

    /** A check that broke on something the smoke test did not foresee: still one line, naming what broke. */
    private static String unexpected(RuntimeException e) {
        return "the smoke test itself failed (" + e.getClass().getSimpleName() + ": " + AwsHttp.oneLine(e)
                + "); the other checks still ran";
    }

    /** The region to sign for: the one in an execute-api host name, else the stack's. */
    static String signingRegion(URI api, String region) {
        Matcher host = EXECUTE_API_HOST.matcher(api.getHost() == null ? "" : api.getHost());
        return host.matches() ? host.group(1) : region;
    }

    private static byte[] json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON of an answer, or an empty object when it is not JSON. */
    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The start of an answer's body, on one line, for a failure's reason. */
    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
