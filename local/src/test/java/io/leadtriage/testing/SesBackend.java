package io.leadtriage.testing;

import io.leadtriage.local.LocalClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.local.SesEmulator;
import io.leadtriage.local.StoredEmail;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.localstack.LocalStackContainer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SES v2 stand-in the tests send to, and what it accepted, for the {@link Backend} in use:
 * <ul>
 *   <li>EMBEDDED: one {@link SesEmulator} for the whole test run, started on first use; its own shutdown
 *   hook ends it.</li>
 *   <li>LOCALSTACK: the shared {@link LocalStack} container, read back through its {@code GET /_aws/ses}.
 *   Skipped where Docker is absent, and where the image lacks SES v2 (LocalStack's docs list it for
 *   the Pro image only).</li>
 * </ul>
 * Call {@link #shared()} from a test or {@code @BeforeEach}, so that a skip is reported for each test.
 */
public abstract sealed class SesBackend permits SesBackend.Emulated, SesBackend.OnLocalStack {
    private static SesBackend shared;

    private SesBackend() {
    }

    public static synchronized SesBackend shared() {
        if (shared == null) {
            shared = switch (Backend.current()) {
                case EMBEDDED -> new Emulated(new SesEmulator(Path.of(
                        System.getProperty("leadtriage.sesEmulator", "../test-support/node_modules/.bin/aws-ses-v2-local"))));
                case LOCALSTACK -> new OnLocalStack(LocalStack.require());
            };
        }
        return shared;
    }

    /** A client of this backend, built by the production factory. */
    public abstract SesV2Client client();

    /** Where the client sends. */
    public abstract URI endpoint();

    /** Lets {@code address} send: LocalStack, like SES, refuses unverified senders; the emulator takes any. */
    public abstract void allowSender(String address);

    /** Every email accepted since the start or the last {@link #clear()}. */
    public abstract List<StoredEmail> sentEmails();

    public abstract void clear();

    /**
     * Whether read-back shows Reply-To and the extra headers: the emulator keeps them; LocalStack's
     * {@code /_aws/ses} records only sender, recipients, subject and bodies.
     */
    public abstract boolean recordsHeadersAndReplyTo();

    /** The accepted email with this message id. */
    public StoredEmail sentEmail(String messageId) {
        return sentEmails().stream()
                .filter(email -> email.messageId().equals(messageId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no email with message id " + messageId + " was stored"));
    }

    static final class Emulated extends SesBackend {
        private final SesEmulator emulator;
        private final SesV2Client client;

        Emulated(SesEmulator emulator) {
            this.emulator = emulator;
            this.client = LocalClients.ses(emulator.endpoint());
        }

        @Override
        public SesV2Client client() {
            return client;
        }

        @Override
        public URI endpoint() {
            return emulator.endpoint();
        }

        @Override
        public void allowSender(String address) {
            // The emulator checks no identities.
        }

        @Override
        public List<StoredEmail> sentEmails() {
            return emulator.sentEmails();
        }

        @Override
        public void clear() {
            emulator.clear();
        }

        @Override
        public boolean recordsHeadersAndReplyTo() {
            return true;
        }
    }

    static final class OnLocalStack extends SesBackend {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final URI endpoint;
        private final SesV2Client client;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Set<String> allowedSenders = ConcurrentHashMap.newKeySet();

        OnLocalStack(LocalStackContainer container) {
            this.endpoint = container.getEndpoint();
            this.client = SesV2EmailSender.clientBuilder(Region.of(container.getRegion())).endpointOverride(endpoint)
                    .credentialsProvider(LocalClients.CREDENTIALS).build();
        }

        @Override
        public SesV2Client client() {
            return client;
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }

        @Override
        public void allowSender(String address) {
            if (!allowedSenders.add(address)) {
                return;
            }
            try {
                // LocalStack verifies identities at once; SES would mail a confirmation link.
                client.createEmailIdentity(request -> request.emailIdentity(address));
            } catch (AlreadyExistsException alreadyVerified) {
                // Fine: verified by an earlier test class.
            } catch (SesV2Exception e) {
                allowedSenders.remove(address);
                // 501 is LocalStack's answer for an API its image does not emulate.
                Assumptions.assumeTrue(e.statusCode() != 501, "This LocalStack image does not emulate SES v2"
                        + " (its docs list SES v2 for the Pro image only): the SES tests are skipped.");
                throw e;
            }
        }

        @Override
        public List<StoredEmail> sentEmails() {
            JsonNode answer = json(request("/_aws/ses").GET());
            List<StoredEmail> emails = new ArrayList<>();
            answer.path("messages").forEach(message -> emails.add(storedEmail(message)));
            return List.copyOf(emails);
        }

        @Override
        public StoredEmail sentEmail(String messageId) {
            JsonNode answer = json(request("/_aws/ses?id=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8)).GET());
            JsonNode messages = answer.path("messages");
            if (messages.isEmpty()) {
                throw new AssertionError("no email with message id " + messageId + " was stored");
            }
            return storedEmail(messages.get(0));
        }

        @Override
        public void clear() {
            send(request("/_aws/ses").DELETE());
        }

        @Override
        public boolean recordsHeadersAndReplyTo() {
            return false;
        }

        /**
         * One of {@code /_aws/ses}'s {@code messages}: {@code Id, Region, Source, Destination{ToAddresses,
         * CcAddresses, BccAddresses}, Subject, Body{text_part, html_part}, Timestamp}.
         */
        private static StoredEmail storedEmail(JsonNode message) {
            JsonNode destination = message.path("Destination");
            JsonNode body = message.path("Body");
            return new StoredEmail(
                    message.path("Id").asText(),
                    message.path("Source").asText(),
                    strings(destination.path("ToAddresses")),
                    strings(destination.path("CcAddresses")),
                    strings(destination.path("BccAddresses")),
                    List.of(),
                    message.path("Subject").asText(),
                    body.path("html_part").isTextual() ? body.path("html_part").asText() : null,
                    body.path("text_part").isTextual() ? body.path("text_part").asText() : null,
                    List.of(),
                    instant(message.path("Timestamp").asText(null)));
        }

        private static List<String> strings(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(value -> values.add(value.asText()));
            return values;
        }

        /** LocalStack writes its timestamps with or without a zone; those without are UTC. */
        private static Instant instant(String timestamp) {
            if (timestamp == null) {
                return null;
            }
            try {
                return Instant.parse(timestamp);
            } catch (DateTimeParseException withoutZone) {
                try {
                    return LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unknownFormat) {
                    return null;
                }
            }
        }

        private HttpRequest.Builder request(String pathAndQuery) {
            return HttpRequest.newBuilder(endpoint.resolve(pathAndQuery));
        }

        private JsonNode json(HttpRequest.Builder request) {
            try {
                return JSON.readTree(send(request));
            } catch (IOException e) {
                throw new UncheckedIOException("LocalStack's /_aws/ses answered with unexpected JSON", e);
            }
        }

        private String send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("LocalStack's /_aws/ses answered HTTP " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException("LocalStack did not answer on " + endpoint, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading LocalStack's /_aws/ses", e);
            }
        }
    }
}
