package io.leadtriage.config;

import io.leadtriage.TestModels;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model as a form: each value named by the path its problems use, and a form's changes written where each value
 * stands, the rest of the text (comments, layout) untouched.
 */
class ModelFormTest {
    static final String YAML = TestModels.defaultText();

    @Test
    void theFormNamesEachValueByItsPath() {
        ModelForm.View form = ModelForm.of(YAML);

        assertThat(form.tiers()).containsExactly(new ModelForm.Tier("hot", "tiers.hot", 50, null),
                new ModelForm.Tier("warm", "tiers.warm", 20, 49), new ModelForm.Tier("cold", "tiers.cold", null, 19));
        assertThat(form.fit()).contains(new ModelForm.Rule("size-core", "fit[size-core]", "companySize is 11-50 or 51-200", 10,
                "company size in the sweet spot (11–200)"), new ModelForm.Rule("icp-industry", "fit[icp-industry]",
                "industry in list icpIndustries", 10, "industry in the ideal customer profile"));
        assertThat(form.behaviour()).filteredOn(r -> r.id().equals("demo-request")).singleElement()
                .satisfies(r -> {
                    assertThat(r.path()).isEqualTo("behaviour.rules[demo-request]");
                    assertThat(r.when()).isEqualTo("demo_request");
                    assertThat(r.points()).isEqualTo(30);
                });
        assertThat(form.stages().get("salesIntent")).containsExactly("demo_request", "contact_sales", "quote_request");
        assertThat(form.bantComplete()).contains("challenge at least 20 characters", "budget is approved or planned");
    }

    @Test
    void changesAreWrittenWhereEachValueStandsAndNothingElseMoves() {
        String edited = ModelForm.edit(YAML, Map.of("fit[size-core].points", "12",
                "fit[size-core].reason", "sweet spot: 11–200 #1",
                "tiers.warm.min", "25", "tiers.cold.max", "24",
                "behaviour.rules[demo-request].points", "-5",
                "stages.salesIntent", "demo_request, contact_sales"));

        QualificationModel m = ModelLoader.load(edited, "edited");
        FitRule size = m.fit().stream().filter(r -> r.id().equals("size-core")).findFirst().orElseThrow();
        assertThat(size.points()).isEqualTo(12);
        assertThat(size.reason()).isEqualTo("sweet spot: 11–200 #1");
        assertThat(m.tiers().warm().min()).isEqualTo(25);
        assertThat(m.tiers().cold().max()).isEqualTo(24);
        assertThat(m.behaviour().rules().stream().filter(r -> r.id().equals("demo-request")).findFirst().orElseThrow().points())
                .isEqualTo(-5);
        assertThat(m.stages().salesIntent()).containsExactly(SignalType.DEMO_REQUEST, SignalType.CONTACT_SALES);
        assertThat(changedLines(YAML, edited)).containsExactlyInAnyOrder(
                "    points: 12", "    reason: \"sweet spot: 11–200 #1\"", "  warm: { min: 25, max: 49 }", "  cold: { max: 24 }",
                "      points: -5", "  salesIntent: [demo_request, contact_sales]");
    }

    @Test
    void aValueIsWrittenSoThatItReadsBackAsTypedAndNeverAsStructure() {
        Map<String, String> written = new java.util.LinkedHashMap<>();
        written.put("abc", "abc");
        written.put("12a", "12a");
        written.put("1.5", "\"1.5\"");
        written.put("yes", "\"yes\"");
        written.put("a\nfit: []", "\"a\\nfit: []\"");
        written.put("'", "\"'\"");
        written.put("#1", "\"#1\"");
        written.put("", "\"\"");
        written.forEach((typed, text) -> {
            String edited = ModelForm.edit(YAML, Map.of("fit[size-core].reason", typed));

            assertThat(changedLines(YAML, edited)).as(typed).containsExactly("    reason: " + text);
        });
    }

    @Test
    void aBadValueIsAProblemAtItsField() {
        String edited = ModelForm.edit(YAML, Map.of("fit[size-core].points", "abc"));

        assertThatThrownBy(() -> ModelForm.of(edited)).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.details()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("fit[size-core].points");
                    assertThat(p.code()).isEqualTo("wrong_type");
                }));
    }

    @Test
    void aPlaceTheTextHasNoValueAtIsNotEditableThere() {
        assertThatThrownBy(() -> ModelForm.edit(YAML, Map.of("tiers.hot.max", "200", "fit[no-such-rule].points", "1")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.details())
                        .extracting(ModelProblem::path, ModelProblem::code).containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("tiers.hot.max", "not_editable"),
                                org.assertj.core.groups.Tuple.tuple("fit[no-such-rule].points", "not_editable")));
    }

    @Test
    void aListAndOneOfItsItemsAreNotChangedTogether() {
        assertThatThrownBy(() -> ModelForm.edit(YAML, Map.of("stages.salesIntent", "demo_request",
                "stages.salesIntent[1]", "quote_request"))).isInstanceOfSatisfying(ModelException.class,
                e -> assertThat(e.details()).extracting(ModelProblem::code).containsExactly("not_editable"));
    }

    private static List<String> changedLines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        assertThat(b).as("no line added or removed").hasSameSizeAs(a);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed.add(b.get(i));
            }
        }
        return changed;
    }
}
