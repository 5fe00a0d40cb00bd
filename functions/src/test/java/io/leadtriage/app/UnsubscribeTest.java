package io.leadtriage.app;

import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unsubscribing on the in-memory ports: the link in a nurture email names its lead, unsubscribing is recorded once,
 * and no marketing email follows (a sales alert is no marketing email).
 */
class UnsubscribeTest {
    static final String SAM = "sam@northwind-saas.com";

    final CoreFlow flow = CoreFlow.start();
    final Unsubscribe unsubscribe = flow.unsubscribe();
    /** 25 points: warm, with consent: the "warm" sequence's welcome is due at once. */
    final String samId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();

    /** The token of the one-click link in the header of the first email to Sam. */
    String tokenOfTheWelcomesLink() {
        flow.dispatchDue();
        OutgoingEmail welcome = flow.mail().sentTo(SAM).get(0);
        String link = welcome.headers().get("List-Unsubscribe");
        return link.substring(link.indexOf("?t=") + 3, link.length() - 1);
    }

    @Test
    void theLinkInANurtureEmailNamesItsLead() {
        assertThat(unsubscribe.leadOf(tokenOfTheWelcomesLink())).contains(samId);
    }

    @ParameterizedTest(name = "{0} link")
    @ValueSource(strings = {"a forged", "a form's", "a year and more old", "no", "a garbage"})
    void aLinkThatIsNotOneOfOursNamesNobody(String kind) {
        TokenService tokens = flow.services().tokens();
        String real = tokens.issue(TokenPurpose.UNSUBSCRIBE, samId);
        String token = switch (kind) {
            case "a forged" -> real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
            case "a form's" -> tokens.issue(TokenPurpose.FORM, samId);
            case "a year and more old" -> {
                flow.clock().advance(TokenPurpose.UNSUBSCRIBE.validity().plusSeconds(1));
                yield real;
            }
            case "no" -> null;
            default -> "not.a.token";
        };

        assertThat(unsubscribe.leadOf(token)).isEmpty();
    }

    @Test
    void unsubscribingIsRecordedOnceAndStopsNurture() {
        flow.dispatchDue();
        flow.clock().advance(Duration.ofHours(1));
        Instant first = flow.clock().instant();
        assertThat(unsubscribe.unsubscribe(samId)).isTrue();
        long version = flow.lead(samId).version();
        flow.clock().advance(Duration.ofMinutes(5));

        assertThat(unsubscribe.unsubscribe(samId)).as("twice is fine").isTrue();

        LeadRecord lead = flow.lead(samId);
        assertThat(lead.version()).isEqualTo(version);
        assertThat(lead.contact().unsubscribedAt()).isEqualTo(first);
        assertThat(lead.contact().mayGetMarketing()).isFalse();
        assertThat(flow.timeline(samId)).containsOnlyOnce("unsubscribed from marketing email");
        flow.dispatchAfter(Duration.ofDays(30));
        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Thanks for reaching out, Sam");
    }

    @Test
    void aLaterFormWithConsentDoesNotUndoAnUnsubscribe() {
        unsubscribe.unsubscribe(samId);

        flow.submit("ebook", SAM, Map.of("timeline", "now"));
        flow.dispatchAfter(Duration.ofDays(2));

        assertThat(flow.lead(samId).contact().mayGetMarketing()).isFalse();
        assertThat(flow.mail().sentTo(SAM)).isEmpty();
    }

    @Test
    void anUnsubscribedLeadThatTurnsHotStillReachesSales() {
        unsubscribe.unsubscribe(samId);

        flow.submit("demo", SAM, Map.of("company", "Northwind"));

        assertThat(flow.mail().alertsAbout("Sam Lee")).hasSize(1);
    }

    @Test
    void aLeadThatIsGoneIsNotFound() {
        flow.services().eraseLead().erase(samId);

        assertThat(unsubscribe.unsubscribe(samId)).isFalse();
        assertThat(unsubscribe.unsubscribe("no-such-lead")).isFalse();
        assertThat(flow.storedLeads()).isEmpty();
    }
}
