package io.leadtriage.app;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.sesevents.LinkScannerDetector;
import io.leadtriage.app.sesevents.SesEvent;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What SES tells us about the emails we sent. A permanent bounce or a complaint suppresses the lead
 * (no more email, nurture stops); a delivery is noted on the message; a click is a behaviour signal that
 * rescores the lead and may turn it hot, unless it looks like a corporate link scanner, in which case it
 * is kept in the timeline but never scores. Each event changes the lead once, however often delivered.
 */
public final class RecordSesEvent {
    static final String SEND_ID_TAG = io.leadtriage.app.sesevents.SentMessage.SEND_ID_TAG;

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

    /** @return the change made to the lead, or empty when the event concerns no lead of ours */
    public Optional<LeadUpdates.Applied> record(SesEvent event) {
        models.refreshIfDue();
        if (!(event instanceof SesEvent.AboutMessage about)) {
            return Optional.empty();
        }
        Optional<String> leadId = about.message().leadId();
        if (leadId.isEmpty()) {
            return Optional.empty();
        }
        String onceKey = "ses#" + event.eventId();
        if (event instanceof SesEvent.Delivery delivery) {
            about.message().tag(SEND_ID_TAG).ifPresent(sendId ->
                    messages.recordDelivery(leadId.get(), sendId, delivery.deliveredAt()));
            return Optional.empty();
        }
        if (event instanceof SesEvent.Bounce bounce && bounce.permanent()) {
            return Optional.of(suppress(leadId.get(), onceKey, "permanent bounce", bounce.bouncedAt()));
        }
        if (event instanceof SesEvent.Complaint complaint && !complaint.notSpam()) {
            return Optional.of(suppress(leadId.get(), onceKey, "complaint", complaint.complainedAt()));
        }
        if (event instanceof SesEvent.Click click) {
            return Optional.of(click(leadId.get(), onceKey, click));
        }
        return Optional.empty();
    }

    private LeadUpdates.Applied suppress(String leadId, String onceKey, String why, java.time.Instant at) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) -> current.map(lead -> {
            if (lead.contact().suppressedBecause() != null) {
                return null;
            }
            ContactState c = lead.contact();
            LeadRecord changed = lead.withContact(new ContactState(c.unsubscribedAt(), why, c.lastMarketingAt(),
                    c.reminderScheduled()));
            return new LeadUpdates.Draft(changed, List.of(new TimelineEntry(now, TimelineEntry.SUPPRESSED,
                    "no more email to this address: " + why + " (reported " + at + ")")));
        }));
    }

    private LeadUpdates.Applied click(String leadId, String onceKey, SesEvent.Click click) {
        Optional<String> sendId = click.message().tag(SEND_ID_TAG);
        Optional<SentMessage> sent = sendId.flatMap(id -> messages.findMessage(leadId, id));
        List<LinkScannerDetector.EarlierClick> earlier = sent.map(m -> m.clicks().stream()
                .map(c -> new LinkScannerDetector.EarlierClick(c.link(), c.at())).toList()).orElse(List.of());
        LinkScannerDetector.Verdict verdict = scanners.assess(click, sent.map(SentMessage::deliveredAt),
                earlier, sent.map(m -> OptionalInt.of(m.linkCount())).orElse(OptionalInt.empty()));
        LeadUpdates.Applied applied = updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) ->
                current.map(lead -> {
                    Lead l = lead.lead();
                    Signal signal = new Signal(SignalType.EMAIL_CLICK, click.clickedAt(),
                            sent.map(m -> m.template() == null ? m.kind().wireName() : m.template()).orElse("email"),
                            !verdict.scanner());
                    LeadRecord changed = lead.withLead(l.withSignal(signal));
                    String detail = verdict.scanner() ? "email click kept, not scored: " + verdict.reason()
                            : "email click on " + signal.detail();
                    return new LeadUpdates.Draft(changed, List.of(new TimelineEntry(now, TimelineEntry.EMAIL_CLICK, detail)),
                            LeadUpdates.Cause.signal(signal));
                }));
        if (!applied.repeat() && sendId.isPresent() && sent.isPresent()) {
            messages.recordClick(leadId, sendId.get(), new SentMessage.Click(click.link(), click.clickedAt(), verdict.scanner()));
        }
        return applied;
    }
}
