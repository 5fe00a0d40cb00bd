package io.leadtriage.local;

import io.leadtriage.local.LocalClients;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.OutgoingEmail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, reading, clearing and stopping the emulator process, and the errors when it cannot run. */
class SesEmulatorTest {
    private static final Path LAUNCHER = Path.of(
            System.getProperty("leadtriage.sesEmulator", "../test-support/node_modules/.bin/aws-ses-v2-local"));

    @Test
    void storesWhatWasSentUntilClearedAndLeavesNoProcessBehind() {
        long pid;
        try (SesEmulator emulator = new SesEmulator(LAUNCHER);
             SesV2Client client = SesV2EmailSender.clientBuilder(Region.EU_CENTRAL_1).endpointOverride(emulator.endpoint())
                     .credentialsProvider(LocalClients.CREDENTIALS).build()) {
            pid = emulator.pid();
            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(emulator.sentEmails()).isEmpty();

            String messageId = new SesV2EmailSender(client, null).send(new OutgoingEmail(EmailKind.SALES_ALERT,
                    "alerts@leadtriage.test", List.of("rep@leadtriage.test"), null, "Hot lead", "<b>hot</b>", null,
                    Map.of("X-Leadtriage-Episode", "7")));

            assertThat(emulator.sentEmails()).singleElement().satisfies(email -> {
                assertThat(email.messageId()).isEqualTo(messageId);
                assertThat(email.html()).isEqualTo("<b>hot</b>");
                assertThat(email.text()).isNull();
                assertThat(email.replyTo()).isEmpty();
                assertThat(email.header("X-Leadtriage-Episode")).hasValue("7");
                assertThat(email.sentAt()).isNotNull();
            });
            emulator.clear();
            assertThat(emulator.sentEmails()).isEmpty();
        }

        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        assertThat(process.map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void saysSoWhenNodeIsMissing() {
        assertThatThrownBy(() -> new SesEmulator(LAUNCHER, "no-such-node-for-leadtriage"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Node.js")
                .hasMessageContaining("no-such-node-for-leadtriage");
    }

    @Test
    void saysSoWhenThePackageIsNotInstalled(@TempDir Path empty) {
        assertThatThrownBy(() -> new SesEmulator(empty.resolve("aws-ses-v2-local")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("npm ci");
    }

    @Test
    void reportsTheOutputOfAnEmulatorThatDiesWhileStarting(@TempDir Path dir) throws IOException {
        Path crashing = Files.writeString(dir.resolve("crash.js"),
                "console.log('listen EADDRINUSE: address already in use'); process.exit(3);\n");

        assertThatThrownBy(() -> new SesEmulator(crashing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("EADDRINUSE");
    }
}
