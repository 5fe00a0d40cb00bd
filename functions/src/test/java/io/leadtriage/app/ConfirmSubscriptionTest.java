package io.leadtriage.app;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Double opt-in on the in-memory ports: a form's consent brings one confirmation email and no marketing email until
 * the lead confirms from its link; then its sequence starts. Without the model option nothing waits.
 */
class ConfirmSubscriptionTest {
    static final Pattern LINK = Pattern.compile("https?://\\S+/v1/confirm\\?t=([A-Za-z0-9._-]+)");
    static final String SAM = "sam@northwind-saas.com";

    final CoreFlow flow = CoreFlow.start();

    String tokenOf(OutgoingEmail confirmation) {
        Matcher link = LINK.matcher(confirmation.text());
        assertThat(link.find()).as("the confirmation's text carries its link").isTrue();
        assertThat(confirmation.html()).contains("/v1/confirm?t&#x3D;" + link.group(1));
        return link.group(1);
    }

    @Test
    void aConsentCountsForMarketingEmailOnlyOnceTheLeadConfirmsIt() {
        flow.services().changeModel().put(TestModels.withDoubleOptIn(), null);
        String leadId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();

        flow.dispatchAfter(Duration.ofMinutes(1));
        flow.dispatchAfter(Duration.ofDays(3));

        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Please confirm your subscription");
        assertThat(flow.lead(leadId).nurture()).as("no sequence before the confirmation").isNull();
        String token = tokenOf(flow.mail().sentTo(SAM).get(0));
        ConfirmSubscription confirmation = flow.services().confirmSubscription();
        assertThat(confirmation.leadOf(token)).contains(leadId);

        assertThat(confirmation.confirm(leadId)).isEqualTo(ConfirmSubscription.Outcome.CONFIRMED);
        flow.dispatchAfter(Duration.ofMinutes(1));

        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Please confirm your subscription",
                "Thanks for reaching out, Sam");
        assertThat(flow.lead(leadId).consent().confirmedAt()).isNotNull();
        assertThat(flow.timeline(leadId)).contains("confirmation email planned (double opt-in)",
                "consent confirmed from the confirmation email (double opt-in)");
        long version = flow.lead(leadId).version();
        assertThat(confirmation.confirm(leadId)).isEqualTo(ConfirmSubscription.Outcome.ALREADY_CONFIRMED);
        assertThat(flow.lead(leadId).version()).as("confirming twice writes nothing").isEqualTo(version);
    }

    @Test
    void anotherPostOfTheSameAddressAsksForNoSecondConfirmation() {
        flow.services().changeModel().put(TestModels.withDoubleOptIn(), null);
        flow.submit("newsletter", SAM, Map.of("name", "Sam Lee"));
        flow.dispatchAfter(Duration.ofMinutes(1));

        flow.submit("ebook", SAM, Map.of("name", "Sam Lee"));
        flow.dispatchAfter(Duration.ofMinutes(1));

        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Please confirm your subscription");
    }

    @Test
    void anUnsubscribedLeadCannotBeConfirmedBackIn() {
        flow.services().changeModel().put(TestModels.withDoubleOptIn(), null);
        String leadId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee")).after().id();
        flow.services().unsubscribe().unsubscribe(leadId);

        assertThat(flow.services().confirmSubscription().confirm(leadId)).isEqualTo(ConfirmSubscription.Outcome.NO_CONSENT);
        assertThat(flow.services().confirmSubscription().confirm("no-such-lead")).isEqualTo(ConfirmSubscription.Outcome.GONE);
        flow.dispatchAfter(Duration.ofDays(1));
        assertThat(flow.mail().subjectsTo(SAM)).isEmpty();
    }

    @Test
    void withoutTheOptionTheWelcomeGoesAtOnce() {
        flow.submit("newsletter", SAM, Map.of("name", "Sam Lee"));
        flow.dispatchAfter(Duration.ofMinutes(1));

        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Thanks for reaching out, Sam");
    }

    @Test
    void theConfirmationTemplateMustCarryItsLink() {
        String withoutLink = TestModels.withDoubleOptIn().replace("will start: {{confirmUrl}}", "will start.");

        assertThatThrownBy(() -> ModelLoader.load(withoutLink, "edited model"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("nurture.doubleOptIn.template", "must carry {{confirmUrl}}"));
        assertThatThrownBy(() -> ModelLoader.load(TestModels.withDoubleOptIn()
                .replace("doubleOptIn: { template: confirm-subscription }", "doubleOptIn: { template: confirm }"), "m"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .contains("no template named 'confirm'"));
    }
}
