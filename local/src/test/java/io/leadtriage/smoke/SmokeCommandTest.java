package io.leadtriage.smoke;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line, samconfig.toml, the one-line refusals to start, and the script and doc around them. */
class SmokeCommandTest {
    static final Path REPO = Path.of("..");

    record Result(int exit, String out, String err) {
    }

    static Result command(Path samconfig, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SmokeTest.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), samconfig);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void flagsAreReadInBothSpellings() throws Exception {
        SmokeArguments a = SmokeArguments.parse("--stack", "leadtriage-staging", "--region=eu-central-1", "--profile",
                "ops", "--api-url", "https://leads-api.example.com/", "--form=demo");

        assertThat(a).isEqualTo(new SmokeArguments("leadtriage-staging", "eu-central-1", "ops",
                URI.create("https://leads-api.example.com"), "demo", false));
        assertThat(SmokeArguments.parse()).isEqualTo(new SmokeArguments(null, null, null, null, "get-started", false));
        assertThat(SmokeArguments.parse("-h").help()).isTrue();
    }

    @Test
    void aCommandLineItCannotRunWithIsOneLineAndExitCode2() {
        assertThatThrownBy(() -> SmokeArguments.parse("--region")).hasMessage("--region needs a value");
        assertThatThrownBy(() -> SmokeArguments.parse("--region", "Ireland")).hasMessageContaining("is not a region name");
        assertThatThrownBy(() -> SmokeArguments.parse("--api-url", "abc123.execute-api.eu-west-1.amazonaws.com"))
                .hasMessageContaining("is not an http(s) base URL");
        assertThatThrownBy(() -> SmokeArguments.parse("--stack", "my stack")).hasMessageContaining("is not a stack name");
        assertThatThrownBy(() -> SmokeArguments.parse("leadtriage")).hasMessage("unexpected argument 'leadtriage'");

        Result result = command(REPO.resolve("samconfig.toml"), "--stak", "leadtriage");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("smoke-test: unknown option --stak. Run ./smoke-test --help for the options."
                + System.lineSeparator());
    }

    @Test
    void helpPrintsTheUsage() {
        Result result = command(REPO.resolve("samconfig.toml"), "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Usage: ./smoke-test [--stack NAME] [--region REGION] [--profile NAME]")
                .contains("--api-url URL", "Exit code: 0 when every check passed");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theStackNameAndRegionComeFromTheRepositorysSamconfig() {
        assertThat(SamConfig.read(REPO.resolve("samconfig.toml"))).isEqualTo(new SamConfig("leadtriage", "eu-west-1"));
    }

    @Test
    void samconfigDeploySettingsWinOverGlobalOnesAndOtherEnvironmentsAreIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samconfig.toml");
        Files.writeString(file, """
                version = 0.1
                [default.global.parameters]
                stack_name = "leads"
                region = "us-east-1"
                [default.deploy.parameters]
                region = "eu-north-1"   # where we deploy
                parameter_overrides = ["A=b"]
                [prod.deploy.parameters]
                stack_name = "leads-prod"
                region = "ap-southeast-2"
                """);

        assertThat(SamConfig.read(file)).isEqualTo(new SamConfig("leads", "eu-north-1"));
        assertThat(SamConfig.read(dir.resolve("absent.toml"))).isEqualTo(SamConfig.NONE);
    }

    @Test
    void missingCredentialsAreOneLineSayingWhatToDo() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain"
                    + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...]) : [...]");
        };
        AwsCredentialsProvider expiredSso = () -> {
            throw SdkClientException.create("The SSO session associated with this profile has expired or is otherwise"
                    + " invalid. To refresh this SSO session run aws sso login with the corresponding profile.");
        };

        assertThat(SmokeTest.credentialsProblem(none))
                .isEqualTo("no AWS credentials found (environment, profile, SSO, container or instance role)");
        assertThat(SmokeTest.credentialsProblem(expiredSso)).isEqualTo("the AWS credentials could not be loaded: The SSO"
                + " session associated with this profile has expired or is otherwise invalid.");
    }

    @Test
    void theSigningRegionIsTheApisOwnWhenItsHostNamesOne() {
        assertThat(SmokeTest.signingRegion(URI.create("https://abc123def4.execute-api.eu-west-1.amazonaws.com"), "us-east-1"))
                .isEqualTo("eu-west-1");
        assertThat(SmokeTest.signingRegion(URI.create("https://leads-api.example.com"), "eu-central-1"))
                .isEqualTo("eu-central-1");
    }

    @Test
    void theScriptRunsThisMainAndTheDeployDocShowsTheCommand() throws Exception {
        Path script = REPO.resolve("smoke-test");
        assertThat(Files.isExecutable(script)).as("./smoke-test is executable").isTrue();
        assertThat(Files.readString(script)).contains("io.leadtriage.smoke.SmokeTest").contains("local/run-main");
        assertThat(Files.readString(REPO.resolve("local/run-main"))).contains("dependency:build-classpath");
        String doc = Files.readString(REPO.resolve("docs/deploy.md"));
        assertThat(doc).contains("./smoke-test --stack leadtriage --region eu-west-1").contains("sam delete")
                .contains("PASS  1/5  stack outputs");
    }
}
