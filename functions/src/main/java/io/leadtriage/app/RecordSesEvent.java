package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.sesevents.LinkScannerDetector;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What SES tells us about the emails we sent. On an email to the lead (a nurture step, the reminder), a
 * permanent bounce or a complaint suppresses the lead (no more email, nurture stops), and a click is a
 * behaviour signal that rescores the lead and may turn it hot, unless it looks like a corporate link scanner,
 * in which case it is kept in the timeline but never scores. Each event changes the lead once, however often
 * delivered.
 *
 * <p>A sales alert or an escalation goes to reps <em>about</em> the lead: what SES reports of it is noted on the
 * sent message alone, never on the lead's score, signals, suppression or timeline. A bounce or a complaint of a
 * rep's address is also a WARN line, for ops. The email's kind comes from its {@code kind} tag, or, for an email
 * sent without one, from the sent message kept; an email whose kind cannot be told counts as one to the lead, so
 * that a bounce still stops mail to an address that refuses it.
 *
 * <p>Deliveries and clicks are noted on the sent message, whatever its kind.
 */
public final class RecordSesEvent {
    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final MessageLog messages;
    private final LinkScannerDetector scanners;

    public RecordSesEvent(ModelInEffect models, LeadUpdates updates, MessageLog messages, LinkScannerDetector scanners) {
        this.models = models;
        this.updates = updates;
        this.messages = messages;
        this.scanners = scanners;
    }

    /**
     * @return the change made to the lead, or empty when the event changes no lead: it concerns no lead of ours,
     *         says nothing about one, or is about an alert to sales
     */
    public Optional<LeadUpdates.Applied> record(SesEvent event) {
        models.refreshIfDue();
        if (!(event instanceof SesEvent.AboutMessage about)) {
            return Optional.empty();
        }
        Optional<String> leadId = about.message().leadId();
        if (leadId.isEmpty()) {
            return Optional.empty();
        }
        countForReputation(about);
        Optional<String> sendId = about.message().sendId();
        if (event instanceof SesEvent.Delivery delivery) {
            sendId.ifPresent(id -> messages.recordDelivery(leadId.get(), id, delivery.deliveredAt(), CountChange.email(leadId.get(),
                    about.message().figures(delivery.deliveredAt()), EmailStep.DELIVERED)));
            return Optional.empty();
        }
        if (!sentToTheLead(leadId.get(), about)) {
            sendId.ifPresent(id -> recordOnTheAlert(leadId.get(), id, about));
            return Optional.empty();
        }
        String onceKey = "ses#" + event.eventId();
        if (event instanceof SesEvent.Bounce bounce && bounce.permanent()) {
            return Optional.of(suppress(leadId.get(), onceKey, "permanent bounce", bounce.bouncedAt(),
                    about.message().figures(bounce.bouncedAt()), EmailStep.BOUNCED));
        }
        if (event instanceof SesEvent.Complaint complaint && !complaint.notSpam()) {
            return Optional.of(suppress(leadId.get(), onceKey, "complaint", complaint.complainedAt(),
                    about.message().figures(complaint.complainedAt()), EmailStep.COMPLAINED));
        }
        if (event instanceof SesEvent.Click click) {
            return Optional.of(click(leadId.get(), onceKey, click));
        }
        return Optional.empty();
    }

    /**
     * Deliveries, permanent bounces and complaints, by the email's kind tag (its outbox kind; {@code untagged} for
     * emails sent without one): what the SES reputation alarms and the dashboard read.
     */
    private static void countForReputation(SesEvent.AboutMessage about) {
        Metric metric = about instanceof SesEvent.Delivery ? Metric.SES_DELIVERIES
                : about instanceof SesEvent.Bounce bounce && bounce.permanent() ? Metric.SES_BOUNCES
                : about instanceof SesEvent.Complaint complaint && !complaint.notSpam() ? Metric.SES_COMPLAINTS : null;
        if (metric != null) {
            String kind = about.message().kind().flatMap(OutboxKind::ofWireName).map(OutboxKind::wireName).orElse("untagged");
            Metrics.count(metric, "Kind", kind);
        }
    }

    /**
     * Whether the email went to the lead's own address: as its {@code kind} tag says, else as the sent message
     * kept says (emails sent before the tag), else yes.
     */
    private boolean sentToTheLead(String leadId, SesEvent.AboutMessage about) {
        Optional<OutboxKind> tagged = about.message().kind().flatMap(OutboxKind::ofWireName);
        if (tagged.isPresent()) {
            return tagged.get().marketing();
        }
        return about.message().sendId().flatMap(id -> messages.findMessage(leadId, id))
                .map(sent -> sent.kind().toTheLead()).orElse(true);
    }

    /** An event about an alert to sales: noted on the message, never on the lead. */
    private void recordOnTheAlert(String leadId, String sendId, SesEvent.AboutMessage about) {
        if (about instanceof SesEvent.Bounce bounce && bounce.permanent()) {
            if (messages.recordBounce(leadId, sendId, bounce.bouncedAt(), CountChange.email(leadId,
                    about.message().figures(bounce.bouncedAt()), EmailStep.BOUNCED))) {
                warn("sales alert bounced: a rep's address refuses mail", leadId, sendId, about,
                        Map.of("bounceSubType", bounce.subType().orElse("-")));
            }
        } else if (about instanceof SesEvent.Complaint complaint && !complaint.notSpam()) {
            if (messages.recordComplaint(leadId, sendId, complaint.complainedAt(), CountChange.email(leadId,
                    about.message().figures(complaint.complainedAt()), EmailStep.COMPLAINED))) {
                warn("sales alert reported as unwanted by a rep's mail system", leadId, sendId, about,
                        Map.of("feedbackType", complaint.feedbackType().orElse("-")));
            }
        } else if (about instanceof SesEvent.Click click) {
            messages.findMessage(leadId, sendId)
                    .ifPresent(sent -> noteClick(leadId, sent, click, assess(click, Optional.of(sent)).scanner()));
        }
    }

    /**
     * Notes a click on its message, unless the message holds it already (an event delivered again, or handled before
     * a stop), adding to the email's clicked figure when it is the message's first by a person. Two first clicks handled
     * at once both pass the check here; the message log's conditional write counts one.
     */
    private void noteClick(String leadId, SentMessage sent, SesEvent.Click click, boolean scanner) {
        if (sent.clicks().stream().anyMatch(c -> c.link().equals(click.link()) && c.at().equals(click.clickedAt()))) {
            return;
        }
        messages.recordClick(leadId, sent.sendId(), new SentMessage.Click(click.link(), click.clickedAt(), scanner),
                firstByAPerson(scanner, Optional.of(sent)) ? CountChange.email(leadId,
                        click.message().figures(click.clickedAt()), EmailStep.CLICKED) : CountChange.none(leadId));
    }

    /** Identifiers only: never a rep's address. */
    private static void warn(String message, String leadId, String sendId, SesEvent.AboutMessage about,
                             Map<String, String> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("leadId", leadId);
        fields.put("sendId", sendId);
        fields.put("kind", about.message().kind().orElse("alert sent without a kind tag"));
        fields.put("messageId", about.messageId());
        fields.putAll(more);
        Log.warn(message, fields);
    }

    /** Whether a click is the email's first by a person (not a link scanner): what its {@code clicked} figure counts. */
    private static boolean firstByAPerson(boolean scanner, Optional<SentMessage> sent) {
        return !scanner && sent.map(m -> m.clicks().stream().allMatch(SentMessage.Click::scanner)).orElse(true);
    }

    /** Suppresses the lead's address, adding one to the email's {@code figure} (bounced, complained) in the same write. */
    private LeadUpdates.Applied suppress(String leadId, String onceKey, String why, Instant at, EmailStep email, String figure) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) -> current.map(lead -> {
            if (lead.contact().suppressedBecause() != null) {
                return null;
            }
            ContactState c = lead.contact();
            LeadRecord changed = lead.withContact(new ContactState(c.unsubscribedAt(), why, c.lastMarketingAt(),
                    c.reminderScheduled()));
            return new LeadUpdates.Draft(changed, List.of(new TimelineEntry(now, TimelineEntry.SUPPRESSED,
                    "no more email to this address: " + why + " (reported " + at + ")"))).counting(email, figure);
        }));
    }

    private LinkScannerDetector.Verdict assess(SesEvent.Click click, Optional<SentMessage> sent) {
        List<LinkScannerDetector.EarlierClick> earlier = sent.map(m -> m.clicks().stream()
                .map(c -> new LinkScannerDetector.EarlierClick(c.link(), c.at())).toList()).orElse(List.of());
        return scanners.assess(click, sent.map(SentMessage::deliveredAt), earlier,
                sent.map(m -> OptionalInt.of(m.linkCount())).orElse(OptionalInt.empty()));
    }

    private LeadUpdates.Applied click(String leadId, String onceKey, SesEvent.Click click) {
        Optional<String> sendId = click.message().sendId();
        Optional<SentMessage> sent = sendId.flatMap(id -> messages.findMessage(leadId, id));
        LinkScannerDetector.Verdict verdict = assess(click, sent);
        LeadUpdates.Applied applied = updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) ->
                current.map(lead -> {
                    Lead l = lead.lead();
                    Signal signal = new Signal(SignalType.EMAIL_CLICK, click.clickedAt(),
                            sent.map(m -> m.template() == null ? m.kind().wireName() : m.template()).orElse("email"),
                            !verdict.scanner(), SignalSource.EMAIL);
                    LeadRecord changed = lead.withLead(l.withSignal(signal));
                    String detail = verdict.scanner() ? "email click kept, not scored: " + verdict.reason()
                            : "email click on " + signal.detail();
                    return new LeadUpdates.Draft(changed, List.of(new TimelineEntry(now, TimelineEntry.EMAIL_CLICK, detail)),
                            LeadUpdates.Cause.signal(signal));
                }));
        // The click is noted on its message (with its clicked figure) after the lead's write; an event handled again
        // after a stop between the two finds the lead's change made and the message without the click, and notes it.
        // A click on an email no longer kept counts for no figure: whether it was the first cannot be told.
        (applied.repeat() ? sendId.flatMap(id -> messages.findMessage(leadId, id)) : sent)
                .ifPresent(message -> noteClick(leadId, message, click, verdict.scanner()));
        return applied;
    }
}
