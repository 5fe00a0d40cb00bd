package io.leadtriage.app.accounts;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.model.AccountRules;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After a lead's change is stored: its share of its company's account (its fit and behaviour points, its tier) is
 * put, the account rescored, and when the account turns hot although none of its leads is, the model's account alert
 * is planned, once per hot episode: stored on the lead's outbox in the same write that marks the account hot, by one
 * writer only, so that the dispatcher sends it even if this function dies before it can (the caller sends it at once,
 * as it does a lead's sales alert). A lead without an account (a free-mail or throwaway address, a disqualified lead)
 * has no share. The account is kept beside the lead's change, not in its transaction: a change whose roll-up failed
 * is rolled up with the lead's next one.
 */
public final class RollUpAccount {
    private final AccountBook accounts;
    private final ModelInEffect models;
    private final List<String> deploymentRecipients;
    private final Clock clock;

    /** @param deploymentRecipients the AlertRecipients of the deployment, for an alert no list of the model names */
    public RollUpAccount(AccountBook accounts, ModelInEffect models, List<String> deploymentRecipients, Clock clock) {
        this.accounts = accounts;
        this.models = models;
        this.deploymentRecipients = List.copyOf(deploymentRecipients);
        this.clock = clock;
    }

    /** @return the account alert the roll-up stored, to send at once; empty when it stored none */
    public Optional<OutboxItem> after(LeadRecord lead) {
        QualificationModel model = models.current().model();
        AccountRules rules = model.accounts();
        QualificationSummary q = lead.qualification();
        if (rules == null || q == null) {
            return Optional.empty();
        }
        Optional<String> domain = Account.domainFor(lead.lead().emailDomain(), rules, model.lists());
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        if (q.disqualifiedBecause() != null) {
            accounts.remove(domain.get(), lead.id());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Set<String> fitRules = model.fit().stream().map(FitRule::id).collect(Collectors.toSet());
        int fit = q.breakdown().stream().filter(l -> fitRules.contains(l.ruleId())).mapToInt(ScoreLine::points).sum();
        String name = lead.lead().answers().displayName();
        Account account = accounts.put(domain.get(), new AccountMember(lead.id(), name.isEmpty() ? lead.lead().email() : name,
                fit, q.score() - fit, q.tier(), now));
        Account.Verdict verdict = account.verdictAt(now, model.tiers(), model.behaviour().halfLife());
        if (verdict.tier() != Tier.HOT) {
            if (account.hotSince() != null) {
                accounts.clearHot(domain.get());
            }
            return Optional.empty();
        }
        if (account.hotSince() != null) {
            return Optional.empty();
        }
        OutboxItem alert = alerts(rules, account) ? alertOf(lead, rules, model, account, verdict, now) : null;
        return accounts.markHot(domain.get(), now, alert) ? Optional.ofNullable(alert) : Optional.empty();
    }

    /** Only an account hot while none of its leads is: a hot lead has its own alert, naming its colleagues. */
    private static boolean alerts(AccountRules rules, Account account) {
        return rules.alert() != null && !account.anyLeadHot() && account.members().size() >= rules.alert().leadsNeeded();
    }

    /** The alert to store with the account's hot mark; null when there is nobody to send it to (said in the log). */
    private OutboxItem alertOf(LeadRecord lead, AccountRules rules, QualificationModel model, Account account,
                               Account.Verdict verdict, Instant now) {
        List<String> to = !rules.alert().to().isEmpty() ? rules.alert().to()
                : model.alerts() != null && !model.alerts().defaultTo().isEmpty() ? model.alerts().defaultTo()
                : deploymentRecipients;
        if (to.isEmpty()) {
            Log.warn("account alert not sent: no recipients configured",
                    Map.of("account", account.members().size() + " leads", "score", verdict.score()));
            return null;
        }
        return OutboxItem.accountAlert(lead.id(), account.domain(), now, to, now);
    }
}
