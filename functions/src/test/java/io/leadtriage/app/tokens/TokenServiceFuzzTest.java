package io.leadtriage.app.tokens;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The token verifier under arbitrary input and arbitrary tampering: it refuses, it never throws. */
class TokenServiceFuzzTest {
    static final TokenService TOKENS = new TokenService("fuzzing-signing-key-0123456789abcdefghijklmn",
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    static final String GENUINE = TOKENS.issue(TokenPurpose.FORM, "8f0c5d1e-3f0e-4d7b-9a51-6c2f7e3d9b10", Duration.ofDays(7));

    @FuzzTest(maxDuration = "60s")
    void anyStringIsRefusedUnlessGenuine(String token) {
        for (TokenPurpose purpose : TokenPurpose.values()) {
            var leadId = TOKENS.verify(purpose, token);
            if (leadId.isPresent()) {
                assertThat(token).isEqualTo(GENUINE);
                assertThat(purpose).isEqualTo(TokenPurpose.FORM);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aTamperedTokenNeverVerifies(FuzzedDataProvider data) {
        char[] chars = GENUINE.toCharArray();
        int at = data.consumeInt(0, chars.length - 1);
        char replacement = data.consumeChar();
        if (chars[at] == replacement) {
            return;
        }
        chars[at] = replacement;
        assertThat(TOKENS.verify(TokenPurpose.FORM, new String(chars))).isEmpty();
    }
}
