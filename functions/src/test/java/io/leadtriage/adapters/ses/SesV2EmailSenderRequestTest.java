package io.leadtriage.adapters.ses;

import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.OutgoingEmail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the adapter hands to SES and how it classifies SES's answers, without a network: a stand-in
 * client records the request or throws the exception the SDK would. The round trip through a real
 * HTTP stand-in is SesV2EmailSenderTest in the local module.
 */
class SesV2EmailSenderRequestTest {
    private static final String LEAD_ADDRESS = "zoe.mueller@acme.example";

    private static OutgoingEmail nurture() {
        return new OutgoingEmail(EmailKind.NURTURE, "Leadtriage <hello@leadtriage.example>", List.of(LEAD_ADDRESS),
                "sales@leadtriage.example", "Zoë, three ways to cut onboarding time", "<p>Hallo Zoë</p>",
                "Hallo Zoë", Map.of("List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                "List-Unsubscribe", "<https://leadtriage.example/u/abc>"));
    }

    @Test
    void buildsSimpleContentWithUtf8PartsHeadersReplyToAndConfigurationSet() {
        SendEmailRequest request = new SesV2EmailSender(throwingClient(null), "leadtriage-events").toRequest(nurture());

        assertThat(request.fromEmailAddress()).isEqualTo("Leadtriage <hello@leadtriage.example>");
        assertThat(request.destination().toAddresses()).containsExactly(LEAD_ADDRESS);
        assertThat(request.replyToAddresses()).containsExactly("sales@leadtriage.example");
        assertThat(request.configurationSetName()).isEqualTo("leadtriage-events");
        var simple = request.content().simple();
        assertThat(simple.subject().data()).isEqualTo("Zoë, three ways to cut onboarding time");
        assertThat(simple.subject().charset()).isEqualTo("UTF-8");
        assertThat(simple.body().html().data()).isEqualTo("<p>Hallo Zoë</p>");
        assertThat(simple.body().html().charset()).isEqualTo("UTF-8");
        assertThat(simple.body().text().data()).isEqualTo("Hallo Zoë");
        assertThat(simple.body().text().charset()).isEqualTo("UTF-8");
        assertThat(simple.headers()).extracting(MessageHeader::name, MessageHeader::value).containsExactly(
                tuple("List-Unsubscribe", "<https://leadtriage.example/u/abc>"),
                tuple("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    @Test
    void leavesOutWhatIsAbsentRatherThanSendingItEmpty() {
        OutgoingEmail alert = new OutgoingEmail(EmailKind.SALES_ALERT, "alerts@leadtriage.example",
                List.of("rep@leadtriage.example"), null, "Hot lead", null, "text only", Map.of());

        SendEmailRequest request = new SesV2EmailSender(throwingClient(null), null).toRequest(alert);

        assertThat(request.hasReplyToAddresses()).isFalse();
        assertThat(request.configurationSetName()).isNull();
        assertThat(request.content().simple().hasHeaders()).isFalse();
        assertThat(request.content().simple().body().html()).isNull();
        assertThat(request.content().simple().body().text().data()).isEqualTo("text only");
    }

    @Test
    void refusesAnEmailWithoutAnyBody() {
        OutgoingEmail empty = new OutgoingEmail(EmailKind.SALES_ALERT, "alerts@leadtriage.example",
                List.of("rep@leadtriage.example"), null, "Hot lead", null, null, Map.of());
        List<SendEmailRequest> sent = new ArrayList<>();

        assertThatThrownBy(() -> new SesV2EmailSender(recordingClient(sent), null).send(empty))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void returnsTheMessageIdSesAssigned() {
        List<SendEmailRequest> sent = new ArrayList<>();

        String messageId = new SesV2EmailSender(recordingClient(sent), null).send(nurture());

        assertThat(messageId).isEqualTo("ses-message-1");
        assertThat(sent).hasSize(1);
    }

    static Stream<Arguments> sesAnswers() {
        return Stream.of(
                Arguments.of(service(TooManyRequestsException.builder(), 429, "TooManyRequestsException"), true),
                Arguments.of(service(LimitExceededException.builder(), 400, "LimitExceededException"), true),
                Arguments.of(service(SendingPausedException.builder(), 400, "SendingPausedException"), true),
                Arguments.of(service(AwsServiceException.builder(), 500, "InternalFailure"), true),
                Arguments.of(service(AwsServiceException.builder(), 503, "ServiceUnavailable"), true),
                Arguments.of(service(AwsServiceException.builder(), 400, "ThrottlingException"), true),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Connection refused"), true),
                Arguments.of(ApiCallTimeoutException.create(10_000), true),
                Arguments.of(service(MessageRejectedException.builder(), 400, "MessageRejected"), false),
                Arguments.of(service(MailFromDomainNotVerifiedException.builder(), 400,
                        "MailFromDomainNotVerifiedException"), false),
                Arguments.of(service(AccountSuspendedException.builder(), 400, "AccountSuspendedException"), false),
                Arguments.of(service(BadRequestException.builder(), 400, "BadRequestException"), false),
                Arguments.of(service(NotFoundException.builder(), 404, "NotFoundException"), false),
                Arguments.of(service(AwsServiceException.builder(), 403, "AccessDeniedException"), false));
    }

    @ParameterizedTest
    @MethodSource("sesAnswers")
    void classifiesWhatRetryingCanFix(SdkException thrown, boolean retryable) {
        EmailSendException e = catchThrowableOfType(EmailSendException.class,
                () -> new SesV2EmailSender(throwingClient(thrown), null).send(nurture()));

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e).hasMessageContaining("nurture");
    }

    @Test
    void keepsTheCodeAndRequestIdButNotSesWordsWhichQuoteAddresses() {
        SdkException rejected = MessageRejectedException.builder()
                .statusCode(400).requestId("req-123")
                .message("Email address is not verified: " + LEAD_ADDRESS)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected")
                        .errorMessage("Email address is not verified: " + LEAD_ADDRESS).build())
                .build();

        EmailSendException e = catchThrowableOfType(EmailSendException.class,
                () -> new SesV2EmailSender(throwingClient(rejected), null).send(nurture()));

        assertThat(e).hasMessageContaining("MessageRejected").hasMessageContaining("req-123")
                .hasMessageContaining("HTTP 400").hasMessageNotContaining(LEAD_ADDRESS).hasNoCause();
    }

    private static AwsServiceException service(AwsServiceException.Builder builder, int status, String code) {
        return builder.statusCode(status).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    private static SesV2Client recordingClient(List<SendEmailRequest> sent) {
        return new StandInClient() {
            @Override
            public SendEmailResponse sendEmail(SendEmailRequest request) {
                sent.add(request);
                return SendEmailResponse.builder().messageId("ses-message-" + sent.size()).build();
            }
        };
    }

    private static SesV2Client throwingClient(SdkException thrown) {
        return new StandInClient() {
            @Override
            public SendEmailResponse sendEmail(SendEmailRequest request) {
                throw thrown;
            }
        };
    }

    private abstract static class StandInClient implements SesV2Client {
        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
