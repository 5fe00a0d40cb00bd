package io.leadtriage.config;

import io.leadtriage.domain.model.EmailTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A template replaced in the model's text reads back exactly as given, however it was written before. */
class ModelTextTest {
    static final String BLOCK = "# the model\ntemplates:\n  welcome:   # first\n    subject: Hi\n    html: |\n      <p>a</p>\n\n"
            + "    text: \"t\"\n  other: { subject: o, html: o, text: o }\nafter: 1\n";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "two\nlines\n", "no newline\nat the end", " leading space\nx\n", "quotes \" and \\ and # and: colon",
            "tab\tand emoji 🎉\nnext\n", "blank\n\nline inside\n", "  \n", "", "ends with two\n\n", "crlf\r\nline"})
    void aValueReadsBackAsGiven(String value) {
        for (String template : new String[] {"welcome", "other"}) {
            String yaml = ModelText.withTemplate(BLOCK, template, new EmailTemplate(value, value, value)).orElseThrow();

            Object parsed = new org.yaml.snakeyaml.Yaml().load(yaml);
            @SuppressWarnings("unchecked")
            Map<String, Object> templates = (Map<String, Object>) ((Map<String, Object>) parsed).get("templates");
            assertThat(templates.get(template)).isEqualTo(Map.of("subject", value, "html", value, "text", value));
            assertThat(((Map<?, ?>) parsed).get("after")).isEqualTo(1);
            assertThat(yaml).startsWith("# the model\n").contains("welcome:   # first");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "after"})
    void aTemplateThatIsNotWrittenOutIsNotEdited(String name) {
        assertThat(ModelText.withTemplate(BLOCK, name, new EmailTemplate("a", "b", "c"))).isEmpty();
        assertThat(ModelText.withTemplate("templates: [", name, new EmailTemplate("a", "b", "c"))).isEmpty();
    }
}
