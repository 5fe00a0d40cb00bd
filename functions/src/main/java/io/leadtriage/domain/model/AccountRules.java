package io.leadtriage.domain.model;

import java.util.List;

/**
 * Accounts: the leads of one company domain, scored together. Off when the model has no {@code accounts} section.
 *
 * @param excludeLists named lists of domains that never form an account (free mail, throwaway addresses): null for
 *                     {@link #DEFAULT_EXCLUDED}
 * @param alert        an alert when an account turns hot although none of its leads is; null for none
 */
public record AccountRules(List<String> excludeLists, AccountAlert alert) {
    public static final List<String> DEFAULT_EXCLUDED = List.of("freeMailDomains", "disposableDomains");

    public AccountRules {
        excludeLists = excludeLists == null ? DEFAULT_EXCLUDED : List.copyOf(excludeLists);
    }

    /**
     * @param minLeads how many leads the account needs before it alerts (a lone lead alerts as a lead); null for 2
     * @param to       who gets it; empty for the alerts' default list (else the deployment's AlertRecipients)
     */
    public record AccountAlert(Integer minLeads, List<String> to) {
        public AccountAlert {
            to = to == null ? List.of() : List.copyOf(to);
        }

        public int leadsNeeded() {
            return minLeads == null ? 2 : minLeads;
        }
    }
}
