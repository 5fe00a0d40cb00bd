package io.leadtriage.ops;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every metric the functions emit, with its unit and the dimension sets it is broken down by: the one list that
 * alarms, the dashboard and their tests (OperationsTemplateTest) are checked against. Each set starts with
 * {@link Metrics#STACK} (two stacks in one account never mix), so {@code []} below means "by stack only".
 *
 * <p>Dimensions are few and their values bounded (tiers, stages, form ids of the model, email kinds): each distinct
 * combination is one custom metric billed by the month, and none carries an address, a name or a lead id.
 */
public enum Metric {
    /** A new lead stored, by the form it came from, its tier and its stage. */
    LEADS("Leads", Unit.COUNT, List.of(List.of("Tier"), List.of("Form", "Tier", "Stage"))),
    /** A known lead whose tier changed (a later form, a survey, a signal, the tier review), by the tier it moved to. */
    LEADS_REQUALIFIED("LeadsRequalified", Unit.COUNT, List.of(List.of("Tier"))),
    /** From the change that turned a lead hot (the submission) to its sales alert handed to SES. */
    SPEED_TO_ALERT("SpeedToAlert", Unit.MILLISECONDS, List.of(List.of())),
    /** From the change that turned a lead hot to its chat alert taken by the webhook, by service (slack, teams). */
    SPEED_TO_CHAT_ALERT("SpeedToChatAlert", Unit.MILLISECONDS, List.of(List.of(), List.of("Service"))),
    /** A chat alert a webhook refused or could not take (each try), by service. */
    CHAT_ALERTS_FAILED("ChatAlertsFailed", Unit.COUNT, List.of(List.of(), List.of("Service"))),
    /** Lead events the bus took (docs/events.md). */
    LEAD_EVENTS_PUBLISHED("LeadEventsPublished", Unit.COUNT, List.of(List.of())),
    /** Lead events given up on: refused for good, or failing for a day (each recorded on the lead's timeline). */
    LEAD_EVENTS_DROPPED("LeadEventsDropped", Unit.COUNT, List.of(List.of())),
    /** Lead events the bus did not take at once and that wait for a later try (each try). */
    LEAD_EVENTS_RETRIED("LeadEventsRetried", Unit.COUNT, List.of(List.of())),
    /** A lead event a webhook subscriber took (docs/webhooks.md), by subscriber. */
    WEBHOOKS_DELIVERED("WebhooksDelivered", Unit.COUNT, List.of(List.of(), List.of("Subscriber"))),
    /** From the delivery's creation (its event published) to the subscriber's 2xx. */
    WEBHOOK_DELIVERY_AGE("WebhookDeliveryAge", Unit.MILLISECONDS, List.of(List.of())),
    /** A webhook delivery the subscriber did not take, left for a later try (each try), by subscriber. */
    WEBHOOK_RETRIES("WebhookRetries", Unit.COUNT, List.of(List.of(), List.of("Subscriber"))),
    /** A webhook delivery given up on and kept as a dead letter to replay, by subscriber. */
    WEBHOOKS_DEAD_LETTERED("WebhooksDeadLettered", Unit.COUNT, List.of(List.of(), List.of("Subscriber"))),
    /** Measured by every dispatcher pass: how long the oldest due item of the outbox has waited (0 when none). */
    OUTBOX_OLDEST_DUE_AGE("OutboxOldestDueAge", Unit.SECONDS, List.of(List.of())),
    /** An email handed to SES, by outbox kind (sales_alert, escalation, nurture, reminder, confirmation). */
    EMAILS_SENT("EmailsSent", Unit.COUNT, List.of(List.of(), List.of("Kind"))),
    /** A send SES refused or could not take (each try), by outbox kind. */
    EMAILS_FAILED("EmailsFailed", Unit.COUNT, List.of(List.of(), List.of("Kind"))),
    /** SES events on the emails sent, by outbox kind (its kind tag). */
    SES_DELIVERIES("SesDeliveries", Unit.COUNT, List.of(List.of(), List.of("Kind"))),
    /** Permanent bounces only: SES's bounce rate counts those. */
    SES_BOUNCES("SesBounces", Unit.COUNT, List.of(List.of(), List.of("Kind"))),
    SES_COMPLAINTS("SesComplaints", Unit.COUNT, List.of(List.of(), List.of("Kind"))),
    /**
     * A request refused as rate_limited, by the limit it hit (client:form, client:survey, client:events, address,
     * lead:events, admin:test-send).
     */
    RATE_LIMITED("RateLimited", Unit.COUNT, List.of(List.of(), List.of("Limit"))),
    /** A form post whose hidden field a bot filled (answered as accepted, nothing stored). */
    HONEYPOT_HITS("HoneypotHits", Unit.COUNT, List.of(List.of())),
    /** A first email to an unconfirmed address put back by the welcome budget. */
    WELCOMES_DEFERRED("WelcomesDeferred", Unit.COUNT, List.of(List.of())),
    /** The model version in effect, as every dispatcher pass sees it. */
    MODEL_VERSION("ModelVersion", Unit.NONE, List.of(List.of()));

    /** CloudWatch's units, as EMF spells them (the ones these metrics use). */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds"), NONE("None");

        private final String emfName;

        Unit(String emfName) {
            this.emfName = emfName;
        }

        public String emfName() {
            return emfName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final List<List<String>> dimensionSets;

    Metric(String metricName, Unit unit, List<List<String>> withoutStack) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensionSets = withoutStack.stream().map(Metric::withStack).toList();
    }

    private static List<String> withStack(List<String> dimensions) {
        List<String> all = new java.util.ArrayList<>();
        all.add(Metrics.STACK);
        all.addAll(dimensions);
        return List.copyOf(all);
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension sets (Stack first in each) it is published under. */
    public List<List<String>> dimensionSets() {
        return dimensionSets;
    }

    /** Every dimension any of its sets names, Stack included: what each emission must give a value. */
    public Set<String> dimensions() {
        Set<String> all = new LinkedHashSet<>();
        dimensionSets.forEach(all::addAll);
        return all;
    }
}
