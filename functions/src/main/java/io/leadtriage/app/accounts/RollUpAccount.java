package io.leadtriage.app.accounts;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.email.AccountAlertComposer;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.app.ports.EmailSender;
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
 * goes out, once per hot episode (the account is marked hot first, by one writer only). A lead without an account (a
 * free-mail or throwaway address, a disqualified lead) has no share. The account is kept beside the lead's change,
 * not in its transaction: a change whose roll-up failed is rolled up with the lead's next one.
 */
public final class RollUpAccount {
    private final AccountBook accounts;
    private final ModelInEffect models;
    private final EmailSender mail;
    private final AccountAlertComposer composer;
    private final List<String> deploymentRecipients;
    private final Clock clock;

    /** @param deploymentRecipients the AlertRecipients of the deployment, for an alert no list of the model names */
    public RollUpAccount(AccountBook accounts, ModelInEffect models, EmailSender mail, AccountAlertComposer composer,
                         List<String> deploymentRecipients, Clock clock) {
        this.accounts = accounts;
        this.models = models;
        this.mail = mail;
        this.composer = composer;
        this.deploymentRecipients = List.copyOf(deploymentRecipients);
        this.clock = clock;
    }

    /** @return the account as rolled up, or empty when the model keeps no accounts or the lead has none */
    public Optional<Account> after(LeadRecord lead) {
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
            return Optional.of(account);
        }
        if (account.hotSince() == null && accounts.markHot(domain.get(), now) && alerts(rules, account)) {
            send(rules, model, account, verdict);
        }
        return Optional.of(account);
    }

    /** Only an account hot while none of its leads is: a hot lead has its own alert, naming its colleagues. */
    private static boolean alerts(AccountRules rules, Account account) {
        return rules.alert() != null && !account.anyLeadHot() && account.members().size() >= rules.alert().leadsNeeded();
    }

    private void send(AccountRules rules, QualificationModel model, Account account, Account.Verdict verdict) {
        List<String> to = !rules.alert().to().isEmpty() ? rules.alert().to()
                : model.alerts() != null && !model.alerts().defaultTo().isEmpty() ? model.alerts().defaultTo()
                : deploymentRecipients;
        Map<String, Object> log = Map.of("account", account.members().size() + " leads", "score", verdict.score());
        if (to.isEmpty()) {
            Log.warn("account alert not sent: no recipients configured", log);
            return;
        }
        try {
            mail.send(composer.compose(account, verdict, to));
            Log.info("account alert sent", log);
        } catch (RuntimeException e) {
            // Not marked as alerted, so the account's next change tries again
            accounts.clearHot(account.domain());
            Log.warn("account alert not sent; the account's next change tries again", Map.of("why", e.getClass().getSimpleName()));
        }
    }
}
