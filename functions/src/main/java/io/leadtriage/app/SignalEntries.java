package io.leadtriage.app;

import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signal entries of the timeline that may travel in the lead's {@code signals} instead of a timeline item of their own:
 * the entry of every signal a page or a backend reports is in its lead's timeline, whether the store wrote it
 * ({@link #merged}, for every store). The DynamoDB store writes none for a change whose only entry is its signal's
 * ({@link TimelineEntry#ofSignal}) while the lead keeps fewer than {@link Lead#SIGNALS_KEPT_PER_TYPE} signals of that
 * type: the profile, written anyway, holds it.
 * From then on the profile drops the oldest signal of the type at each new one, so a change at that bound stores its
 * entry and the entry of the oldest signal of the type still kept (the next to be dropped) in a timeline item: every
 * entry is in a timeline item before its signal leaves the profile. Reading merges the two, once each, in time order.
 *
 * <p>Only the signals a page or a backend reports ({@code RecordSignal}) after the lead was created are carried: a
 * form's, an email click's have entries of their own, and a signal that created its lead is written with it. A signal stored before entries were carried has its entry in a timeline item, stamped when
 * its change was stored, a moment after the signal: such an entry stands for it (within {@link #STAMPED_WITHIN}), so
 * no signal is listed twice.
 */
public final class SignalEntries {
    static final Duration STAMPED_WITHIN = Duration.ofSeconds(10);

    private SignalEntries() {
    }

    /** A signal that came with its lead's creation (a backend's first word of a lead) is written with it. */
    private static boolean carries(LeadRecord lead, Signal signal) {
        return (signal.source() == SignalSource.PAGE || signal.source() == SignalSource.BACKEND)
                && !signal.at().isBefore(lead.createdAt());
    }

    /** The entries of a write to store in a timeline item: none, or what the profile does not hold for good. */
    public static List<TimelineEntry> toStore(LeadRecord lead, List<TimelineEntry> entries) {
        if (entries.size() != 1) {
            return entries;
        }
        List<Signal> signals = lead.lead().signals();
        Optional<Signal> carried = signals.stream().filter(signal -> carries(lead, signal))
                .filter(s -> TimelineEntry.ofSignal(s).equals(entries.get(0))).findFirst();
        if (carried.isEmpty()) {
            return entries;
        }
        List<Signal> sameType = signals.stream().filter(s -> s.type() == carried.get().type())
                .sorted(Comparator.comparing(Signal::at)).toList();
        if (sameType.size() < Lead.SIGNALS_KEPT_PER_TYPE) {
            return List.of();
        }
        Signal next = sameType.get(0);
        return next.equals(carried.get()) || !carries(lead, next) ? entries
                : List.of(TimelineEntry.ofSignal(next), entries.get(0));
    }

    /** The entries stored with the lead's signal entries they do not hold, in time order (stored ones first at a tie). */
    public static List<TimelineEntry> merged(List<TimelineEntry> stored, Optional<LeadRecord> lead) {
        // A signal's entry stored twice (its change's own, then again as the next to leave the profile) counts once.
        List<TimelineEntry> all = new ArrayList<>();
        Set<TimelineEntry> signalEntries = new HashSet<>();
        stored.stream().filter(e -> !e.kind().equals(TimelineEntry.SIGNAL) || signalEntries.add(e)).forEach(all::add);
        if (lead.isPresent()) {
            // Each stored entry stands for one signal at most: the same entry first, then one stamped a moment after it.
            List<TimelineEntry> unclaimed = new ArrayList<>(all);
            List<TimelineEntry> unmatched = new ArrayList<>();
            lead.get().lead().signals().stream().filter(signal -> carries(lead.get(), signal)).map(TimelineEntry::ofSignal)
                    .filter(entry -> !unclaimed.remove(entry)).forEach(unmatched::add);
            for (TimelineEntry entry : unmatched) {
                Optional<TimelineEntry> stamped = unclaimed.stream().filter(e -> e.kind().equals(entry.kind())
                        && e.detail().equals(entry.detail()) && !e.at().isBefore(entry.at())
                        && e.at().isBefore(entry.at().plus(STAMPED_WITHIN))).findFirst();
                if (stamped.isPresent()) {
                    unclaimed.remove(stamped.get());
                } else {
                    all.add(entry);
                }
            }
        }
        all.sort(Comparator.comparing(TimelineEntry::at));
        return all;
    }
}
