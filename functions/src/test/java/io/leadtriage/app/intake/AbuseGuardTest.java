package io.leadtriage.app.intake;

import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.app.tokens.SigningKeys;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The limits' counters are kept under keyed digests: nothing in a counter's key leads back to an address. */
class AbuseGuardTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    static final SigningKeys KEYS = SigningKeys.of("abuse-guard-test-key-0123456789abcdef0123456789");
    static final SigningKeys ROTATED = SigningKeys.of("abuse-guard-rotated-key-0123456789abcdef012345");

    final List<String> counted = new ArrayList<>();

    AbuseGuard guard(SigningKeys keys) {
        return new AbuseGuard((key, limit, window, now) -> {
            counted.add(key);
            return Optional.empty();
        }, AbuseLimits.DEFAULTS, CLOCK, keys);
    }

    @Test
    void noCounterKeyHoldsOrHashesPlainlyAnIpAddressOrAnEmail() {
        guard(KEYS).countClient("203.0.113.7", "form");
        guard(KEYS).countEmail("jane@acme.io");

        assertThat(counted).hasSize(2).allSatisfy(key -> assertThat(key)
                .doesNotContain("203.0.113.7", "jane@acme.io")
                // What a plain hash would be: reversible for every IPv4 address in seconds, for addresses by dictionary.
                .doesNotContain(Secrets.sha256Hex("203.0.113.7").substring(0, 32))
                .doesNotContain(Secrets.sha256Hex("jane@acme.io").substring(0, 32)));
        assertThat(counted.get(0)).startsWith("ip:form:");
        assertThat(counted.get(1)).startsWith("email:");
    }

    @Test
    void theSameClientCountsUnderOneKeyAndAnotherKeyGivesOthers() {
        guard(KEYS).countClient("203.0.113.7", "form");
        guard(KEYS).countClient("203.0.113.7", "form");
        guard(KEYS).countClient("203.0.113.8", "form");
        guard(ROTATED).countClient("203.0.113.7", "form");

        assertThat(counted.get(0)).isEqualTo(counted.get(1));
        assertThat(counted.get(2)).isNotEqualTo(counted.get(0));
        assertThat(counted.get(3)).as("after a rotation").isNotEqualTo(counted.get(0));
    }
}
