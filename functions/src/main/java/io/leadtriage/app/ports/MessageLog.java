package io.leadtriage.app.ports;

import io.leadtriage.app.outbox.SentMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The emails sent about or to a lead, and what SES reported of each (deliveries, clicks). */
public interface MessageLog {
    Optional<SentMessage> findMessage(String leadId, String sendId);

    /** The emails sent about or to the lead, oldest first. */
    List<SentMessage> sentMessages(String leadId);

    /** Records a click on a sent message (kept for link-scanner detection of later clicks). */
    void recordClick(String leadId, String sendId, SentMessage.Click click);

    void recordDelivery(String leadId, String sendId, Instant deliveredAt);
}
