package io.leadtriage.testing;

import io.leadtriage.TestModelText;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;

import java.time.Clock;
import java.util.List;

/** The application wired as template.yaml wires it, but on the test backend and a test clock. */
public final class TestServices {
    public static final String SIGNING_KEY = "test-signing-key-0123456789abcdef0123456789abcdef";
    public static final String ORIGIN = "http://localhost:3000";
    public static final String EMAIL_INDEX_KEY = "test-email-index-key-0123456789abcdef0123456789";
    public static final String INGEST_KEY = "test-ingest-key-abcdefghijklmnopqrstuvwxyz012345";
    /** The key CRM workflows sign outcomes with (X-Leadtriage-Signature). */
    public static final String CRM_KEY = "test-crm-outcome-key-0123456789abcdefghijklmnop";
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnop";

    private TestServices() {
    }

    /** With a mail catcher for the emails. */
    public static Services create(Clock clock) {
        return create(clock, new MailCatcher(clock));
    }

    public static Services create(Clock clock, EmailSender sender) {
        return create(clock, sender, DynamoBackend.LEADS_TABLE, ADMIN_TOKEN);
    }

    public static Services create(Clock clock, EmailSender sender, String table, String adminToken) {
        return create(clock, sender, table, adminToken, TestModelText.file());
    }

    /** @param modelFile the qualification model the functions start with (LEADTRIAGE_MODEL_FILE) */
    public static Services create(Clock clock, EmailSender sender, String table, String adminToken, String modelFile) {
        return create(clock, sender, table, adminToken, modelFile, io.leadtriage.wiring.Outlets.NONE);
    }

    /** @param outlets where lead events, chat alerts and webhook deliveries go */
    public static Services create(Clock clock, EmailSender sender, String table, String adminToken,
                                  io.leadtriage.wiring.Outlets outlets) {
        return create(clock, sender, table, adminToken, TestModelText.file(), outlets);
    }

    public static Services create(Clock clock, EmailSender sender, String table, String adminToken, String modelFile,
                                  io.leadtriage.wiring.Outlets outlets) {
        AppConfig config = new AppConfig(table, List.of(ORIGIN), SigningKeys.of(SIGNING_KEY), "us-east-1", modelFile,
                EmailSettings.local("https://api.leadtriage.example"), List.of(INGEST_KEY), adminToken, AbuseLimits.NONE, HumanCheckSettings.NONE, EMAIL_INDEX_KEY,
                new RequestSignature(List.of(CRM_KEY), RequestSignature.DEFAULT_WINDOW));
        return new Services(config, clock, DynamoBackend.client(), sender, outlets);
    }
}
