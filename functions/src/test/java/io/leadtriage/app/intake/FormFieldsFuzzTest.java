package io.leadtriage.app.intake;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.leadtriage.TestModels;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.app.Refusal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator under arbitrary field values: a validated form whose values carry no line breaks where
 * one could reach an email header, or a 400 naming fields. Never another exception.
 */
class FormFieldsFuzzTest {
    static final List<String> NAMES = List.of("email", "name", "firstName", "lastName", "phone", "company", "jobTitle",
            "role", "companySize", "industry", "country", "budget", "timeline", "challenge", "consent", "submissionId",
            "_gotcha", "_token", "utm_source", "pageUrl", "referrer", "timezone", "unknownField");
    static final FormDefinition FORM = TestModels.defaultModel().forms().get("get-started");

    @FuzzTest(maxDuration = "60s")
    void anyFieldsAreValidatedOrRefused(FuzzedDataProvider data) {
        Map<String, String> raw = new LinkedHashMap<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            raw.put(data.pickValue(NAMES), data.consumeString(300));
        }
        boolean step2 = data.consumeBoolean();
        try {
            ValidatedForm form = FormFields.validate(raw, FORM, step2);
            for (String single : List.of("name", "company", "jobTitle", "phone", "firstName", "lastName")) {
                form.answers().get(single).ifPresent(v -> assertThat(v).doesNotContain("\r", "\n", "\0"));
            }
            if (form.email() != null) {
                assertThat(form.email()).doesNotContain("\r", "\n", "\0", " ").contains("@");
                assertThat(form.email().length()).isLessThanOrEqualTo(254);
            }
        } catch (Refusal refused) {
            assertThat(io.leadtriage.handlers.http.HttpErrors.status(refused)).isEqualTo(400);
            assertThat(refused.code()).isEqualTo(Refusal.INVALID_FIELD);
        }
    }
}
