package io.leadtriage.adapters.ses;

import io.leadtriage.adapters.OutboxClients;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends emails through Amazon SES with the v2 SendEmail API, as Simple content: SES builds the MIME
 * message (UTF-8 subject and bodies, multipart/alternative) and adds the extra headers we pass.
 *
 * <p>Nothing here logs, and failures never carry SES's own error text: SES quotes the addresses it
 * rejects, and addresses and names must stay out of logs.
 */
public final class SesV2EmailSender implements EmailSender {
    private static final String UTF_8 = "UTF-8";
    /** An alert should reach sales within seconds; a stalled connection must turn into a retry instead of
     * eating the function's timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final SesV2Client ses;
    private final String configurationSetName;

    /**
     * @param configurationSetName the configuration set whose event destination publishes bounces,
     *                             complaints and clicks; null sends without one (local runs)
     */
    public SesV2EmailSender(SesV2Client ses, String configurationSetName) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.configurationSetName = configurationSetName;
    }

    /**
     * The SES client the functions use: the JDK's HTTP client only (small, quick cold start). Credentials and
     * endpoint come from the SDK's default chains (the container credentials endpoint under SnapStart;
     * {@code AWS_ENDPOINT_URL_SESV2} for an emulator); local runs add theirs to the builder.
     */
    public static SesV2ClientBuilder clientBuilder(Region region) {
        // A send in the request path (the hot lead's alert) must not outlast the function; an unsent alert stays in
        // the outbox for the dispatcher.
        return OutboxClients.configured(SesV2Client.builder(), region, CONNECT_TIMEOUT, SOCKET_TIMEOUT, CALL_TIMEOUT);
    }

    @Override
    public String send(OutgoingEmail email) {
        SendEmailRequest request = toRequest(email);
        try {
            return ses.sendEmail(request).messageId();
        } catch (SdkException e) {
            throw failure(email.kind(), e);
        }
    }

    SendEmailRequest toRequest(OutgoingEmail email) {
        if (email.html() == null && email.text() == null) {
            throw new IllegalArgumentException("an email needs an HTML or a text body");
        }
        Body.Builder body = Body.builder();
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        if (email.text() != null) {
            body.text(utf8(email.text()));
        }
        Message.Builder message = Message.builder()
                .subject(utf8(email.subject()))
                .body(body.build());
        if (!email.headers().isEmpty()) {
            // Sorted so that the same email always yields the same request.
            List<MessageHeader> headers = new TreeMap<>(email.headers()).entrySet().stream()
                    .map(header -> MessageHeader.builder().name(header.getKey()).value(header.getValue()).build())
                    .toList();
            message.headers(headers);
        }

        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(email.from())
                .destination(destination -> destination.toAddresses(email.to()))
                .content(content -> content.simple(message.build()))
                .configurationSetName(configurationSetName);
        // Only set when present: an explicitly empty list would be sent as [] rather than left out.
        if (email.replyTo() != null) {
            request.replyToAddresses(email.replyTo());
        }
        if (!email.tags().isEmpty()) {
            // Tags come back on every SES event about the message: that is how a bounce or a click finds its lead.
            request.emailTags(new TreeMap<>(email.tags()).entrySet().stream()
                    .map(tag -> MessageTag.builder().name(tag.getKey()).value(tag.getValue()).build())
                    .toList());
        }
        return request.build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }

    /**
     * Retryable (the message is fine, the moment is not): TooManyRequests, LimitExceeded (sending rate
     * or daily quota), SendingPaused (an operator or an AWS review resumes sending; retries and the
     * dead-letter queue keep the email meanwhile), any 429 or 5xx, and client-side failures (connection
     * refused or reset, timeouts), after which SES may not have seen the request at all.
     *
     * <p>Not retryable (sending it again gets the same answer): MessageRejected (content or an
     * unverified address), MailFromDomainNotVerified, AccountSuspended (sending is permanently
     * restricted), BadRequest, NotFound (e.g. no such configuration set) and any other 4xx.
     */
    static EmailSendException failure(EmailKind kind, SdkException e) {
        if (e instanceof SdkServiceException service) {
            // SES's message is left out and so is the exception itself: it may quote addresses.
            return new EmailSendException("SES did not take the " + kind.wireName() + " email: "
                    + errorCode(service) + " (HTTP " + service.statusCode() + ", request id "
                    + service.requestId() + ")", retryable(service), null);
        }
        return new EmailSendException("SES could not be reached for the " + kind.wireName() + " email: "
                + e.getClass().getSimpleName(), true, e);
    }

    static boolean retryable(SdkServiceException e) {
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException
                || e instanceof SendingPausedException) {
            return true;
        }
        if (e instanceof MessageRejectedException || e instanceof MailFromDomainNotVerifiedException
                || e instanceof AccountSuspendedException || e instanceof BadRequestException
                || e instanceof NotFoundException) {
            return false;
        }
        return e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500;
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            if (details != null && details.errorCode() != null) {
                return details.errorCode();
            }
        }
        return e.getClass().getSimpleName();
    }
}
