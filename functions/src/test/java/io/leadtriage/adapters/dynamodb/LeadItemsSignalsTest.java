package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.contract.ContractFixtures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lead's signals as its profile item keeps them: each with its source, and a signal stored before sources were
 * recorded read back with the source it most likely came from (SignalSource.assumedFor, docs/data-model.md).
 */
class LeadItemsSignalsTest {
    final LeadRecord lead = ContractFixtures.lead(ContractFixtures.T0, Tier.HOT, Stage.SQL);

    @Test
    void everySignalKeepsItsSource() {
        Map<String, AttributeValue> item = LeadItems.profileItem(lead);

        assertThat(item.get("signals").l()).extracting(v -> v.m().get("src").s())
                .containsExactly("page", "email", "backend", "form");
        assertThat(LeadItems.profile(item).lead().signals()).isEqualTo(lead.lead().signals());
    }

    @Test
    void aPageViewKeepsItsPageCategoryAndOneWithoutStoresNone() {
        Map<String, AttributeValue> item = LeadItems.profileItem(lead);

        assertThat(item.get("signals").l()).extracting(v -> v.m().containsKey("c") ? v.m().get("c").s() : "-")
                .containsExactly("-", "-", "docs", "-");
        assertThat(LeadItems.profile(item).lead().signals()).extracting(Signal::category)
                .containsExactly("", "", "docs", "");
    }

    @Test
    void aSignalStoredWithoutItsSourceReadsBackWithTheOneItMostLikelyCameFrom() {
        Map<String, AttributeValue> item = new HashMap<>(LeadItems.profileItem(lead));
        List<AttributeValue> withoutSources = item.get("signals").l().stream().map(v -> {
            Map<String, AttributeValue> m = new HashMap<>(v.m());
            m.remove("src");
            return AttributeValue.fromM(m);
        }).toList();
        item.put("signals", AttributeValue.fromL(withoutSources));

        assertThat(LeadItems.profile(item).lead().signals()).extracting(s -> s.type() + " " + s.detail() + " from " + s.source())
                .containsExactly("pricing_page_view /pricing from page", "email_click welcome from email",
                        "page_view /docs from page", "demo_request form:demo from form");
        assertThat(LeadItems.profile(item).lead().signals()).extracting(Signal::scores)
                .containsExactly(true, false, true, true);
    }
}
