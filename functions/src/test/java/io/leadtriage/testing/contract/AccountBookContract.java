package io.leadtriage.testing.contract;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.domain.Account;
import io.leadtriage.domain.AccountMember;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.atOnce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccountBook}: each lead's share set on its own, so the leads of one company arriving at once all land; an
 * account marked hot by one caller only, its alert stored with the mark; a lead taken out.
 */
public interface AccountBookContract extends StorageContract {
    String ACME = "acme-robotics.com";

    static AccountMember member(String leadId, int behaviour, Tier tier) {
        return new AccountMember(leadId, "Lead " + leadId, 15, behaviour, tier, T0.plusSeconds(behaviour));
    }

    @Test
    default void anAccountKeepsEachLeadsShareAsPutAndTheLatestOfEach() {
        AccountBook book = storage().accounts();
        book.put(ACME, member("a", 10, Tier.COLD));
        book.put(ACME, member("b", 5, Tier.COLD));
        Account after = book.put(ACME, member("a", 30, Tier.WARM));

        assertThat(after.members()).containsExactly(member("a", 30, Tier.WARM), member("b", 5, Tier.COLD));
        assertThat(book.find(ACME)).hasValue(after);
        assertThat(book.find("contoso.com")).isEmpty();
        assertThat(after.hotSince()).isNull();
    }

    @Test
    default void theLeadsOfOneCompanyArrivingAtOnceAllLand() {
        AtomicInteger next = new AtomicInteger();
        atOnce(4, () -> {
            for (int i = 0; i < 6; i++) {
                int n = next.getAndIncrement();
                storage().accounts().put(ACME, member("lead-" + n, n, Tier.COLD));
            }
            return null;
        });

        assertThat(storage().accounts().find(ACME).orElseThrow().members()).extracting(AccountMember::leadId)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 24).mapToObj(n -> "lead-" + n).toList());
    }

    @Test
    default void anAccountIsMarkedHotByOneCallerOnlyUntilCleared() {
        AccountBook book = storage().accounts();
        book.put(ACME, member("a", 10, Tier.WARM));

        List<Boolean> marked = atOnce(4, () -> book.markHot(ACME, T0, null));
        boolean markedAgain = book.markHot(ACME, T0.plusSeconds(60), null);
        book.clearHot(ACME);
        boolean afterClearing = book.markHot(ACME, T0.plusSeconds(120), null);

        assertThat(marked).containsExactlyInAnyOrder(true, false, false, false);
        assertThat(markedAgain).isFalse();
        assertThat(afterClearing).isTrue();
        assertThat(book.find(ACME).orElseThrow().hotSince()).isEqualTo(T0.plusSeconds(120));
        assertThat(book.markHot("no-such-account.com", T0, null)).as("no account, nothing to mark").isFalse();
    }

    @Test
    default void anAccountsAlertIsStoredWithItsHotMarkOnceAndNeverWithoutIt() {
        AccountBook book = storage().accounts();
        book.put(ACME, member("a", 10, Tier.WARM));
        OutboxItem alert = OutboxItem.accountAlert("a", ACME, T0, List.of("sales@example.com"), T0);
        OutboxItem later = OutboxItem.accountAlert("a", ACME, T0.plusSeconds(60), List.of("sales@example.com"), T0.plusSeconds(60));

        List<Boolean> marked = atOnce(4, () -> book.markHot(ACME, T0, alert));
        boolean markedAgain = book.markHot(ACME, T0.plusSeconds(60), later);
        boolean noAccount = book.markHot("contoso.com", T0,
                OutboxItem.accountAlert("a", "contoso.com", T0, List.of("sales@example.com"), T0));

        assertThat(marked).containsExactlyInAnyOrder(true, false, false, false);
        assertThat(markedAgain).isFalse();
        assertThat(noAccount).isFalse();
        assertThat(storage().outbox().find("a", alert.outboxId())).hasValueSatisfying(stored -> {
            assertThat(stored.kind()).isEqualTo(OutboxKind.ACCOUNT_ALERT);
            assertThat(stored.accountDomain()).isEqualTo(ACME);
            assertThat(stored.recipients()).containsExactly("sales@example.com");
        });
        assertThat(storage().outbox().due(T0.plusSeconds(1), 10)).extracting(OutboxItem::outboxId)
                .as("due for the dispatcher at once").contains(alert.outboxId());
        assertThat(storage().outbox().find("a", later.outboxId())).as("an account hot already stores no alert").isEmpty();
        assertThat(storage().outbox().find("a", "account-contoso.com-" + T0.getEpochSecond())).as("no account").isEmpty();
    }

    @Test
    default void aLeadTakenOutLeavesTheOthers() {
        AccountBook book = storage().accounts();
        book.put(ACME, member("a", 10, Tier.COLD));
        book.put(ACME, member("b", 5, Tier.COLD));

        book.remove(ACME, "a");
        book.remove(ACME, "never-there");
        book.remove("contoso.com", "a");

        assertThat(book.find(ACME).orElseThrow().members()).extracting(AccountMember::leadId).containsExactly("b");
        assertThat(book.find("contoso.com")).isEmpty();
    }
}
