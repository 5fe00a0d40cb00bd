package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure on request, on the in-memory ports: everything held about the lead goes, what was still to be sent is not
 * sent, its links name nobody, and the address is a stranger again.
 */
class EraseLeadTest {
    static final String SAM = "sam@northwind-saas.com";

    final CoreFlow flow = CoreFlow.start();
    final EraseLead eraseLead = flow.services().eraseLead();

    /** Warm, with consent, welcomed, a page view recorded: a timeline, a sent message and the next nurture step stored. */
    String samWithHistory() {
        String leadId = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee", "timeline", "now")).after().id();
        flow.dispatchDue();
        flow.signal(leadId, io.leadtriage.domain.SignalType.PAGE_VIEW);
        return leadId;
    }

    @Test
    void everythingHeldAboutTheLeadGoes() {
        String leadId = samWithHistory();
        assertThat(flow.storage().messages().sentMessages(leadId)).hasSize(1);

        assertThat(eraseLead.erase(leadId)).isTrue();

        assertThat(flow.storage().queries().findById(leadId)).isEmpty();
        assertThat(flow.storage().leads().findLeadIdByEmail(SAM)).isEmpty();
        assertThat(flow.storage().queries().timeline(leadId)).isEmpty();
        assertThat(flow.storage().messages().sentMessages(leadId)).isEmpty();
        assertThat(flow.storage().outbox().find(leadId, OutboxItem.NURTURE_SLOT)).isEmpty();
        assertThat(flow.storedLeads()).isEmpty();
    }

    @Test
    void whatWasStillToBeSentIsNotSent() {
        String leadId = samWithHistory();
        eraseLead.erase(leadId);

        flow.dispatchAfter(Duration.ofDays(30));

        assertThat(flow.mail().subjectsTo(SAM)).containsExactly("Thanks for reaching out, Sam");
    }

    @Test
    void itsLinksNameNobodyAndTheAddressIsAStrangerAgain() {
        String leadId = samWithHistory();
        String unsubscribeLink = flow.services().tokens().issue(TokenPurpose.UNSUBSCRIBE, leadId);
        String alertLink = flow.services().tokens().issue(TokenPurpose.DISPOSITION, leadId);
        eraseLead.erase(leadId);

        assertThat(flow.unsubscribe().unsubscribe(flow.unsubscribe().leadOf(unsubscribeLink).orElseThrow())).isFalse();
        assertThat(flow.recordDisposition().open(alertLink)).isEmpty();
        LeadUpdates.Applied again = flow.submit("newsletter", SAM, Map.of("name", "Sam Lee"));
        assertThat(again.created()).isTrue();
        assertThat(again.after().id()).isNotEqualTo(leadId);
    }

    @Test
    void aLeadErasedOnceOrNeverStoredIsNotFound() {
        String leadId = samWithHistory();
        eraseLead.erase(leadId);

        assertThat(eraseLead.erase(leadId)).isFalse();
        assertThat(eraseLead.erase("no-such-lead")).isFalse();
    }
}
