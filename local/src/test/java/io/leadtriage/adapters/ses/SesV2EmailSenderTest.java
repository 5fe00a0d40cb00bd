package io.leadtriage.adapters.ses;

import io.leadtriage.local.LocalClients;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.local.StoredEmail;
import io.leadtriage.testing.SesBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SES adapter against a real SES v2 stand-in (the emulator, or LocalStack with -Plocalstack): what
 * arrives is read back and compared field by field.
 */
class SesV2EmailSenderTest {
    private static final String NURTURE_FROM = "Leadtriage <hello@leadtriage.test>";
    private static final String ALERT_FROM = "alerts@leadtriage.test";
    private static final String LEAD = "zoe.mueller@acme.test";
    private static final String UNSUBSCRIBE = "<https://leadtriage.test/u/3f9a2c>, <mailto:unsubscribe@leadtriage.test?subject=3f9a2c>";

    private SesBackend ses;
    private SesV2EmailSender sender;

    /**
     * Called by each test that needs SES rather than from {@code @BeforeAll}: a skip (no Docker for
     * -Plocalstack) is then reported per test, with its reason, instead of the class vanishing.
     */
    private void useSes() {
        ses = SesBackend.shared();
        ses.allowSender("hello@leadtriage.test");
        ses.allowSender(ALERT_FROM);
        sender = new SesV2EmailSender(ses.client(), null);
    }

    @Test
    void nurtureEmailArrivesWithBothBodiesReplyToAndOneClickUnsubscribeHeaders() {
        useSes();
        String html = "<p>Hi Zoë,</p><p>Three ways teams cut onboarding time.</p>"
                + "<p><a href=\"https://leadtriage.test/u/3f9a2c\">Unsubscribe</a> · Leadtriage, 1 Main St, Springfield</p>";
        String text = "Hi Zoë,\n\nThree ways teams cut onboarding time.\n\n"
                + "Unsubscribe: https://leadtriage.test/u/3f9a2c\nLeadtriage, 1 Main St, Springfield\n";
        OutgoingEmail nurture = new OutgoingEmail(EmailKind.NURTURE, NURTURE_FROM, List.of(LEAD),
                "success@leadtriage.test", "Three ways to cut onboarding time", html, text,
                Map.of("List-Unsubscribe", UNSUBSCRIBE, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));

        String messageId = sender.send(nurture);

        StoredEmail stored = ses.sentEmail(messageId);
        assertThat(stored.from()).isEqualTo(NURTURE_FROM);
        assertThat(stored.to()).containsExactly(LEAD);
        assertThat(stored.cc()).isEmpty();
        assertThat(stored.bcc()).isEmpty();
        assertThat(stored.subject()).isEqualTo("Three ways to cut onboarding time");
        assertThat(stored.html()).isEqualTo(html);
        assertThat(stored.text()).isEqualTo(text);
        if (ses.recordsHeadersAndReplyTo()) {
            assertThat(stored.replyTo()).containsExactly("success@leadtriage.test");
            assertThat(stored.header("List-Unsubscribe")).hasValue(UNSUBSCRIBE);
            assertThat(stored.header("list-unsubscribe-post")).hasValue("List-Unsubscribe=One-Click");
            assertThat(stored.headers()).hasSize(2);
        }
    }

    @Test
    void salesAlertGoesToEveryRoutedRepAndRepliesGoToTheLead() {
        useSes();
        OutgoingEmail alert = new OutgoingEmail(EmailKind.SALES_ALERT, ALERT_FROM,
                List.of("rep.dach@leadtriage.test", "rep.lead@leadtriage.test"), LEAD,
                "Hot lead: Jane Roe (Acme) · 72", "<h1>Jane Roe</h1><p>Score 72</p>", "Jane Roe\nScore 72", Map.of());

        String messageId = sender.send(alert);

        StoredEmail stored = ses.sentEmail(messageId);
        assertThat(stored.from()).isEqualTo(ALERT_FROM);
        assertThat(stored.to()).containsExactly("rep.dach@leadtriage.test", "rep.lead@leadtriage.test");
        assertThat(stored.subject()).isEqualTo("Hot lead: Jane Roe (Acme) · 72");
        assertThat(stored.html()).isEqualTo("<h1>Jane Roe</h1><p>Score 72</p>");
        assertThat(stored.text()).isEqualTo("Jane Roe\nScore 72");
        if (ses.recordsHeadersAndReplyTo()) {
            assertThat(stored.replyTo()).containsExactly(LEAD);
            assertThat(stored.headers()).isEmpty();
        }
    }

    @Test
    void nonAsciiSubjectAndBodiesArriveUnchanged() {
        useSes();
        String subject = "Hot lead: Zoë Müller (Acme) · 72";
        OutgoingEmail alert = new OutgoingEmail(EmailKind.SALES_ALERT, ALERT_FROM, List.of("rep@leadtriage.test"),
                LEAD, subject, "<p>Zoë Müller — Geschäftsführerin, Zürich</p>",
                "Zoë Müller — Geschäftsführerin, Zürich", Map.of());

        StoredEmail stored = ses.sentEmail(sender.send(alert));

        assertThat(stored.subject()).isEqualTo(subject);
        assertThat(stored.html()).isEqualTo("<p>Zoë Müller — Geschäftsführerin, Zürich</p>");
        assertThat(stored.text()).isEqualTo("Zoë Müller — Geschäftsführerin, Zürich");
    }

    @Test
    void sesThatCannotBeReachedIsARetryableFailure() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        OutgoingEmail alert = new OutgoingEmail(EmailKind.SALES_ALERT, ALERT_FROM, List.of("rep@leadtriage.test"),
                LEAD, "Hot lead: Jane Roe (Acme) · 72", null, "Jane Roe", Map.of());

        EmailSendException failure;
        try (SesV2Client unreachable = LocalClients.ses(closedPort)) {
            failure = catchThrowableOfType(EmailSendException.class,
                    () -> new SesV2EmailSender(unreachable, null).send(alert));
        }

        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("sales_alert").hasCauseInstanceOf(SdkClientException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\nBcc: everyone@example.test", "\nBcc: everyone@example.test", "one\rtwo"})
    void lineBreaksInHeaderValuesAreRefusedBeforeAnythingReachesSes(String injected) {
        useSes();
        int storedBefore = ses.sentEmails().size();
        Map<String, String> headers = new HashMap<>();
        headers.put("List-Unsubscribe", "<https://leadtriage.test/u/1>" + injected);

        assertThatThrownBy(() -> new OutgoingEmail(EmailKind.NURTURE, NURTURE_FROM, List.of(LEAD), null,
                "Subject", "<p>x</p>", "x", headers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("List-Unsubscribe");
        assertThatThrownBy(() -> new OutgoingEmail(EmailKind.SALES_ALERT, ALERT_FROM, List.of("rep@leadtriage.test"),
                null, "Hot lead: Jane" + injected, "<p>x</p>", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> new OutgoingEmail(EmailKind.SALES_ALERT, ALERT_FROM, List.of("rep@leadtriage.test"),
                LEAD + injected, "Hot lead", "<p>x</p>", "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replyTo");

        assertThat(ses.sentEmails()).hasSize(storedBefore);
    }
}
