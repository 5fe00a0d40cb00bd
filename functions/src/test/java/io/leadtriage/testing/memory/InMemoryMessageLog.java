package io.leadtriage.testing.memory;

import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Sent messages with their deliveries and clicks; a message that is gone takes no more notes. */
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

    @Override
    public void recordClick(String leadId, String sendId, SentMessage.Click click) {
        change(leadId, sendId, m -> {
            List<SentMessage.Click> clicks = new ArrayList<>(m.clicks());
            clicks.add(click);
            return new SentMessage(m.leadId(), m.sendId(), m.kind(), m.template(), m.messageId(), m.sentAt(), m.deliveredAt(),
                    m.linkCount(), clicks);
        });
    }

    /** The first delivery reported stands. */
    @Override
    public void recordDelivery(String leadId, String sendId, Instant deliveredAt) {
        change(leadId, sendId, m -> m.deliveredAt() != null ? m : new SentMessage(m.leadId(), m.sendId(), m.kind(),
                m.template(), m.messageId(), m.sentAt(), deliveredAt, m.linkCount(), m.clicks()));
    }

    private void change(String leadId, String sendId, UnaryOperator<SentMessage> change) {
        synchronized (table) {
            findMessage(leadId, sendId).ifPresent(m -> table.messages.get(leadId).put(sendId, change.apply(m)));
        }
    }
}
