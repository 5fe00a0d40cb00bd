package io.leadtriage.app.outbox;

import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.domain.Tier;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.email.AccountAlertComposer;
import io.leadtriage.app.email.NurtureComposer;
import io.leadtriage.app.email.NurtureLinks;
import io.leadtriage.app.email.SalesAlertComposer;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.app.ports.WebhookSender;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.RoundRobin;
import io.leadtriage.domain.AlertRouting;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;
import io.leadtriage.domain.model.DoubleOptIn;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.app.ModelInEffect;
import java.util.function.Function;
import io.leadtriage.domain.model.Sequence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.leadtriage.app.sesevents.SentMessage.KIND_TAG;
import static io.leadtriage.app.sesevents.SentMessage.LEAD_ID_TAG;
import static io.leadtriage.app.sesevents.SentMessage.SEND_ID_TAG;

/**
 * Sends what the outbox holds: sales alerts right after the change that calls for them, and, every
 * minute, whatever is due or failed earlier. Each item is claimed first; throttling and outages leave it
 * for a later try with exponential backoff; a nurture step checks, when it is due, that the lead may
 * still get it (consent, not hot, not unsubscribed or suppressed) and that no marketing email went out
 * that day.
 */
public final class DispatchOutbox {
    static final Duration LEASE = Duration.ofSeconds(60);
    /** The dimension of the email metrics: the outbox kind's wire name. */
    static final String KIND = "Kind";
    /** The model's {@code nurture.maxPerDay} counts marketing emails per lead in this period. */
    static final Duration MARKETING_DAY = Duration.ofDays(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LAST_RETRY = Duration.ofMinutes(30);
    /** After this many failed tries (about a day of backoff) an item is given up and the timeline says so. */
    static final int MAX_ATTEMPTS = 60;
    private static final Pattern LINK = Pattern.compile("href=\"(https?://[^\"]+)\"");

    private final OutboxQueue outbox;
    private final LeadUnitOfWork leads;
    private final AlertLog alertLog;
    private final RoundRobin turns;
    private final EmailSender sender;
    private final EmailLinks links;
    private final WelcomeBudget welcomes;
    private final Pacer pacer;
    private final Clock clock;
    private final ModelInEffect models;
    private final AccountBook accounts;
    private final AccountAlertComposer accountAlerts;
    private final Function<QualificationModel, SalesAlertComposer> alertComposer;
    private final Function<QualificationModel, NurtureComposer> nurtureComposer;
    private final SendChatAlert chatAlerts;
    private final DeliverWebhook webhooks;
    private volatile ForVersion forVersion;

    /** What the dispatcher builds from one version of the model: its email composers and the escalation list. */
    private record ForVersion(long number, QualificationModel model, SalesAlertComposer alerts, NurtureComposer nurture,
                              List<String> escalationRecipients) {
    }
    static final String ACCEPTED = io.leadtriage.app.RecordDisposition.ACCEPTED;

    /**
     * @param alertComposer, nurtureComposer how the emails of a model version are composed
     * @param chat           where chat alerts (Slack, Teams) are posted
     * @param webhooks       where webhook deliveries are posted
     * @param accountAlerts  how an account alert is composed
     */
    public DispatchOutbox(OutboxQueue outbox, LeadUnitOfWork leads, AlertLog alertLog, RoundRobin turns, EmailSender sender,
                          ChatSender chat, WebhookSender webhooks, ModelInEffect models, Function<QualificationModel, SalesAlertComposer> alertComposer,
                          Function<QualificationModel, NurtureComposer> nurtureComposer, EmailLinks links,
                          WelcomeBudget welcomes, Pacer pacer, AccountBook accounts, AccountAlertComposer accountAlerts,
                          Clock clock) {
        this.accounts = accounts;
        this.accountAlerts = accountAlerts;
        this.chatAlerts = new SendChatAlert(outbox, chat, links, models, clock);
        this.webhooks = new DeliverWebhook(outbox, webhooks, clock);
        this.welcomes = welcomes;
        this.models = models;
        this.alertComposer = alertComposer;
        this.nurtureComposer = nurtureComposer;
        this.outbox = outbox;
        this.leads = leads;
        this.alertLog = alertLog;
        this.turns = turns;
        this.sender = sender;
        this.links = links;
        this.pacer = pacer;
        this.clock = clock;
    }

    /** Spaces sends to stay within the mail service's rate. */
    @FunctionalInterface
    public interface Pacer {
        void beforeSend();

        Pacer NONE = () -> { };

        /** At most {@code perSecond} sends a second, from this process. */
        static Pacer perSecond(double perSecond) {
            long gapNanos = (long) (1_000_000_000L / perSecond);
            long[] next = {0};
            return () -> {
                synchronized (next) {
                    long now = System.nanoTime();
                    long wait = next[0] - now;
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    next[0] = Math.max(now, next[0]) + gapNanos;
                }
            };
        }
    }

    /** What one pass did. */
    public record Report(int sent, int retried, int dropped, int skipped) {
        Report plus(Outcome o) {
            return new Report(sent + (o == Outcome.SENT ? 1 : 0), retried + (o == Outcome.RETRY ? 1 : 0),
                    dropped + (o == Outcome.DROPPED ? 1 : 0), skipped + (o == Outcome.SKIPPED ? 1 : 0));
        }
    }

    enum Outcome { SENT, RETRY, DROPPED, SKIPPED }

    /** The scheduled pass: everything due, until {@code budget} runs out. */
    public Report dispatchDue(int limit, Duration budget) {
        ModelInEffect.Version model = models.refreshIfDue();
        long deadline = System.nanoTime() + budget.toNanos();
        Report report = new Report(0, 0, 0, 0);
        Instant now = clock.instant();
        List<OutboxItem> due = outbox.due(now, limit);
        Metrics.record(Metric.OUTBOX_OLDEST_DUE_AGE, oldestDueAge(due, now).toSeconds());
        Metrics.record(Metric.MODEL_VERSION, model.number());
        for (OutboxItem item : due) {
            if (System.nanoTime() > deadline) {
                break;
            }
            report = report.plus(dispatch(item));
        }
        return report;
    }

    /**
     * How long the longest-waiting of {@code due} has waited: a sales alert or a confirmation since it was planned
     * (due at once, its retries do not restart the wait), any other item since it fell due. Zero when none is due.
     */
    static Duration oldestDueAge(List<OutboxItem> due, Instant now) {
        return due.stream().map(item -> Duration.between(firstDue(item), now)).filter(age -> !age.isNegative())
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static Instant firstDue(OutboxItem item) {
        boolean dueWhenPlanned = item.kind().alert() || item.kind() == OutboxKind.CONFIRMATION
                || item.kind() == OutboxKind.WEBHOOK;
        return dueWhenPlanned && item.createdAt() != null ? item.createdAt() : item.dueAt();
    }

    /** Right away, for items a change just wrote (the sales alert within seconds of a hot submission). */
    public Report dispatchNow(List<OutboxItem> items) {
        Report report = new Report(0, 0, 0, 0);
        for (OutboxItem item : items) {
            if (!item.dueAt().isAfter(clock.instant())) {
                report = report.plus(dispatch(item));
            }
        }
        return report;
    }

    /**
     * The sales alerts (and an account alert) a change just planned, sent in the invocation that made the change. They
     * are already stored: if sending fails here, the scheduled pass retries them, so a failure is logged and never fails
     * the request.
     */
    public void sendAlertsNow(List<OutboxItem> planned) {
        List<OutboxItem> alerts = planned.stream()
                .filter(o -> o.kind().alert() && (o.kind() != OutboxKind.CHAT_ALERT || chatAlerts.postsHere()))
                .toList();
        if (alerts.isEmpty()) {
            return;
        }
        try {
            dispatchNow(alerts);
        } catch (RuntimeException e) {
            Log.error("sales alert not sent now; the dispatcher will retry", Map.of("leadId", alerts.get(0).leadId()), e);
        }
    }

    /**
     * The webhook deliveries that events published in this invocation called for (lead.hot with its alert), posted
     * now. They are stored already: a failure is left to the scheduled pass, logged, and never fails the request.
     */
    public void deliverWebhooksNow(List<OutboxItem> deliveries) {
        if (deliveries.isEmpty() || !webhooks.deliversHere()) {
            return;
        }
        try {
            dispatchNow(deliveries);
        } catch (RuntimeException e) {
            Log.error("webhooks not delivered now; the dispatcher will retry", Map.of("leadId", deliveries.get(0).leadId()), e);
        }
    }

    /** The lead's account, when the model keeps accounts and the lead has colleagues in it; else null. */
    private Account accountOf(LeadRecord lead) {
        QualificationModel model = bound().model();
        if (model.accounts() == null) {
            return null;
        }
        return Account.domainFor(lead.lead().emailDomain(), model.accounts(), model.lists()).flatMap(accounts::find)
                .filter(a -> !a.othersThan(lead.id()).isEmpty()).orElse(null);
    }

    /** Renders a sales alert, its chat messages and every nurture template for {@code lead} without sending: SnapStart priming. */
    public void primeComposers(LeadRecord lead, NurtureLinks links) {
        bound().alerts().compose(lead, List.of("priming@example.com"), "https://example.com/d", "https://example.com/r",
                clock.instant());
        for (String template : bound().model().templates().keySet()) {
            bound().nurture().compose(lead, template, links);
        }
        io.leadtriage.app.chat.ChatAlertComposer.slack(lead, "https://example.com/d");
        io.leadtriage.app.chat.ChatAlertComposer.teams(lead, "https://example.com/d");
        Instant now = clock.instant();
        accountAlerts.compose(new Account("example.com",
                        List.of(new AccountMember(lead.id(), "Priming Run", 30, 40, Tier.WARM, now)), now),
                new Account.Verdict(70, Tier.HOT, 30, 40), List.of("priming@example.com"));
    }

    Outcome dispatch(OutboxItem due) {
        Instant now = clock.instant();
        Optional<OutboxItem> claimed = outbox.claim(due, now, LEASE);
        if (claimed.isEmpty()) {
            return Outcome.SKIPPED;
        }
        OutboxItem item = claimed.get();
        if (item.kind() == OutboxKind.WEBHOOK) {
            // It carries its event whole, and goes out even after the lead is gone (lead.erased).
            return webhooks.send(item, now);
        }
        Optional<LeadRecord> found = leads.findById(item.leadId());
        if (found.isEmpty()) {
            outbox.drop(item, null, null);
            return Outcome.DROPPED;
        }
        LeadRecord lead = found.get();
        // Suppression is of the lead's address: what goes to sales (an alert, its escalation) still goes.
        if (item.kind().marketing() && lead.contact().suppressedBecause() != null) {
            outbox.drop(item, null, entry(now, TimelineEntry.EMAIL_FAILED, item.kind().wireName()
                    + " not sent: address suppressed (" + lead.contact().suppressedBecause() + ")"));
            return Outcome.DROPPED;
        }
        return switch (item.kind()) {
            case SALES_ALERT -> sendAlert(item, lead, now);
            case ESCALATION -> sendEscalation(item, lead, now);
            case NURTURE -> sendNurtureStep(item, lead, now);
            case REMINDER -> sendReminder(item, lead, now);
            case CONFIRMATION -> sendConfirmation(item, lead, now);
            // Never due here: lead events wait in their own shards of the due index, for PublishLeadEvents.
            case LEAD_EVENT -> Outcome.SKIPPED;
            case CHAT_ALERT -> chatAlerts.send(item, lead, now);
            case WEBHOOK -> webhooks.send(item, now);
            case ACCOUNT_ALERT -> sendAccountAlert(item, lead, now);
        };
    }

    /** The account as it stands when the alert goes out (a retry names the leads it holds then). */
    private Outcome sendAccountAlert(OutboxItem item, LeadRecord lead, Instant now) {
        Optional<Account> account = accounts.find(item.accountDomain()).filter(a -> !a.members().isEmpty());
        if (account.isEmpty()) {
            outbox.drop(item, null, entry(now, TimelineEntry.EMAIL_FAILED, "account alert not sent: the account has no leads left"));
            return Outcome.DROPPED;
        }
        QualificationModel model = bound().model();
        Account.Verdict verdict = account.get().verdictAt(now, model.tiers(), model.behaviour().halfLife());
        return send(item, lead, accountAlerts.compose(account.get(), verdict, item.recipients()), null, null, null,
                SentEntries.accountAlert(item.accountDomain(), item.recipients().size()), now);
    }

    private Outcome sendAlert(OutboxItem item, LeadRecord lead, Instant now) {
        if (item.recipients().isEmpty()) {
            outbox.drop(item, null, entry(now, TimelineEntry.EMAIL_FAILED, "sales alert not sent: no recipients configured"));
            return Outcome.DROPPED;
        }
        AlertRouting routing = new AlertRouting(item.routeId(), item.recipients(), item.rotate());
        // Round robin: the turn is taken when the alert goes out, so each alert costs exactly one turn.
        List<String> recipients = routing.recipientsForTurn(item.rotate() ? turns.nextTurn(item.routeId()) : 0);
        OutgoingEmail email = bound().alerts().compose(lead, recipients, links.disposition(lead), links.leadRecord(lead), now,
                accountOf(lead));
        Duration acceptWithin = bound().model().alerts() == null ? null : bound().model().alerts().acceptWithin();
        OutboxItem escalation = acceptWithin == null || bound().escalationRecipients().isEmpty() ? null
                : OutboxItem.escalation(lead.id(), item.episode(), now.plus(acceptWithin), now);
        return send(item, lead, email, null, null, null, SentEntries.salesAlert(recipients.size(),
                item.rotate() ? item.routeId() : null), now, escalation);
    }

    /** Nobody accepted the alert in time: the escalation list gets it, once. Accepted in time: nothing. */
    private Outcome sendEscalation(OutboxItem item, LeadRecord lead, Instant now) {
        if (alertLog.dispositionOf(lead.id(), OutboxItem.alertId(item.episode())).filter(ACCEPTED::equals).isPresent()) {
            outbox.drop(item, null, entry(now, TimelineEntry.DISPOSITION, "alert accepted in time; no escalation"));
            return Outcome.DROPPED;
        }
        OutgoingEmail alertEmail = bound().alerts().compose(lead, bound().escalationRecipients(), links.disposition(lead),
                links.leadRecord(lead), now);
        OutgoingEmail email = new OutgoingEmail(alertEmail.kind(), alertEmail.from(), alertEmail.to(), alertEmail.replyTo(),
                "Not accepted yet · " + alertEmail.subject(), alertEmail.html(), alertEmail.text(), alertEmail.headers());
        return send(item, lead, email, null, null, null, SentEntries.escalation(bound().escalationRecipients().size()),
                now, null);
    }

    private Outcome sendNurtureStep(OutboxItem item, LeadRecord lead, Instant now) {
        NurtureState state = lead.nurture();
        Sequence sequence = bound().model().nurture().sequences().stream().filter(s -> s.id().equals(item.sequenceId()))
                .findFirst().orElse(null);
        String notWanted = notWanted(lead);
        if (notWanted == null && (state == null || !state.active() || !item.sequenceId().equals(state.sequenceId()))) {
            notWanted = "the lead left this sequence";
        }
        if (notWanted == null && (sequence == null || item.step() >= sequence.steps().size())) {
            notWanted = "the sequence no longer has this step";
        }
        if (notWanted != null) {
            outbox.drop(item, null, entry(now, TimelineEntry.NURTURE, "step " + (item.step() + 1) + " of "
                    + item.sequenceId() + " not sent: " + notWanted));
            return Outcome.DROPPED;
        }
        String template = sequence.steps().get(item.step()).template();
        int nextStep = item.step() + 1;
        OutboxItem next = nextStep < sequence.steps().size()
                ? OutboxItem.nurtureStep(lead.id(), sequence.id(), nextStep, now.plus(sequence.steps().get(nextStep).after()), now)
                : null;
        NurtureState after = new NurtureState(sequence.id(), nextStep, next == null ? NurtureState.COMPLETED : NurtureState.ACTIVE, null);
        return sendMarketing(item, lead, template, next, after,
                SentEntries.nurture(sequence.id(), item.step(), template), now);
    }

    private Outcome sendReminder(OutboxItem item, LeadRecord lead, Instant now) {
        String notWanted = lead.awaitingStep2Since() == null ? "step 2 is done" : notWanted(lead);
        if (notWanted != null) {
            outbox.drop(item, null, entry(now, TimelineEntry.NURTURE, "reminder not sent: " + notWanted));
            return Outcome.DROPPED;
        }
        return sendMarketing(item, lead, bound().model().nurture().reminder().template(), null, null,
                SentEntries.REMINDER, now);
    }

    /**
     * The double opt-in email: not a marketing email (it goes whatever the daily cap), but the first to an address
     * nobody has shown to be theirs, so within the welcome budget.
     */
    private Outcome sendConfirmation(OutboxItem item, LeadRecord lead, Instant now) {
        DoubleOptIn doubleOptIn = bound().model().nurture() == null ? null : bound().model().nurture().doubleOptIn();
        String notWanted = doubleOptIn == null ? "the model no longer asks for double opt-in"
                : lead.consent() == null ? "no consent"
                : lead.consent().confirmedAt() != null ? "already confirmed"
                : lead.contact().unsubscribedAt() != null ? "unsubscribed" : null;
        if (notWanted != null) {
            outbox.drop(item, null, entry(now, TimelineEntry.NURTURE, "confirmation email not sent: " + notWanted));
            return Outcome.DROPPED;
        }
        if (deferredByTheWelcomeBudget(item, lead, now)) {
            return Outcome.RETRY;
        }
        OutgoingEmail email = bound().nurture().compose(lead, doubleOptIn.template(),
                nurtureLinks(lead).withConfirmUrl(links.confirm(lead)));
        return send(item, lead, email, doubleOptIn.template(), null, null, SentEntries.CONFIRMATION, now);
    }

    /** A first email to an address not confirmed, beyond the welcome budget: put back until the budget allows. */
    private boolean deferredByTheWelcomeBudget(OutboxItem item, LeadRecord lead, Instant now) {
        Optional<WelcomeBudget.Deferral> deferred = welcomes.reserve(lead.lead().email(), now);
        if (deferred.isEmpty()) {
            return false;
        }
        Metrics.count(Metric.WELCOMES_DEFERRED);
        outbox.retryLater(item, now.plus(deferred.get().delay()), "welcome deferred: " + deferred.get().why());
        return true;
    }

    /**
     * A marketing email (nurture step or reminder): reserves the lead's next marketing slot first, and gives the
     * reservation back when the email did not go out. The model's {@code nurture.maxPerDay} emails a day are spaced
     * evenly (one every 24 hours ÷ maxPerDay): never more in any 24 hours, and the reservation stays one atomic
     * condition on the lead's last marketing time.
     */
    private Outcome sendMarketing(OutboxItem item, LeadRecord lead, String template, OutboxItem next,
                                  NurtureState nurtureAfter, String what, Instant now) {
        Instant previous = lead.contact().lastMarketingAt();
        boolean confirmed = lead.consent() != null && lead.consent().confirmedAt() != null;
        if (previous == null && !confirmed && deferredByTheWelcomeBudget(item, lead, now)) {
            return Outcome.RETRY;
        }
        int perDay = bound().model().nurture() == null ? 1 : bound().model().nurture().maxPerDay();
        Duration spacing = MARKETING_DAY.dividedBy(perDay);
        if (!outbox.reserveMarketing(lead.id(), now, spacing)) {
            outbox.retryLater(item, (previous == null ? now : previous).plus(spacing),
                    perDay == 1 ? "one marketing email a day" : perDay + " marketing emails a day at most");
            return Outcome.RETRY;
        }
        OutgoingEmail email = bound().nurture().compose(lead, template, nurtureLinks(lead));
        Outcome outcome = send(item, lead, email, template, next, nurtureAfter, what, now);
        if (outcome != Outcome.SENT) {
            outbox.releaseMarketing(lead.id(), now, previous);
        }
        return outcome;
    }

    /** Why a marketing email must not go to this lead, or null when it may. */
    private static String notWanted(LeadRecord lead) {
        if (lead.consent() == null) {
            return "no consent";
        }
        if (lead.contact().unsubscribedAt() != null) {
            return "unsubscribed";
        }
        if (lead.qualification().alertsSales()) {
            return "the lead is hot: sales took over";
        }
        if (lead.qualification().disqualifiedBecause() != null) {
            return "disqualified";
        }
        return null;
    }

    private NurtureLinks nurtureLinks(LeadRecord lead) {
        String unsubscribe = links.unsubscribe(lead);
        String surveyId = bound().model().surveys().keySet().stream().findFirst().orElse(null);
        String formId = lead.source().get("formId");
        FormDefinition form = formId == null ? null : bound().model().forms().get(formId);
        String booking = bound().model().forms().values().stream().map(FormDefinition::bookingUrl).filter(u -> u != null)
                .findFirst().orElse(null);
        return new NurtureLinks(unsubscribe, unsubscribe,
                surveyId == null ? null : links.survey(lead, surveyId), links.finish(lead, form), links.onSite(lead, booking));
    }

    /**
     * A lead's first sales alert handed over: its speed to alert, for the report counters (a later alert changes
     * nothing there; a lead the counters do not hold yet is counted whole by the backfill, alert included).
     */
    private static CountChange firstAlertCounts(OutboxItem item, LeadRecord lead, Instant sentAt) {
        if (item.kind() != OutboxKind.SALES_ALERT || lead.sales().firstAlertSentAt() != null || !lead.counted()) {
            return CountChange.none(lead.id());
        }
        SalesState s = lead.sales();
        return CountChange.between(lead, lead.withSales(new SalesState(s.firstHotAt(), sentAt, s.opportunityAt(), s.wonAt(),
                s.lostAt(), s.disposition(), s.dispositionAt(), s.stagesReached(), s.rulesAtOutcome(), s.spamSuspect(),
                s.hotTrigger())));
    }

    private Outcome send(OutboxItem item, LeadRecord lead, OutgoingEmail email, String template, OutboxItem next,
                         NurtureState nurtureAfter, String what, Instant now) {
        return send(item, lead, email, template, next, nurtureAfter, what, now, null);
    }

    private Outcome send(OutboxItem item, LeadRecord lead, OutgoingEmail email, String template, OutboxItem next,
                         NurtureState nurtureAfter, String what, Instant now, OutboxItem followUp) {
        String sendId = UUID.randomUUID().toString();
        Map<String, String> tags = new java.util.HashMap<>(Map.of(LEAD_ID_TAG, lead.id(), SEND_ID_TAG, sendId,
                KIND_TAG, item.kind().wireName()));
        if (item.kind() == OutboxKind.NURTURE && io.leadtriage.app.sesevents.SentMessage.TAG_VALUE.matcher(item.sequenceId()).matches()) {
            tags.put(io.leadtriage.app.sesevents.SentMessage.SEQUENCE_TAG, item.sequenceId());
            tags.put(io.leadtriage.app.sesevents.SentMessage.STEP_TAG, String.valueOf(item.step()));
        }
        OutgoingEmail tagged = email.withTags(tags);
        try {
            pacer.beforeSend();
            String messageId = sender.send(tagged);
            SentMessage message = SentMessage.sent(lead.id(), sendId, email.kind(), template, messageId, clock.instant(),
                    linkCount(email.html()));
            EmailStep figures = item.kind() == OutboxKind.NURTURE ? EmailStep.nurture(message.sentAt(), item.sequenceId(), item.step())
                    : EmailStep.of(message.sentAt(), item.kind().wireName());
            outbox.sent(item, message, next, nurtureAfter, entry(clock.instant(), TimelineEntry.EMAIL_SENT, what), followUp,
                    firstAlertCounts(item, lead, message.sentAt()).plusEmail(figures, EmailStep.SENT));
            Metrics.count(Metric.EMAILS_SENT, KIND, item.kind().wireName());
            if (item.kind() == OutboxKind.SALES_ALERT && item.createdAt() != null) {
                Metrics.record(Metric.SPEED_TO_ALERT, Duration.between(item.createdAt(), message.sentAt()).toMillis());
            }
            return Outcome.SENT;
        } catch (EmailSendException e) {
            Metrics.count(Metric.EMAILS_FAILED, KIND, item.kind().wireName());
            boolean retry = e.retryable() && item.attempts() < MAX_ATTEMPTS;
            // The adapter's message names the service's error code and request id, never an address.
            Log.warn("email not handed to SES", Map.of("leadId", lead.id(), "kind", item.kind().wireName(),
                    "attempt", item.attempts(), "then", retry ? "retried later" : "given up", "error", String.valueOf(e.getMessage())));
            if (retry) {
                outbox.retryLater(item, now.plus(backoff(item.attempts())), e.getMessage());
                return Outcome.RETRY;
            }
            outbox.drop(item, null, entry(now, TimelineEntry.EMAIL_FAILED, item.kind().wireName() + " not sent: "
                    + (e.retryable() ? "gave up after " + item.attempts() + " tries" : "refused by the mail service")));
            return Outcome.DROPPED;
        }
    }

    /** 30 s, 1 min, 2 min, … up to 30 min, each ±20 % so that retries of many items spread out. */
    static Duration backoff(int attempts) {
        long seconds = Math.min(LAST_RETRY.toSeconds(), FIRST_RETRY.toSeconds() << Math.min(Math.max(attempts - 1, 0), 10));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (seconds * 1000 * jitter));
    }

    private static int linkCount(String html) {
        if (html == null) {
            return 0;
        }
        Matcher m = LINK.matcher(html);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        while (m.find()) {
            distinct.add(m.group(1));
        }
        return distinct.size();
    }

    private static TimelineEntry entry(Instant at, String kind, String detail) {
        return new TimelineEntry(at, kind, detail);
    }

    private ForVersion bound() {
        ModelInEffect.Version version = models.current();
        ForVersion bound = forVersion;
        if (bound == null || bound.number() != version.number()) {
            bound = new ForVersion(version.number(), version.model(), alertComposer.apply(version.model()),
                    nurtureComposer.apply(version.model()), version.router().escalationRecipients());
            forVersion = bound;
        }
        return bound;
    }
}
