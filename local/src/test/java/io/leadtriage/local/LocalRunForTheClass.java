package io.leadtriage.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;

/**
 * A local run as the README's first command starts it (any free port, in memory, the shipped model), started once for
 * a test class and stopped after it: {@code @RegisterExtension static final LocalRunForTheClass local = new …}.
 */
final class LocalRunForTheClass implements BeforeAllCallback, AfterAllCallback {
    private LocalRunner runner;

    @Override
    public void beforeAll(ExtensionContext context) {
        runner = LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (runner != null) {
            runner.close();
        }
    }

    LocalRunner runner() {
        return runner;
    }
}
