package io.leadtriage.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.local.LocalRunner;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke test's five checks against a stand-in of the deployed API ({@link DeployedApiStandIn}: SigV4
 * verified as API Gateway verifies it, in front of the real local run), as it passes and as it fails: an admin
 * API without the IAM authorizer, a signature the API cannot verify, a stack that enforces Turnstile, an
 * unknown stack, an API that cannot be reached.
 */
class SmokeRunTest {
    static final AwsSessionCredentials CALLER = AwsSessionCredentials.create("ASIASMOKETESTEXAMPLE",
            "smokeTestSecretKey/0123456789abcdefghijklmnopqrstu", "smoke-test-session-token-IQoJb3JpZ2luX2VjEExample");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LEAD_ID = Pattern.compile("→ 201, lead (\\S+) for ");
    static LocalRunner runner;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    /** What a run printed and returned. */
    record Run(int exit, List<String> lines, String output) {
        String line(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + output));
        }

        String leadId() {
            Matcher m = LEAD_ID.matcher(output);
            assertThat(m.find()).as(output).isTrue();
            return m.group(1);
        }
    }

    static SmokeTest.Settings settings(URI apiUrl) {
        return new SmokeTest.Settings("leadtriage", DeployedApiStandIn.REGION, "--region", apiUrl, "get-started",
                DeployedApiStandIn.REGION);
    }

    static Run run(SmokeTest.Settings settings, AwsSessionCredentials credentials, StackOutputs.Reader stacks,
                   SesReadiness ses) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(credentials), Duration.ofSeconds(20));
        int exit = new SmokeTest(settings, http, stacks, ses, out).run();
        String output = bytes.toString(StandardCharsets.UTF_8);
        return new Run(exit, output.lines().toList(), output);
    }

    static final StackOutputs.Reader NO_STACK_READS = name -> {
        throw new AssertionError("--api-url was given: DescribeStacks must not be called");
    };
    static final SesReadiness SANDBOX = parameters -> List.of(SesReadiness.Finding.warn(
            "SES in eu-west-1 is in the sandbox (200 emails a day, 1 a second, to verified addresses only)"));

    @Test
    void everyCheckPassesAgainstAnApiThatEnforcesIam() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED)) {
            Run run = run(settings(api.url()), CALLER, NO_STACK_READS, SANDBOX);

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.line("PASS  1/5  stack outputs")).contains("--api-url");
            assertThat(run.line("PASS  2/5  public form post")).contains("POST /v1/forms/get-started → 201")
                    .containsPattern("smoke-test\\+[0-9a-f-]{36}@example\\.com").contains("signed continuation token");
            assertThat(run.line("PASS  3/5  signed admin read")).contains("(SigV4) → 200: score 0, tier cold");
            assertThat(run.line("PASS  4/5  unsigned admin refused")).contains("→ 403 Forbidden from API Gateway");
            assertThat(run.line("PASS  5/5  erase")).contains("→ 200, then GET → 404");
            assertThat(run.line("WARN")).contains("sandbox");
            assertThat(run.lines().get(run.lines().size() - 1)).startsWith("PASS  all 5 checks passed in ").contains("1 warning");

            String leadId = run.leadId();
            assertThat(runner.services().storage().queries().findById(leadId)).as("erased").isEmpty();
            assertThat(api.seen()).containsExactly(
                    new DeployedApiStandIn.Seen("POST", "/v1/forms/get-started", false, 201),
                    new DeployedApiStandIn.Seen("GET", "/v1/admin/leads/" + leadId, true, 200),
                    new DeployedApiStandIn.Seen("GET", "/v1/admin/leads/" + leadId, false, 403),
                    new DeployedApiStandIn.Seen("DELETE", "/v1/admin/leads/" + leadId, true, 200),
                    new DeployedApiStandIn.Seen("GET", "/v1/admin/leads/" + leadId, true, 404));
            assertThat(run.output()).doesNotContain(CALLER.secretAccessKey()).doesNotContain(CALLER.sessionToken())
                    .doesNotContain(CALLER.accessKeyId()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theTestLeadIsColdWithoutConsentSoNoAlertAndNoNurtureAreLaunched() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED)) {
            Run run = run(settings(api.url()), CALLER, NO_STACK_READS, parameters -> List.of());

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).doesNotContain("WARN");
            JsonNode stored = JSON.readTree(api.adminAnswers().get(0));
            assertThat(stored.path("leadId").asText()).isEqualTo(run.leadId());
            assertThat(stored.path("email").asText()).matches("smoke-test\\+[0-9a-f-]{36}@example\\.com");
            assertThat(stored.path("name").asText()).isEqualTo(SmokeTest.TEST_NAME);
            assertThat(stored.path("tier").asText()).isEqualTo("cold");
            assertThat(stored.path("consent").isNull()).as("no consent given").isTrue();
            assertThat(stored.path("nurture").isNull()).as("no nurture sequence").isTrue();
            assertThat(stored.path("emails")).as("no email sent").isEmpty();
            assertThat(runner.mail().caught()).as("no alert or other email about the test lead")
                    .noneMatch(c -> String.valueOf(c.email()).contains("smoke-test+"));
        }
    }

    @Test
    void theStacksOutputsLeadToTheApiAndItsParametersToTheSesChecks() throws Exception {
        List<Map<String, String>> sesParameters = new ArrayList<>();
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED);
             CloudFormationStandIn cloudFormation = new CloudFormationStandIn(CALLER, DeployedApiStandIn.REGION,
                     "leadtriage", "UPDATE_COMPLETE", api.url().toString())) {
            AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(CALLER), Duration.ofSeconds(20));
            StackOutputs stacks = new StackOutputs(http, cloudFormation.endpoint(), DeployedApiStandIn.REGION);

            Run run = run(settings(null), CALLER, stacks.reader(), parameters -> {
                sesParameters.add(parameters);
                return List.of(SesReadiness.Finding.info("SES in eu-west-1: production access, 50,000 emails a day, 14 a second"));
            });

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.lines().get(0)).isEqualTo("leadtriage smoke test: stack leadtriage in eu-west-1 (region from --region)");
            assertThat(run.line("PASS  1/5  stack outputs")).contains("leadtriage is UPDATE_COMPLETE; ApiUrl " + api.url());
            assertThat(run.line("INFO")).contains("production access");
            assertThat(cloudFormation.received()).singleElement().satisfies(r -> {
                assertThat(r.refusal()).as("signature").isEmpty();
                assertThat(r.form()).containsEntry("Action", "DescribeStacks").containsEntry("StackName", "leadtriage");
            });
            assertThat(sesParameters).singleElement().satisfies(p ->
                    assertThat(p).containsEntry("SenderAddress", "leads@example.com").containsEntry("SesMaxSendRate", "14"));
        }
    }

    @Test
    void anAdminApiWithoutTheIamAuthorizerFailsTheUnsignedCheck() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.NO_AUTHORIZER)) {
            Run run = run(settings(api.url()), CALLER, NO_STACK_READS, parameters -> List.of());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("PASS  2/5")).contains("201");
            assertThat(run.line("FAIL  3/5  signed admin read")).contains("401", "without an IAM identity", "not behind AWS_IAM");
            assertThat(run.line("FAIL  4/5  unsigned admin refused")).contains("reached the admin function",
                    "not behind AWS_IAM");
            assertThat(run.line("FAIL  5/5  erase")).contains("401");
            String leadId = run.leadId();
            assertThat(run.line("The test lead " + leadId)).contains("awscurl --service execute-api --region eu-west-1 -X DELETE "
                    + api.url() + "/v1/admin/leads/" + leadId);
            assertThat(run.lines().get(run.lines().size() - 2)).startsWith("FAIL  2 of 5 checks passed, 3 failed in ");
            runner.services().eraseLead().erase(leadId);
        }
    }

    @Test
    void aSignatureTheApiCannotVerifyFailsTheSignedChecksAndTheLeadLeftIsReported() throws Exception {
        AwsSessionCredentials wrongSecret = AwsSessionCredentials.create(CALLER.accessKeyId(),
                "notTheCallersSecretKey/0123456789abcdefghijklmn", CALLER.sessionToken());
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED)) {
            Run run = run(settings(api.url()), wrongSecret, NO_STACK_READS, parameters -> List.of());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("FAIL  3/5  signed admin read")).contains("403: API Gateway refused the signature");
            assertThat(run.line("PASS  4/5  unsigned admin refused")).contains("403 Forbidden");
            assertThat(run.line("FAIL  5/5  erase")).contains("403");
            String leadId = run.leadId();
            assertThat(run.line("The test lead " + leadId)).contains("may still be stored");
            assertThat(runner.services().storage().queries().findById(leadId)).isPresent();
            assertThat(run.output()).doesNotContain(wrongSecret.secretAccessKey()).doesNotContain(CALLER.sessionToken());
            runner.services().eraseLead().erase(leadId);
        }
    }

    @Test
    void aSignatureForAnotherRegionIsRefusedAndTheRegionIsNamed() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED)) {
            SmokeTest.Settings usEast = new SmokeTest.Settings("leadtriage", "us-east-1", "AWS_REGION", api.url(),
                    "get-started", "eu-west-1");
            Run run = run(usEast, CALLER, NO_STACK_READS, parameters -> List.of());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("FAIL  3/5")).contains("Credential should be scoped to a valid region", "signed for us-east-1",
                    "--region");
            runner.services().eraseLead().erase(run.leadId());
        }
    }

    @Test
    void aStackThatEnforcesTurnstileFailsTheFormPostAndSaysWhy() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.TURNSTILE)) {
            Run run = run(settings(api.url()), CALLER, NO_STACK_READS, parameters -> List.of());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("FAIL  2/5  public form post")).contains("the stack enforces Turnstile (TurnstileSecret is set)",
                    "400 on cf-turnstile-response", "no test lead could be stored");
            assertThat(run.line("SKIP  3/5")).contains("no test lead (step 2 failed)");
            assertThat(run.line("PASS  4/5  unsigned admin refused")).contains("403");
            assertThat(run.line("SKIP  5/5")).contains("no test lead");
            assertThat(run.lines().get(run.lines().size() - 1)).startsWith("FAIL  2 of 5 checks passed, 1 failed, 2 skipped");
        }
    }

    @Test
    void anUnknownStackFailsTheFirstCheckWithWhereToLookAndSkipsTheRest() throws Exception {
        try (CloudFormationStandIn cloudFormation = new CloudFormationStandIn(CALLER, "us-east-1", "leadtriage",
                "CREATE_COMPLETE", "https://unused.example")) {
            AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(CALLER), Duration.ofSeconds(20));
            StackOutputs stacks = new StackOutputs(http, cloudFormation.endpoint(), "us-east-1");
            SmokeTest.Settings settings = new SmokeTest.Settings("leadtriage-prod", "us-east-1", "profile default", null,
                    "get-started", "eu-west-1");

            Run run = run(settings, CALLER, stacks.reader(), parameters -> List.of());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.line("FAIL  1/5  stack outputs")).contains("no stack named 'leadtriage-prod' in us-east-1",
                    "Stack with id leadtriage-prod does not exist", "samconfig.toml deploys to eu-west-1, try --region eu-west-1");
            for (int step = 2; step <= 5; step++) {
                assertThat(run.line("SKIP  " + step + "/5")).contains("no API URL (step 1 failed)");
            }
            assertThat(run.output()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void aStackThatFailedToDeployFailsTheFirstCheck() throws Exception {
        try (CloudFormationStandIn cloudFormation = new CloudFormationStandIn(CALLER, "eu-west-1", "leadtriage",
                "ROLLBACK_COMPLETE", "https://abc123.execute-api.eu-west-1.amazonaws.com")) {
            AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(CALLER), Duration.ofSeconds(20));
            Run run = run(settings(null), CALLER, new StackOutputs(http, cloudFormation.endpoint(), "eu-west-1").reader(),
                    parameters -> List.of());

            assertThat(run.line("FAIL  1/5  stack outputs")).contains("is ROLLBACK_COMPLETE", "fix the deployment first");
            assertThat(run.exit()).isEqualTo(1);
        }
    }

    @Test
    void anApiThatCannotBeReachedIsAOneLineFailurePerCheck() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = run(settings(URI.create("http://127.0.0.1:" + closedPort)), CALLER, NO_STACK_READS,
                parameters -> List.of());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("FAIL  2/5")).contains("cannot connect to 127.0.0.1:" + closedPort, "check the URL and your network");
        assertThat(run.line("FAIL  4/5")).contains("cannot connect");
        assertThat(run.output()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void sesFindingsNeverFailTheRunEvenWhenTheCheckItselfBreaks() throws Exception {
        try (DeployedApiStandIn api = new DeployedApiStandIn(runner, CALLER, DeployedApiStandIn.Mode.IAM_ENFORCED)) {
            Run run = run(settings(api.url()), CALLER, NO_STACK_READS, parameters -> {
                throw new IllegalStateException("SES is unreachable");
            });

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.line("WARN")).contains("could not check SES: SES is unreachable");
        }
    }
}
