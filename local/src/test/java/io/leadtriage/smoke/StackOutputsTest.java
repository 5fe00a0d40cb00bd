package io.leadtriage.smoke;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DescribeStacks through CloudFormation's Query API: the request, the XML answer, the errors. */
class StackOutputsTest {
    static final AwsSessionCredentials CALLER = SmokeRunTest.CALLER;

    static AwsHttp.Response answer(int status, String body) {
        return new AwsHttp.Response(status, Map.of("Content-Type", List.of("text/xml")), body);
    }

    @Test
    void theOutputsParametersAndStatusAreReadFromADescribeStacksAnswer() throws Exception {
        String xml = CloudFormationStandIn.describeStacks("leadtriage", "UPDATE_COMPLETE",
                "https://abc123def4.execute-api.eu-west-1.amazonaws.com");

        StackOutputs.Stack stack = StackOutputs.parse(xml, "leadtriage");

        assertThat(stack.name()).isEqualTo("leadtriage");
        assertThat(stack.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(stack.usable()).isTrue();
        assertThat(stack.outputs()).containsExactly(
                Map.entry("LeadsTableName", "leadtriage-LeadsTable-1A2B3C4D5E6F"),
                Map.entry("ApiUrl", "https://abc123def4.execute-api.eu-west-1.amazonaws.com"));
        assertThat(stack.parameters()).containsEntry("SenderAddress", "leads@example.com")
                .containsEntry("SesMaxSendRate", "14").containsEntry("TurnstileSecret", "****");
        assertThat(stack.statusReason()).isNull();
    }

    @Test
    void aStackWithoutOutputsOrParametersReadsAsEmptyOnes() throws Exception {
        String xml = """
                <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
                  <DescribeStacksResult><Stacks><member>
                    <StackName>half-made</StackName>
                    <StackStatus>UPDATE_ROLLBACK_FAILED</StackStatus>
                    <StackStatusReason>The following resource(s) failed to update: [HttpApi].</StackStatusReason>
                  </member></Stacks></DescribeStacksResult>
                </DescribeStacksResponse>
                """;

        StackOutputs.Stack stack = StackOutputs.parse(xml, "half-made");

        assertThat(stack.outputs()).isEmpty();
        assertThat(stack.parameters()).isEmpty();
        assertThat(stack.usable()).isFalse();
        assertThat(stack.statusReason()).contains("[HttpApi]");
    }

    @Test
    void stackStatesThatServeRequestsAreUsable() {
        for (String status : List.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE")) {
            assertThat(new StackOutputs.Stack("s", status, null, Map.of(), Map.of()).usable()).as(status).isTrue();
        }
        for (String status : List.of("CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_IN_PROGRESS",
                "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_ROLLBACK_FAILED", "REVIEW_IN_PROGRESS")) {
            assertThat(new StackOutputs.Stack("s", status, null, Map.of(), Map.of()).usable()).as(status).isFalse();
        }
    }

    @Test
    void anUnknownStackIsNotFoundNamingTheRegion() {
        SmokeFailure failure = StackOutputs.failure(answer(400, CloudFormationStandIn.error("Sender", "ValidationError",
                "Stack with id leadtriage does not exist")), "leadtriage", "us-east-1");

        assertThat(failure).isInstanceOf(StackOutputs.NotFound.class)
                .hasMessage("no stack named 'leadtriage' in us-east-1 (Stack with id leadtriage does not exist)");
    }

    @Test
    void credentialAndPermissionErrorsSayWhatToDo() {
        assertThat(StackOutputs.failure(answer(403, CloudFormationStandIn.error("Sender", "ExpiredToken",
                "The security token included in the request is expired")), "leadtriage", "eu-west-1"))
                .hasMessageContaining("session has expired").hasMessageContaining("aws sso login");
        assertThat(StackOutputs.failure(answer(403, CloudFormationStandIn.error("Sender", "AccessDenied",
                "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks")),
                "leadtriage", "eu-west-1"))
                .hasMessageContaining("allow cloudformation:DescribeStacks").hasMessageContaining("--api-url");
        assertThat(StackOutputs.failure(answer(403, CloudFormationStandIn.error("Sender", "InvalidClientTokenId",
                "The security token included in the request is invalid.")), "leadtriage", "eu-west-1"))
                .hasMessageContaining("AWS refused your credentials (InvalidClientTokenId)");
        assertThat(StackOutputs.failure(answer(502, "<html>Bad Gateway</html>"), "leadtriage", "eu-west-1"))
                .hasMessage("DescribeStacks answered 502");
    }

    @Test
    void xmlWithADoctypeIsRefusedNotExpanded() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>&e;</StackName>"
                + "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>";

        assertThatThrownBy(() -> StackOutputs.parse(xml, "x")).isInstanceOf(SmokeFailure.class)
                .hasMessageStartingWith("CloudFormation's answer is not the XML expected");
    }

    @Test
    void theRequestIsASignedDescribeStacksQuery() throws Exception {
        try (CloudFormationStandIn cloudFormation = new CloudFormationStandIn(CALLER, "eu-west-1", "leadtriage",
                "CREATE_COMPLETE", "https://abc123def4.execute-api.eu-west-1.amazonaws.com")) {
            AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(CALLER), Duration.ofSeconds(10));

            StackOutputs.Stack stack = new StackOutputs(http, cloudFormation.endpoint(), "eu-west-1").describe("leadtriage");

            assertThat(stack.outputs()).containsEntry("ApiUrl", "https://abc123def4.execute-api.eu-west-1.amazonaws.com");
            assertThat(cloudFormation.received()).singleElement().satisfies(r -> {
                assertThat(r.refusal()).as("the signature holds, recomputed with the caller's secret").isEmpty();
                assertThat(r.form()).containsExactlyInAnyOrderEntriesOf(Map.of("Action", "DescribeStacks",
                        "StackName", "leadtriage", "Version", "2010-05-15"));
                assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
            });
        }
    }

    @Test
    void aSignatureFromAnotherSecretIsRefusedByTheService() throws Exception {
        try (CloudFormationStandIn cloudFormation = new CloudFormationStandIn(CALLER, "eu-west-1", "leadtriage",
                "CREATE_COMPLETE", "https://x.example")) {
            AwsHttp http = new AwsHttp(StaticCredentialsProvider.create(AwsSessionCredentials.create(CALLER.accessKeyId(),
                    "anotherSecretKey/abcdefghijklmnopqrstuvwxyz0123", CALLER.sessionToken())), Duration.ofSeconds(10));

            assertThatThrownBy(() -> new StackOutputs(http, cloudFormation.endpoint(), "eu-west-1").describe("leadtriage"))
                    .isInstanceOf(SmokeFailure.class).hasMessageContaining("AWS refused your credentials (SignatureDoesNotMatch)");
        }
    }

    @Test
    void theEndpointIsTheRegionsOrTheOneConfiguredForTheSdk() {
        assertThat(StackOutputs.endpointFor("eu-west-1", Map.of()))
                .isEqualTo(URI.create("https://cloudformation.eu-west-1.amazonaws.com/"));
        assertThat(StackOutputs.endpointFor("cn-north-1", Map.of()))
                .isEqualTo(URI.create("https://cloudformation.cn-north-1.amazonaws.com.cn/"));
        assertThat(StackOutputs.endpointFor("eu-west-1", Map.of("AWS_ENDPOINT_URL", "http://localhost:4566")))
                .isEqualTo(URI.create("http://localhost:4566/"));
        assertThat(StackOutputs.endpointFor("eu-west-1", Map.of("AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_CLOUDFORMATION", "http://localhost:9000/")))
                .isEqualTo(URI.create("http://localhost:9000/"));
    }
}
