package io.leadtriage.testing.memory;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.reports.CountChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Sent messages with their deliveries, clicks, bounces and complaints; a message that is gone takes no more notes. */
public final class InMemoryMessageLog implements MessageLog {
    private final MemoryTable table;

    InMemoryMessageLog(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<SentMessage> findMessage(String leadId, String sendId) {
        synchronized (table) {
            return Optional.ofNullable(table.messages.getOrDefault(leadId, Map.of()).get(sendId));
        }
    }

    @Override
    public List<SentMessage> sentMessages(String leadId) {
        synchronized (table) {
            return table.messages.getOrDefault(leadId, Map.of()).values().stream()
                    .sorted(Comparator.comparing(SentMessage::sentAt)).toList();
        }
    }

    /** A person's click counts when no click by a person is held yet, checked and written under one lock. */
    @Override
    public boolean recordClick(String leadId, String sendId, SentMessage.Click click, CountChange counts) {
        synchronized (table) {
            boolean first = !click.scanner() && findMessage(leadId, sendId)
                    .filter(m -> m.clicks().stream().allMatch(SentMessage.Click::scanner)).isPresent();
            change(leadId, sendId, first ? counts : CountChange.none(leadId), m -> {
                List<SentMessage.Click> clicks = new ArrayList<>(m.clicks());
                clicks.add(click);
                return new SentMessage(m.leadId(), m.sendId(), m.kind(), m.template(), m.messageId(), m.sentAt(),
                        m.deliveredAt(), m.bouncedAt(), m.complainedAt(), m.linkCount(), clicks, m.backfilled());
            });
            return first && !counts.isEmpty();
        }
    }

    /** The first delivery reported stands. */
    @Override
    public boolean recordDelivery(String leadId, String sendId, Instant deliveredAt, CountChange counts) {
        return change(leadId, sendId, counts, m -> m.deliveredAt() != null ? m : new SentMessage(m.leadId(), m.sendId(), m.kind(),
                m.template(), m.messageId(), m.sentAt(), deliveredAt, m.bouncedAt(), m.complainedAt(), m.linkCount(), m.clicks(), m.backfilled()));
    }

    @Override
    public boolean recordBounce(String leadId, String sendId, Instant bouncedAt, CountChange counts) {
        return change(leadId, sendId, counts, m -> m.bouncedAt() != null ? m : new SentMessage(m.leadId(), m.sendId(), m.kind(),
                m.template(), m.messageId(), m.sentAt(), m.deliveredAt(), bouncedAt, m.complainedAt(), m.linkCount(), m.clicks(), m.backfilled()));
    }

    @Override
    public boolean recordComplaint(String leadId, String sendId, Instant complainedAt, CountChange counts) {
        return change(leadId, sendId, counts, m -> m.complainedAt() != null ? m : new SentMessage(m.leadId(), m.sendId(), m.kind(),
                m.template(), m.messageId(), m.sentAt(), m.deliveredAt(), m.bouncedAt(), complainedAt, m.linkCount(), m.clicks(), m.backfilled()));
    }

    /** @return true when the change made a difference to a message still kept (then {@code counts} are added) */
    private boolean change(String leadId, String sendId, CountChange counts, UnaryOperator<SentMessage> change) {
        synchronized (table) {
            Optional<SentMessage> found = findMessage(leadId, sendId);
            if (found.isEmpty()) {
                return false;
            }
            SentMessage changed = change.apply(found.get());
            table.messages.get(leadId).put(sendId, changed);
            if (changed.equals(found.get())) {
                return false;
            }
            table.count(counts);
            return true;
        }
    }
}
