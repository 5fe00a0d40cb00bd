package io.leadtriage.handlers.http;

import io.leadtriage.app.Refusal;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body parsers under arbitrary bytes: each input is a flat form within the limits, or a refusal
 * with a 4xx. Never another exception, never a 5xx. `mvn verify` replays the checked-in corpus
 * (src/test/resources/…/FormBodyFuzzTestInputs); `JAZZER_FUZZ=1 mvn -pl functions test -Dtest=FormBodyFuzzTest`
 * explores for new inputs.
 */
class FormBodyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyJsonBodyIsAFormOrAClearRefusal(byte[] body) {
        parsesOrRefuses("application/json", body);
    }

    @FuzzTest(maxDuration = "60s")
    void anyUrlencodedBodyIsAFormOrAClearRefusal(byte[] body) {
        parsesOrRefuses("application/x-www-form-urlencoded", body);
    }

    @FuzzTest(maxDuration = "60s")
    void anyMultipartBodyIsAFormOrAClearRefusal(byte[] body) {
        parsesOrRefuses("multipart/form-data; boundary=X", body);
    }

    @FuzzTest(maxDuration = "60s")
    void anyBase64BodyIsDecodedWithinTheLimitOrRefused(byte[] text) {
        try {
            byte[] decoded = FormBody.bodyBytes(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1), true);
            assertThat(decoded.length).isLessThanOrEqualTo(BodyLimits.MAX_BODY_BYTES);
        } catch (Refusal refused) {
            assertThat(HttpErrors.status(refused)).isBetween(400, 499);
        }
    }

    private static void parsesOrRefuses(String contentType, byte[] body) {
        try {
            var fields = FormBody.parse(contentType, body);
            assertThat(fields.size()).isLessThanOrEqualTo(BodyLimits.MAX_FIELDS);
            fields.forEach((name, value) -> {
                assertThat(name).isNotEmpty();
                assertThat(value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(BodyLimits.MAX_FIELD_BYTES);
            });
        } catch (Refusal refused) {
            assertThat(HttpErrors.status(refused)).isBetween(400, 499);
        }
    }
}
