package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.local.AdjustableClock;
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
 * The unsubscribe link of a nurture email, through UnsubscribeHandler with the API Gateway envelopes of events/, on
 * DynamoDB Local and the SES emulator: opening it (a GET, as mail scanners and link previews do too) shows a page
 * with a button and changes nothing, however often; only the POST of that button (or a mail client's one-click)
 * unsubscribes.
 */
class UnsubscribeLinkTest {
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    Services services;
    UnsubscribeHandler unsubscribe;
    String email;
    String leadId;

    @BeforeEach
    void aWarmLeadHasItsWelcome() {
        SesBackend.shared().clear();
        services = TestServices.create(clock, new SesV2EmailSender(SesBackend.shared().client(), null));
        unsubscribe = new UnsubscribeHandler(services);
        email = "sam+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        leadId = FormPosts.submit(new FormHandler(services), "newsletter",
                Map.of("email", email, "name", "Sam Lee", "timeline", "now", "consent", true));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(subjectsTo(email)).containsExactly("Thanks for reaching out, Sam");
    }

    LeadRecord lead() {
        return services.storage().queries().findById(leadId).orElseThrow();
    }

    @Test
    void openingTheLinkChangesNothingHoweverOftenOnlyThePagesButtonUnsubscribes() {
        String token = tokenOfLink(email, "/v1/unsubscribe");
        long version = lead().version();

        openedThreeTimes(unsubscribe, "unsubscribe-show.json", token, "Unsubscribe from our emails?",
                "<form method=\"post\"", "name=\"List-Unsubscribe\" value=\"One-Click\"", "<button type=\"submit\"");

        LeadRecord looked = lead();
        assertThat(looked.version()).as("nothing written").isEqualTo(version);
        assertThat(looked.contact().unsubscribedAt()).isNull();
        assertThat(looked.nurture().active()).isTrue();
        assertThat(services.storage().queries().timeline(leadId)).extracting(TimelineEntry::kind)
                .doesNotContain(TimelineEntry.UNSUBSCRIBED);
        clock.advance(Duration.ofDays(3));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(subjectsTo(email)).as("the sequence goes on").containsExactly("Thanks for reaching out, Sam",
                "How a 40-person agency halved its cost per qualified lead");

        // The page's button posts the form it shows to the same link: the body a one-click mail client sends too.
        APIGatewayV2HTTPResponse pressed = unsubscribe.handleRequest(envelope("unsubscribe-one-click.json", token), null);

        assertThat(pressed.getStatusCode()).isEqualTo(200);
        assertThat(pressed.getBody()).contains("You are unsubscribed");
        assertThat(lead().contact().unsubscribedAt()).isEqualTo(clock.instant());
        assertThat(lead().nurture().status()).isEqualTo(NurtureState.STOPPED);
        clock.advance(Duration.ofDays(30));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(subjectsTo(email)).as("nothing after").hasSize(2);
    }
}
