package io.leadtriage.app.tokens;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotating the signing key: new tokens carry the new key's id, and links already sent keep working. */
class TokenRotationTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    static final String OLD_KEY = "the-key-before-the-rotation-0123456789abcdef";
    static final String NEW_KEY = "the-key-after-the-rotation-0123456789abcdefgh";
    static final String LEAD = "0b7c1f7e-2a4d-4c55-9f0e-3d1c2b7a6e90";

    @Test
    void aTokenSignedWithTheOldKeyVerifiesAfterTheRotation() {
        String sentBefore = new TokenService(SigningKeys.of(OLD_KEY), CLOCK).issue(TokenPurpose.UNSUBSCRIBE, LEAD, Duration.ofDays(3650));

        TokenService rotated = new TokenService(SigningKeys.of(NEW_KEY, OLD_KEY), CLOCK);

        assertThat(rotated.verify(TokenPurpose.UNSUBSCRIBE, sentBefore)).contains(LEAD);
    }

    @Test
    void newTokensAreSignedWithTheNewKeyAndNameIt() {
        TokenService rotated = new TokenService(SigningKeys.of(NEW_KEY, OLD_KEY), CLOCK);

        String token = rotated.issue(TokenPurpose.SURVEY, LEAD, Duration.ofDays(30));

        assertThat(payloadOf(token)).startsWith("v2|" + SigningKeys.idOf(NEW_KEY) + "|");
        assertThat(new TokenService(SigningKeys.of(NEW_KEY), CLOCK).verify(TokenPurpose.SURVEY, token)).contains(LEAD);
        assertThat(new TokenService(SigningKeys.of(OLD_KEY), CLOCK).verify(TokenPurpose.SURVEY, token))
                .as("a container still on the old key alone cannot check the new key's tokens").isEmpty();
    }

    @Test
    void aKeyDroppedFromTheSecretNoLongerVerifies() {
        String oldToken = new TokenService(SigningKeys.of(OLD_KEY), CLOCK).issue(TokenPurpose.FORM, LEAD, Duration.ofDays(7));

        assertThat(new TokenService(SigningKeys.of(NEW_KEY), CLOCK).verify(TokenPurpose.FORM, oldToken)).isEmpty();
    }

    @Test
    void tokensIssuedBeforeKeyIdsVerifyAgainstEveryKey() {
        String v1 = legacyToken(OLD_KEY, TokenPurpose.UNSUBSCRIBE.code + "|" + LEAD + "|" + CLOCK.instant().plus(Duration.ofDays(1)).getEpochSecond());

        assertThat(new TokenService(SigningKeys.of(NEW_KEY, OLD_KEY), CLOCK).verify(TokenPurpose.UNSUBSCRIBE, v1)).contains(LEAD);
        assertThat(new TokenService(SigningKeys.of(NEW_KEY), CLOCK).verify(TokenPurpose.UNSUBSCRIBE, v1)).isEmpty();
    }

    @Test
    void aKeyIdOfAnotherDeploymentIsRefusedWithoutTryingTheKeys() {
        String foreign = new TokenService(SigningKeys.of("another-deployment-key-0123456789abcdef0123"), CLOCK)
                .issue(TokenPurpose.FORM, LEAD, Duration.ofDays(1));

        assertThat(new TokenService(SigningKeys.of(NEW_KEY, OLD_KEY), CLOCK).verify(TokenPurpose.FORM, foreign)).isEmpty();
    }

    @Test
    void theSameKeyTwiceCountsOnce() {
        assertThat(SigningKeys.of(NEW_KEY, NEW_KEY).size()).isEqualTo(1);
        assertThat(SigningKeys.of(NEW_KEY, (String) null).size()).isEqualTo(1);
    }

    @Test
    void aFunctionWithoutKeysSaysSoWhenAskedToSign() {
        TokenService none = new TokenService(SigningKeys.NONE, CLOCK);

        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.issue(TokenPurpose.FORM, LEAD, Duration.ofDays(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TOKEN_SIGNING_SECRET_ARN");
        assertThat(none.verify(TokenPurpose.FORM, "abc.def")).isEmpty();
    }

    @Test
    void aShortKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> SigningKeys.of("short-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-key");
    }

    @Test
    void theKeysShowOnlyTheirIds() {
        assertThat(SigningKeys.of(NEW_KEY, OLD_KEY).toString())
                .contains(SigningKeys.idOf(NEW_KEY), SigningKeys.idOf(OLD_KEY))
                .doesNotContain(NEW_KEY, OLD_KEY);
    }

    /** A token in the format used before key ids: {@code v1|purpose|leadId|expiry}. */
    private static String legacyToken(String key, String claims) {
        byte[] payload = ("v1|" + claims).getBytes(StandardCharsets.UTF_8);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString(payload) + "." + b64.encodeToString(mac.doFinal(payload));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payloadOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }
}
