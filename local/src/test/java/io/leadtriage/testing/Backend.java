package io.leadtriage.testing;

import java.util.Locale;

/**
 * Which real stand-ins the integration tests talk to: {@code embedded} (DynamoDB Local in-process and
 * the SES v2 emulator on loopback, the default) or {@code localstack} (LocalStack in Docker, with
 * {@code mvn verify -Plocalstack}). The same test classes run against either.
 */
public enum Backend {
    EMBEDDED, LOCALSTACK;

    public static Backend current() {
        String chosen = System.getProperty("leadtriage.backend", "embedded");
        return valueOf(chosen.strip().toUpperCase(Locale.ROOT));
    }
}
