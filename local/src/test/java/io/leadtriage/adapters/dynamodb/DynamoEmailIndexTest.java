package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Storage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.create;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The email index on DynamoDB Local: entries under an HMAC with the index key (no key a plain hash of the address),
 * entries written before the index had a key still found and moved under it, both removed by an erasure, and a
 * function without the key refusing, by name, to look anyone up.
 */
class DynamoEmailIndexTest {
    String table;
    Storage storage;

    @BeforeEach
    void emptyTable() {
        table = DynamoBackend.freshTable("email-index");
        storage = Storage.dynamo(DynamoBackend.client(), table, EmailIndex.keyedWith(TestServices.EMAIL_INDEX_KEY));
    }

    List<String> emailIndexKeys() {
        return DynamoBackend.scanAll(table).stream().map(item -> item.get(TableKeys.PK).s())
                .filter(pk -> pk.startsWith("EMAIL#")).toList();
    }

    @Test
    void noEntryIsKeyedByAPlainHashOfTheAddressAndAnotherKeyFindsNothing() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        storage.leads().save(create(lead));
        String email = lead.lead().email();

        assertThat(emailIndexKeys()).hasSize(1).doesNotContain("EMAIL#" + Secrets.sha256Hex(email))
                .allSatisfy(pk -> assertThat(pk).doesNotContainIgnoringCase(email));
        Storage otherKey = Storage.dynamo(DynamoBackend.client(), table,
                EmailIndex.keyedWith("another-email-index-key-0123456789abcdef"));
        assertThat(otherKey.leads().findLeadIdByEmail(email)).isEmpty();
        assertThat(storage.leads().findLeadIdByEmail(email)).contains(lead.id());
    }

    @Test
    void anEntryFromBeforeTheIndexHadAKeyIsFoundAndMovedUnderIt() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        String email = lead.lead().email();
        LeadsTable leads = new LeadsTable(DynamoBackend.client(), table, EmailIndex.NONE);
        leads.transact(List.of(leads.writePut(LeadItems.profileItem(lead)),
                leads.writePut(LeadItems.emailIndexItem(EmailIndex.unkeyedKeyFor(email), lead.id()))));

        assertThat(storage.leads().findLeadIdByEmail(email)).contains(lead.id());

        assertThat(emailIndexKeys()).hasSize(1).doesNotContain("EMAIL#" + Secrets.sha256Hex(email));
        assertThat(storage.leads().findLeadIdByEmail(email)).as("found under its key now").contains(lead.id());
        assertThat(storage.erasure().erase(lead.id(), erased -> io.leadtriage.app.events.LeadEvents.erased(erased.id(), erased.version(), java.time.Instant.now()))).isTrue();
        assertThat(emailIndexKeys()).isEmpty();
    }

    @Test
    void aFunctionWithoutTheKeyRefusesToLookUpByEmailSayingWhatIsMissing() {
        Storage withoutKey = Storage.dynamo(DynamoBackend.client(), table, EmailIndex.NONE);

        assertThatThrownBy(() -> withoutKey.leads().findLeadIdByEmail("sam@northwind-saas.com"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EMAIL_INDEX_SECRET_ARN");
        assertThat(withoutKey.leads().findById("nobody")).isEmpty();
    }

}
