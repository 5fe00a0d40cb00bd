package io.leadtriage.app.ports;

/** Hands emails to the mail service (SES when deployed; the emulator or the local mail catcher locally). */
public interface EmailSender {
    /**
     * @return the mail service's message id
     * @throws EmailSendException when the service did not take the message
     */
    String send(OutgoingEmail email);
}
