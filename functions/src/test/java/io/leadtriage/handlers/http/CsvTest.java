package io.leadtriage.handlers.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {
    @ParameterizedTest(name = "[{0}] → [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain          | plain",
            "a, b           | `\"a, b\"`",
            "`say \"hi\"`   | `\"say \"\"hi\"\"\"`",
            "=SUM(A1:A9)    | '=SUM(A1:A9)",
            "@cmd           | '@cmd",
            "-12.5          | -12.5",
            "+1 555 0100    | '+1 555 0100"})
    void aFieldIsQuotedWhereItMustBeAndNeverRunsAsAFormula(String value, String written) {
        assertThat(Csv.field(value)).isEqualTo(written);
    }

    @Test
    void linesEndInCrLf() {
        assertThat(Csv.of(List.of("a", "b"), List.of(List.of("1", "line\nbreak")))).isEqualTo("a,b\r\n1,\"line\nbreak\"\r\n");
    }

    @Test
    void aReportIsOneRowWithItsNestedFiguresInDottedColumnsOrARowPerElementOfItsList() {
        Map<String, Object> funnel = new LinkedHashMap<>();
        funnel.put("leads", 4);
        funnel.put("byTier", new LinkedHashMap<>(Map.of("hot", 2)));
        funnel.put("rate", null);
        Map<String, Object> breakdown = Map.of("rows", List.of(Map.of("form", "demo"), Map.of("form", "ebook")));

        assertThat(Csv.ofAnswer(funnel, "")).isEqualTo("leads,byTier.hot,rate\r\n4,2,\r\n");
        assertThat(Csv.ofAnswer(breakdown, "rows")).isEqualTo("form\r\ndemo\r\nebook\r\n");
    }
}
