package io.leadtriage.local;

import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Catches emails instead of sending them, behind the same port the SES adapter implements: the local
 * run's default, so that alerts and nurture can be watched without any mail service.
 */
public final class MailCatcher implements EmailSender {
    private final Clock clock;
    private final List<CaughtEmail> caught = new ArrayList<>();

    public MailCatcher(Clock clock) {
        this.clock = clock;
    }

    /** An email as caught, with the time it was handed over and the message id it was given. */
    public record CaughtEmail(OutgoingEmail email, String messageId, Instant sentAt) {
    }

    @Override
    public synchronized String send(OutgoingEmail email) {
        String messageId = "local-" + UUID.randomUUID();
        caught.add(new CaughtEmail(email, messageId, clock.instant()));
        return messageId;
    }

    /**
     * Sends through {@code mailService} (an SES emulator, say) and keeps a copy here, so the local
     * console shows the emails either way.
     */
    public EmailSender copying(EmailSender mailService) {
        return email -> {
            String messageId = mailService.send(email);
            synchronized (this) {
                caught.add(new CaughtEmail(email, messageId, clock.instant()));
            }
            return messageId;
        };
    }

    public synchronized List<CaughtEmail> caught() {
        return List.copyOf(caught);
    }

    public synchronized void clear() {
        caught.clear();
    }
}
