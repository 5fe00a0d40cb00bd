package io.leadtriage.app.sesevents;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The email an SES event is about, as the event's {@code mail} object describes it.
 *
 * <p>Sends carry three message tags of ours, whose names stay as they are (events about emails sent long ago
 * still carry them):
 * <ul>
 *   <li>{@value #LEAD_ID_TAG}: the lead the email was sent to or about;</li>
 *   <li>{@value #SEND_ID_TAG}: our id of the send, the sent-message record that holds its delivery and clicks;</li>
 *   <li>{@value #KIND_TAG}: what the email was, the outbox kind's wire name: {@code sales_alert} and
 *       {@code escalation} go to sales reps <em>about</em> the lead, {@code nurture} and {@code reminder} go
 *       <em>to</em> the lead. Only events on the latter two concern the lead's address and behaviour.</li>
 * </ul>
 * A nurture email also carries {@value #SEQUENCE_TAG} and {@value #STEP_TAG} (from 0), for the email figures of
 * its step (a sequence whose id SES would refuse as a tag value goes without: its events count for no step).
 * They tie an event back to the lead and the sent message without reading any address. SES also adds its own tags
 * ({@code ses:configuration-set}, {@code ses:from-domain}, …). SES only accepts tag values of ASCII letters,
 * digits, {@code _} and {@code -}, so a UUID fits as is.
 *
 * @param messageId the id SES gave the message when it accepted the send ({@code mail.messageId})
 * @param sentAt    when SES accepted the send ({@code mail.timestamp})
 * @param tags      {@code mail.tags}: each tag name with its values (SES publishes every value as a list)
 */
public record SentMessage(String messageId, Instant sentAt, Map<String, List<String>> tags) {
    public static final String LEAD_ID_TAG = "leadId";
    public static final String SEND_ID_TAG = "sendId";
    public static final String KIND_TAG = "kind";
    public static final String SEQUENCE_TAG = "sequence";
    public static final String STEP_TAG = "step";
    /** What SES takes as a tag value. */
    public static final java.util.regex.Pattern TAG_VALUE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public SentMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        (tags == null ? Map.<String, List<String>>of() : tags).forEach((name, values) -> copy.put(name, List.copyOf(values)));
        tags = Collections.unmodifiableMap(copy);
    }

    /**
     * The one value of a tag. Empty when the tag is absent or blank, and also when it holds different values:
     * a message that names two leads cannot be credited to either.
     */
    public Optional<String> tag(String name) {
        List<String> values = tags.getOrDefault(name, List.of()).stream()
                .filter(value -> !value.isBlank())
                .distinct()
                .toList();
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** The lead the message was sent to or about; empty for a send that was not tagged (a test email). */
    public Optional<String> leadId() {
        return tag(LEAD_ID_TAG);
    }

    /** Our id of the send: the sent-message record that holds its delivery time and clicks. */
    public Optional<String> sendId() {
        return tag(SEND_ID_TAG);
    }

    /**
     * What the email was ({@code sales_alert}, {@code escalation}, {@code nurture}, {@code reminder}); empty for
     * a send that did not say.
     */
    public Optional<String> kind() {
        return tag(KIND_TAG);
    }

    /** The nurture sequence and step (from 0) the email was; empty for any other email, or one that did not say. */
    public Optional<io.leadtriage.app.reports.EmailStep> nurtureStep(Instant at) {
        Optional<String> sequence = tag(SEQUENCE_TAG);
        Optional<String> step = tag(STEP_TAG).filter(s -> s.matches("[0-9]{1,4}"));
        return sequence.isPresent() && step.isPresent()
                ? Optional.of(io.leadtriage.app.reports.EmailStep.nurture(at, sequence.get(), Integer.parseInt(step.get())))
                : Optional.empty();
    }

    /** The email figures an event on this email at {@code at} adds to: its kind's ({@code untagged} when unsaid), its step's. */
    public io.leadtriage.app.reports.EmailStep figures(Instant at) {
        return nurtureStep(at).orElseGet(() -> io.leadtriage.app.reports.EmailStep.of(at, kind().orElse("untagged")));
    }
}
