package io.leadtriage.app.admin;

import io.leadtriage.app.Refusal;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The leads export: a period's leads, page by page, in the fields asked for; personal data only where allowed. */
class ExportLeadsTest {
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    final CoreFlow flow = CoreFlow.start();
    final ExportLeads export = flow.services().exportLeads();
    final ReportOnLeads.Period period = flow.services().reportOnLeads().period(FROM, TO);

    void leads(int n) {
        for (int i = 0; i < n; i++) {
            flow.submit("newsletter", "reader" + i + "@acme-analytics.io", Map.of("name", "Reader " + i));
            flow.clock().advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void everyLeadOfThePeriodComesOnceOldestFirstPageAfterPage() {
        leads(7);

        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ExportLeads.Page page = export.page(period, "leadId,createdAt,tier", 3, cursor, false);
            rows.addAll(page.rows());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(7).allSatisfy(row -> assertThat(row).hasSize(3));
        assertThat(rows.stream().map(row -> row.get(1)).toList()).isSorted();
    }

    @Test
    void withoutFieldsItExportsEverythingButPersonalData() {
        leads(1);

        ExportLeads.Page page = export.page(period, null, null, null, false);

        assertThat(page.fields()).isEqualTo(ExportLeads.DEFAULT_FIELDS).noneMatch(ExportLeads.Field::personal);
        assertThat(String.join(",", page.rows().get(0))).doesNotContain("reader0@acme-analytics.io", "Reader 0");
    }

    @Test
    void personalDataGoesOnlyToACallerAllowedToReadIt() {
        leads(1);

        Refusal refused = refusalOf(() -> export.page(period, "leadId,email,name", null, null, false));
        ExportLeads.Page allowed = export.page(period, "leadId,email,name", null, null, true);

        assertThat(refused.code()).isEqualTo(Refusal.PERSONAL_DATA_NOT_ALLOWED);
        assertThat(allowed.rows().get(0).subList(1, 3)).containsExactly("reader0@acme-analytics.io", "Reader 0");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "leadId,shoeSize | 10   | fields",
            "leadId          | 0    | limit",
            "leadId          | 1001 | limit"})
    void badFieldsAndLimitsAreRefused(String fields, int limit, String field) {
        Refusal refused = refusalOf(() -> export.page(period, fields, limit, null, false));

        assertThat(refused.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refused.fields()).containsKey(field);
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        Refusal refused = refusalOf(() -> export.page(period, null, 10, "bm90IGEgY3Vyc29y", false));

        assertThat(refused.fields()).containsKey("cursor");
    }
}
