package io.leadtriage.app;

/**
 * Where a lead stands in its nurture sequence.
 *
 * @param nextStep index of the step the nurture slot of the outbox sends next
 * @param status   {@link #ACTIVE}, {@link #STOPPED} or {@link #COMPLETED}
 * @param reason   why it stopped (turned hot, unsubscribed, bounced, …); null otherwise
 */
public record NurtureState(String sequenceId, int nextStep, String status, String reason) {
    public static final String ACTIVE = "active";
    public static final String STOPPED = "stopped";
    public static final String COMPLETED = "completed";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public NurtureState stopped(String why) {
        return new NurtureState(sequenceId, nextStep, STOPPED, why);
    }
}
