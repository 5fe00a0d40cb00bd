package io.leadtriage.handlers;

import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** SnapStart priming runs the request path on made-up data, and writes and sends nothing. */
class PrimingTest {
    @Test
    void primingWarmsThePathWithoutWritingOrSending() {
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        MailCatcher mail = new MailCatcher(clock);
        String table = DynamoBackend.freshTable("priming");
        Services services = TestServices.create(clock, mail, table, null);

        Priming.prime(services);
        Priming.prime(services);

        assertThat(DynamoBackend.scanAll(table)).isEmpty();
        assertThat(mail.caught()).isEmpty();
    }
}
