package io.leadtriage.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTreeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Object read(String json) throws IOException {
        try (JsonParser p = JsonTree.parser(json)) {
            p.nextToken();
            return JsonTree.read(p);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}", "[]", "\"text\"", "0", "-7", "2147483648", "123456789012345678901234567890", "1.5", "-2e-3",
            "true", "false", "null",
            "{\"a\": 1, \"b\": [true, null, \"x\", {\"c\": 2.25}], \"d\": {\"e\": {\"f\": []}}}",
            "{\"z\": 1, \"a\": 2, \"m\": 3}",
            "{\"a\": 1, \"b\": 2, \"a\": 3}",
            "[[[[\"deep\"]]], {}, [], \"\\u00e9\\n\\t\\\"\"]",
    })
    void readsTheValuesDataBindingReadsAsPlainObjects(String json) throws IOException {
        Object ours = read(json);
        Object theirs = JSON.readValue(json, Object.class);

        assertThat(ours).isEqualTo(theirs);
        if (ours != null) {
            assertThat(ours.getClass()).isEqualTo(theirs.getClass());
        }
        if (ours instanceof Map<?, ?> map) {
            assertThat(List.copyOf(map.keySet())).isEqualTo(List.copyOf(((Map<?, ?>) theirs).keySet()));
        }
    }

    @Test
    void numbersTakeTheSmallestTypeThatHoldsThem() throws IOException {
        assertThat(read("[1, 4294967296, 98765432109876543210, 0.5]"))
                .isEqualTo(List.of(1, 4294967296L, new BigInteger("98765432109876543210"), 0.5));
    }

    @Test
    void theParserIsLeftOnTheValuesLastTokenSoTheCallerCanGoOn() throws IOException {
        try (JsonParser p = JsonTree.parser("{\"a\": [1, 2], \"b\": \"next\"}")) {
            p.nextToken();
            assertThat(p.nextFieldName()).isEqualTo("a");
            p.nextToken();

            assertThat(JsonTree.read(p)).isEqualTo(List.of(1, 2));
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(p.nextFieldName()).isEqualTo("b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\": ", "[1, 2", "{\"a\" 1}", "[1,,2]", "{\"a\": tru}", "{\"a\": 1]"})
    void malformedJsonIsAProcessingException(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void writesPlainValuesOnOneLineInTheirOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "\u00e9\n\"quoted\"");
        value.put("int", 7);
        value.put("long", 4294967296L);
        value.put("double", 1.5);
        value.put("float", 0.25f);
        value.put("yes", true);
        value.put("none", null);
        value.put("list", List.of(1, "x", List.of()));
        value.put("object", Map.of("k", false));
        value.put("other", Duration.ofSeconds(3));
        value.put("z", "last");

        assertThat(JsonTree.write(value)).isEqualTo("{\"text\":\"\u00e9\\n\\\"quoted\\\"\",\"int\":7,"
                + "\"long\":4294967296,\"double\":1.5,\"float\":0.25,\"yes\":true,\"none\":null,"
                + "\"list\":[1,\"x\",[]],\"object\":{\"k\":false},\"other\":\"PT3S\",\"z\":\"last\"}");
        assertThat(JsonTree.write(null)).isEqualTo("null");
        assertThat(JsonTree.write(List.of())).isEqualTo("[]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}", "[]", "\"text\"", "-7", "2147483648", "1.5", "-2e-3", "true", "null",
            "{\"a\": 1, \"b\": [true, null, \"x\", {\"c\": 2.25}], \"d\": {\"e\": {\"f\": []}}}",
            "{\"z\": 1, \"a\": 2, \"m\": 3}",
            "[[[[\"deep\"]]], {}, [], \"\\u00e9\\n\\t\\\"\"]",
    })
    void whatIsWrittenReadsBackAsTheSameValue(String json) throws IOException {
        Object value = read(json);
        assertThat(read(JsonTree.write(value))).isEqualTo(value);
    }

    @Test
    void thereIsNoValueAtTheEndOfTheInput() {
        assertThatThrownBy(() -> read("   ")).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("found the end of the input");
    }
}
