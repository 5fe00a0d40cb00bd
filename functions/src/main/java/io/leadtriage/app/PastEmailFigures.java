package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.outbox.SentEntries;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to a lead's emails before the email figures were kept, as the figures would have counted it, for the
 * counters' backfill: read from the sent messages still kept (they expire 90 days after their send), the lead and its
 * timeline. Each event of a message that happened before {@code before} adds one to its figure, on the day it happened:
 * the send, the first delivery, the first click by a person, the bounce and the complaint noted on an alert to sales.
 * What the lead holds of its address (an unsubscribe; a suppression by a permanent bounce or a complaint, at its
 * timeline entry) goes with the lead's last email sent by then (its first when none was; for a suppression, the last
 * to the lead's address): that email's backfill writes it, so that it is counted with a mark, once. Events from
 * {@code before} on were counted as they happened, and are left out.
 *
 * <p>A message records neither its outbox kind nor its nurture step; the timeline's entry of its send does
 * ({@link SentEntries}), written in the same transaction. A message without one counts for nurture (an email to the
 * lead) or for sales alerts, with no step.
 */
public final class PastEmailFigures {
    /** What {@link ContactState#suppressedBecause()} says of an address suppressed by SES, and the figure it counts. */
    private static final Map<String, String> SUPPRESSIONS = Map.of("permanent bounce", EmailStep.BOUNCED,
            "complaint", EmailStep.COMPLAINED);
    /** The send's timeline entry is written a moment after the message's {@code sentAt}, in the same transaction. */
    private static final Duration SENT_ENTRY_WITHIN = Duration.ofMinutes(1);

    private PastEmailFigures() {
    }

    /**
     * @param kept     the lead's sent messages still kept, marked or not (the choice of the email an unsubscribe or a
     *                 suppression goes with must not depend on how far an earlier run got)
     * @param timeline the lead's timeline
     * @return the figures each message's backfill adds, by send id: messages sent from {@code before} on have none
     */
    public static Map<String, CountChange> of(LeadRecord lead, List<SentMessage> kept, List<TimelineEntry> timeline,
                                              Instant before) {
        List<SentMessage> earlier = kept.stream().filter(m -> m.sentAt().isBefore(before))
                .sorted(Comparator.comparing(SentMessage::sentAt)).toList();
        Map<String, EmailStep> kinds = kinds(earlier, timeline);
        Map<String, CountChange> figures = new LinkedHashMap<>();
        for (SentMessage m : earlier) {
            EmailStep kind = kinds.get(m.sendId());
            CountChange counts = CountChange.none(lead.id()).plusEmail(kind.on(m.sentAt()), EmailStep.SENT);
            if (m.deliveredAt() != null && m.deliveredAt().isBefore(before)) {
                counts = counts.plusEmail(kind.on(m.deliveredAt()), EmailStep.DELIVERED);
            }
            Optional<Instant> firstClick = m.clicks().stream().filter(c -> !c.scanner()).map(SentMessage.Click::at)
                    .min(Comparator.naturalOrder()).filter(at -> at.isBefore(before));
            if (firstClick.isPresent()) {
                counts = counts.plusEmail(kind.on(firstClick.get()), EmailStep.CLICKED);
            }
            if (m.bouncedAt() != null && m.bouncedAt().isBefore(before)) {
                counts = counts.plusEmail(kind.on(m.bouncedAt()), EmailStep.BOUNCED);
            }
            if (m.complainedAt() != null && m.complainedAt().isBefore(before)) {
                counts = counts.plusEmail(kind.on(m.complainedAt()), EmailStep.COMPLAINED);
            }
            figures.put(m.sendId(), counts);
        }
        Instant unsubscribedAt = lead.contact().unsubscribedAt();
        if (unsubscribedAt != null && unsubscribedAt.isBefore(before)) {
            // Credited as an unsubscribe is as it happens: to the last step of its sequence the lead was sent.
            withEmailOf(earlier, unsubscribedAt, figures, Unsubscribe.lastStepSent(lead, unsubscribedAt), EmailStep.UNSUBSCRIBED);
        }
        String suppression = lead.contact().suppressedBecause() == null ? null
                : SUPPRESSIONS.get(lead.contact().suppressedBecause());
        Instant suppressedAt = timeline.stream().filter(entry -> TimelineEntry.SUPPRESSED.equals(entry.kind()))
                .map(TimelineEntry::at).min(Comparator.naturalOrder()).orElse(null);
        if (suppression != null && suppressedAt != null && suppressedAt.isBefore(before)) {
            List<SentMessage> toTheLead = earlier.stream().filter(m -> m.kind().toTheLead()).toList();
            toTheLead.stream().filter(m -> !m.sentAt().isAfter(suppressedAt)).reduce((first, second) -> second)
                    .ifPresent(bounced -> withEmailOf(List.of(bounced), suppressedAt, figures,
                            kinds.get(bounced.sendId()).on(suppressedAt), suppression));
        }
        return figures;
    }

    /** Adds the figure to the figures of the last of {@code emails} sent by {@code at} (the first when none was). */
    private static void withEmailOf(List<SentMessage> emails, Instant at, Map<String, CountChange> figures, EmailStep step,
                                    String figure) {
        emails.stream().filter(m -> !m.sentAt().isAfter(at)).reduce((first, second) -> second)
                .or(() -> emails.stream().findFirst())
                .ifPresent(m -> figures.merge(m.sendId(), CountChange.email(m.leadId(), step, figure),
                        (a, b) -> a.plusEmails(b.emails())));
    }

    /**
     * The kind and step (no day) of each message, by send id: from the first entry of an email sent, not taken by an
     * earlier message, written from its {@code sentAt} to a minute on; else nurture or sales alert, by its kind.
     */
    private static Map<String, EmailStep> kinds(List<SentMessage> messages, List<TimelineEntry> timeline) {
        List<TimelineEntry> sends = timeline.stream().filter(entry -> TimelineEntry.EMAIL_SENT.equals(entry.kind()))
                .sorted(Comparator.comparing(TimelineEntry::at)).toList();
        boolean[] taken = new boolean[sends.size()];
        Map<String, EmailStep> kinds = new HashMap<>();
        for (SentMessage m : messages) {
            EmailStep kind = null;
            for (int i = 0; i < sends.size() && kind == null; i++) {
                Instant at = sends.get(i).at();
                if (!taken[i] && !at.isBefore(m.sentAt()) && !at.isAfter(m.sentAt().plus(SENT_ENTRY_WITHIN))) {
                    kind = SentEntries.figuresOf(sends.get(i).detail()).orElse(null);
                    taken[i] = kind != null;
                }
            }
            kinds.put(m.sendId(), kind != null ? kind : m.kind() == EmailKind.NURTURE
                    ? new EmailStep(null, EmailStep.NURTURE, null, -1)
                    : new EmailStep(null, OutboxKind.SALES_ALERT.wireName(), null, -1));
        }
        return kinds;
    }
}
