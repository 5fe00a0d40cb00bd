package io.leadtriage.app.ports;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.reports.CountChange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The emails sent about or to a lead, and what SES reported of each (deliveries, clicks, and the bounces and
 * complaints of alerts to sales). A note on a message that is gone (past its TTL, or of an erased lead) is not kept.
 * A note's {@code counts} (the email figures it adds to) are stored with it, in one write, and only when the note is
 * made: a delivery or a bounce reported twice counts once.
 */
public interface MessageLog {
    Optional<SentMessage> findMessage(String leadId, String sendId);

    /** The emails sent about or to the lead, oldest first. */
    List<SentMessage> sentMessages(String leadId);

    /**
     * Records a click on a sent message (kept for link-scanner detection of later clicks). A person's click (not a link
     * scanner's) adds {@code counts} (the email's clicked figure) only if it is the message's first by a person: the
     * message's first-click mark and the counts are written at once, on condition that no click set the mark before, so
     * that of two first clicks handled at once exactly one counts.
     *
     * @return true when this click was the message's first by a person, and {@code counts} were added
     */
    boolean recordClick(String leadId, String sendId, SentMessage.Click click, CountChange counts);

    /** The first delivery reported stands. @return true when this was it, on a message still kept */
    boolean recordDelivery(String leadId, String sendId, Instant deliveredAt, CountChange counts);

    /**
     * Notes a permanent bounce of the message (a sales alert to a rep's address that no longer takes mail).
     *
     * @return true when this is the first bounce noted on a message still kept; a later one changes nothing
     */
    boolean recordBounce(String leadId, String sendId, Instant bouncedAt, CountChange counts);

    /**
     * Notes a complaint about the message (a rep's mail system marking a sales alert as junk).
     *
     * @return true when this is the first complaint noted on a message still kept; a later one changes nothing
     */
    boolean recordComplaint(String leadId, String sendId, Instant complainedAt, CountChange counts);
}
