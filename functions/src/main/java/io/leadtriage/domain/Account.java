package io.leadtriage.domain;

import io.leadtriage.domain.model.AccountRules;
import io.leadtriage.domain.model.TierBands;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The leads of one company domain, scored together: the fit of its best-known lead (firmographics are the company's,
 * whoever gave them) plus the behaviour of all its leads, each fading with the model's half-life since the lead's last
 * change. Tiered with the leads' bands, so "3 people from acme.io engaged this week" can make an account hot while
 * none of its leads is.
 *
 * @param hotSince when the account last turned hot (and alerted); null while it is not
 */
public record Account(String domain, List<AccountMember> members, Instant hotSince) {
    public Account {
        members = members.stream().sorted(Comparator.comparing(AccountMember::leadId)).toList();
    }

    /** The account's score and tier as of {@code now}. */
    public record Verdict(int score, Tier tier, int fit, int engagement) {
    }

    public Verdict verdictAt(Instant now, TierBands bands, Duration halfLife) {
        int fit = members.stream().mapToInt(AccountMember::fitPoints).max().orElse(0);
        double engagement = 0;
        double halfLifeSeconds = halfLife == null ? Double.POSITIVE_INFINITY : halfLife.toSeconds();
        for (AccountMember m : members) {
            double age = Math.max(0, Duration.between(m.at(), now).toSeconds());
            engagement += m.behaviourPoints() * Math.pow(0.5, age / halfLifeSeconds);
        }
        int rounded = (int) Math.round(engagement);
        return new Verdict(fit + rounded, Qualifier.tierOf(fit + rounded, bands), fit, rounded);
    }

    /** Whether any of its leads is hot on its own. */
    public boolean anyLeadHot() {
        return members.stream().anyMatch(m -> m.tier() == Tier.HOT);
    }

    /** The other leads of the account, hottest first. */
    public List<AccountMember> othersThan(String leadId) {
        return members.stream().filter(m -> !m.leadId().equals(leadId))
                .sorted(Comparator.comparing(AccountMember::tier).thenComparing(AccountMember::leadId)).toList();
    }

    /**
     * The account a lead at this email domain belongs to: the domain itself, lower-cased, unless it (or a parent
     * domain) is in one of the excluded lists (free mail, throwaway addresses); empty for those and a malformed one.
     */
    public static Optional<String> domainFor(String emailDomain, AccountRules rules, Map<String, List<String>> lists) {
        String domain = emailDomain == null ? "" : emailDomain.toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || !domain.contains(".")) {
            return Optional.empty();
        }
        for (String list : rules.excludeLists()) {
            for (String excluded : lists.getOrDefault(list, List.of())) {
                String e = excluded.toLowerCase(Locale.ROOT);
                if (domain.equals(e) || domain.endsWith("." + e)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(domain);
    }
}
