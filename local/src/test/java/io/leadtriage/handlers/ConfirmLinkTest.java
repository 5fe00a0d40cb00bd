package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.TestModels;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.SesBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.leadtriage.testing.LinkEmails.envelope;
import static io.leadtriage.testing.LinkEmails.openedThreeTimes;
import static io.leadtriage.testing.LinkEmails.subjectsTo;
import static io.leadtriage.testing.LinkEmails.tokenOfLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Double opt-in through UnsubscribeHandler's /v1/confirm with the envelopes of events/, on DynamoDB Local and the SES
 * emulator: the form's consent brings the confirmation email only; opening its link (a GET, as mail scanners do)
 * shows a button and confirms nothing, however often; the button's POST confirms, and the welcome follows.
 */
class ConfirmLinkTest {
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    Services services;
    UnsubscribeHandler pages;
    String email;
    String leadId;

    @BeforeEach
    void aLeadConsentsOnAFormWithDoubleOptIn() {
        SesBackend.shared().clear();
        // A table of its own: the model version put here must not reach the tests sharing the default table.
        services = TestServices.create(clock, new SesV2EmailSender(SesBackend.shared().client(), null),
                DynamoBackend.freshTable("confirm"), TestServices.ADMIN_TOKEN);
        services.changeModel().put(TestModels.withDoubleOptIn(), null);
        pages = new UnsubscribeHandler(services);
        email = "sam+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        leadId = FormPosts.submit(new FormHandler(services), "newsletter",
                Map.of("email", email, "name", "Sam Lee", "timeline", "now", "consent", true));
        dispatch();
    }

    void dispatch() {
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
    }

    LeadRecord lead() {
        return services.storage().queries().findById(leadId).orElseThrow();
    }

    @Test
    void openingTheLinkConfirmsNothingOnlyThePagesButtonDoesAndTheWelcomeFollows() {
        assertThat(subjectsTo(email)).containsExactly("Please confirm your subscription");
        String token = tokenOfLink(email, "/v1/confirm");
        long version = lead().version();

        openedThreeTimes(pages, "confirm-show.json", token, "Confirm your subscription", "<form method=\"post\"",
                "<button type=\"submit\"");
        assertThat(lead().version()).as("nothing written").isEqualTo(version);
        clock.advance(Duration.ofDays(2));
        dispatch();
        assertThat(subjectsTo(email)).as("no marketing email before the confirmation").hasSize(1);

        APIGatewayV2HTTPResponse pressed = pages.handleRequest(envelope("confirm-post.json", token), null);

        assertThat(pressed.getStatusCode()).isEqualTo(200);
        assertThat(pressed.getBody()).contains("you are subscribed");
        assertThat(lead().consent().confirmedAt()).isEqualTo(clock.instant());
        dispatch();
        assertThat(subjectsTo(email)).containsExactly("Please confirm your subscription", "Thanks for reaching out, Sam");
        long confirmed = lead().version();
        assertThat(pages.handleRequest(envelope("confirm-post.json", token), null).getStatusCode()).isEqualTo(200);
        assertThat(lead().version()).as("confirming twice writes nothing").isEqualTo(confirmed);
    }

    @Test
    void anUnsubscribeOrAConfirmationTokenOpensOnlyItsOwnPage() {
        String confirmToken = tokenOfLink(email, "/v1/confirm");

        assertThat(pages.handleRequest(envelope("unsubscribe-one-click.json", confirmToken), null).getStatusCode())
                .as("a confirmation token unsubscribes nobody").isEqualTo(403);
        assertThat(pages.handleRequest(envelope("confirm-post.json", "not-a-token"), null).getStatusCode()).isEqualTo(403);
        assertThat(lead().consent().confirmedAt()).isNull();
        assertThat(lead().contact().unsubscribedAt()).isNull();
    }
}
