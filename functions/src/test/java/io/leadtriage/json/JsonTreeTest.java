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
    void thereIsNoValueAtTheEndOfTheInput() {
        assertThatThrownBy(() -> read("   ")).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("found the end of the input");
    }
}
