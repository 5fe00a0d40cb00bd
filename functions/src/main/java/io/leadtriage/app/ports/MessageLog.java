package io.leadtriage.app.ports;

import io.leadtriage.app.outbox.SentMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The emails sent about or to a lead, and what SES reported of each (deliveries, clicks, and the bounces and
 * complaints of alerts to sales). A note on a message that is gone (past its TTL, or of an erased lead) is not kept.
 */
public interface MessageLog {
    Optional<SentMessage> findMessage(String leadId, String sendId);

    /** The emails sent about or to the lead, oldest first. */
    List<SentMessage> sentMessages(String leadId);

    /** Records a click on a sent message (kept for link-scanner detection of later clicks). */
    void recordClick(String leadId, String sendId, SentMessage.Click click);

    /** The first delivery reported stands. */
    void recordDelivery(String leadId, String sendId, Instant deliveredAt);

    /**
     * Notes a permanent bounce of the message (a sales alert to a rep's address that no longer takes mail).
     *
     * @return true when this is the first bounce noted on a message still kept; a later one changes nothing
     */
    boolean recordBounce(String leadId, String sendId, Instant bouncedAt);

    /**
     * Notes a complaint about the message (a rep's mail system marking a sales alert as junk).
     *
     * @return true when this is the first complaint noted on a message still kept; a later one changes nothing
     */
    boolean recordComplaint(String leadId, String sendId, Instant complainedAt);
}
