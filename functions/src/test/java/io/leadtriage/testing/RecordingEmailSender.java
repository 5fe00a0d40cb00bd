package io.leadtriage.testing;

import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail service as the fast tests see it: every email it took, in order, and failures on demand, as SES fails
 * (throttling and outages may pass; a refusal never will). Thread-safe: dispatchers may share it.
 */
public final class RecordingEmailSender implements EmailSender {
    /** How a send fails. */
    public enum Failure {
        /** SES's rate was exceeded: try again later. */
        THROTTLED("Maximum sending rate exceeded", true),
        /** SES could not be reached or did not answer in time: try again later. */
        OUTAGE("connection refused", true),
        /** SES will never take this message (an unverified sender, a rejected address). */
        REFUSED("Email address is not verified", false),
        /** The function died after SES took the message, before the outbox recorded it: the message is out. */
        CRASH_AFTER_SENDING("the function died after SES accepted the message", false);

        private final String message;
        private final boolean retryable;

        Failure(String message, boolean retryable) {
            this.message = message;
            this.retryable = retryable;
        }
    }

    private final List<OutgoingEmail> sent = new ArrayList<>();
    private final Deque<Failure> nextFailures = new ArrayDeque<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private Failure everyFailure;
    private Runnable duringNextSend;

    /** The next {@code times} sends fail so; after them, sends go through (unless {@link #failEvery}). */
    public synchronized void failNext(int times, Failure failure) {
        for (int i = 0; i < times; i++) {
            nextFailures.add(failure);
        }
    }

    /** Every send fails so until {@link #recover()}. */
    public synchronized void failEvery(Failure failure) {
        everyFailure = failure;
    }

    public synchronized void recover() {
        everyFailure = null;
        nextFailures.clear();
    }

    /** Runs {@code step} while the next email is being sent (after its dispatcher claimed it): for races. */
    public synchronized void duringNextSend(Runnable step) {
        duringNextSend = step;
    }

    @Override
    public String send(OutgoingEmail email) {
        int attempt = attempts.incrementAndGet();
        Runnable during;
        Failure failure;
        synchronized (this) {
            during = duringNextSend;
            duringNextSend = null;
            failure = nextFailures.isEmpty() ? everyFailure : nextFailures.poll();
        }
        if (during != null) {
            during.run();
        }
        if (failure == Failure.CRASH_AFTER_SENDING) {
            record(email);
            throw new IllegalStateException(failure.message);
        }
        if (failure != null) {
            throw new EmailSendException(failure.message, failure.retryable, null);
        }
        record(email);
        return "message-" + attempt;
    }

    private synchronized void record(OutgoingEmail email) {
        sent.add(email);
    }

    /** Every email the service took, oldest first. */
    public synchronized List<OutgoingEmail> sent() {
        return List.copyOf(sent);
    }

    public List<OutgoingEmail> sentTo(String address) {
        return sent().stream().filter(email -> email.to().contains(address)).toList();
    }

    /** The sales alerts about the lead named so, oldest first (escalations aside). */
    public List<OutgoingEmail> alertsAbout(String name) {
        return salesEmailsStarting("Hot lead: " + name);
    }

    /** The escalations of alerts about the lead named so: to the escalation list, nobody having accepted in time. */
    public List<OutgoingEmail> escalationsAbout(String name) {
        return salesEmailsStarting("Not accepted yet · Hot lead: " + name);
    }

    private List<OutgoingEmail> salesEmailsStarting(String subject) {
        return sent().stream().filter(email -> email.kind() == EmailKind.SALES_ALERT)
                .filter(email -> email.subject().startsWith(subject)).toList();
    }

    public List<String> subjectsTo(String address) {
        return sentTo(address).stream().map(OutgoingEmail::subject).toList();
    }

    /** Sends tried, failed ones included. */
    public int attempts() {
        return attempts.get();
    }
}
