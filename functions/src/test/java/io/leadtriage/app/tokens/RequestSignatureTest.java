package io.leadtriage.app.tokens;

import io.leadtriage.app.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The header's shape, as a sender may write it, and what each malformed one is answered. */
class RequestSignatureTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final byte[] BODY = "{\"outcome\":\"won\"}".getBytes(StandardCharsets.UTF_8);
    static final String RIGHT = RequestSignature.header("crm-key", NOW, BODY);
    static final String V1 = RIGHT.substring(RIGHT.indexOf("v1=") + 3);
    static final String T = Long.toString(NOW.getEpochSecond());

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            t=T,v1=V1                   | ok
            v1=V1,t=T                   | ok
            t=T, v1=V1                  | ok
            t=T,v1=V1_UPPER             | ok
            t=T,v0=abc,v1=V1            | ok
            t=T,v1=OTHER,v1=V1          | ok
            t=T                         | signature_invalid
            v1=V1                       | signature_invalid
            t=soon,v1=V1                | signature_invalid
            t=T,v1=V1_SHORT             | signature_invalid
            t=T,v1=OTHER                | signature_invalid
            Bearer crm-key              | signature_invalid
            ''                          | signature_invalid
            NULL                        | signature_invalid
            """)
    void aHeaderIsReadAsStripeWritesIt(String header, String expected) {
        String written = header == null ? null : header.replace("V1_UPPER", V1.toUpperCase()).replace("V1_SHORT", V1.substring(2))
                .replace("V1", V1).replace("OTHER", "0".repeat(64)).replace("t=T", "t=" + T);
        RequestSignature signature = new RequestSignature(List.of("crm-key"), Duration.ofMinutes(5));

        if (expected.equals("ok")) {
            signature.verify(written, BODY, NOW);
        } else {
            assertThat(refusalOf(() -> signature.verify(written, BODY, NOW)).code()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "no key configured: {0}")
    @CsvSource({"''", "' '"})
    void withoutAKeyEverythingIsRefused(String key) {
        RequestSignature none = new RequestSignature(List.of(key), Duration.ofMinutes(5));

        assertThat(refusalOf(() -> none.verify(RequestSignature.header("crm-key", NOW, BODY), BODY, NOW)).code())
                .isEqualTo(Refusal.SIGNATURE_INVALID);
    }
}
