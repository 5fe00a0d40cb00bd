package io.leadtriage.app.ports;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;

import java.time.Instant;
import java.util.Optional;

/** The accounts: each company domain's leads, with each lead's share, kept beside the leads. */
public interface AccountBook {
    /**
     * Puts the lead's share of the account of {@code domain}, replacing its earlier one, atomically for that lead:
     * concurrent puts of the leads of one account all land, none overwrites another's (no read-modify-write).
     *
     * @return the account as it stands after this put
     */
    Account put(String domain, AccountMember member);

    Optional<Account> find(String domain);

    /** Takes the lead out of the account (erasure); nothing when it is not in it. */
    void remove(String domain, String leadId);

    /**
     * Marks the account hot since {@code at} unless it is already, and stores {@code alert} in the same write: of
     * concurrent callers exactly one gets true, so an account alerts once per hot episode, and the mark never stands
     * without its alert (a function that dies right after leaves the alert to the dispatcher). False, and nothing
     * stored, for an account that does not exist or is hot already.
     *
     * @param alert the account alert to send (on the outbox of the lead whose change turned the account hot), or null
     *              when there is none to send
     */
    boolean markHot(String domain, Instant at, OutboxItem alert);

    /** The account is hot no longer: a later turn may alert again. */
    void clearHot(String domain);
}
