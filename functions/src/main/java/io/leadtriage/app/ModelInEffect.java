package io.leadtriage.app;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.AlertRouter;
import io.leadtriage.domain.NurturePlanner;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The qualification model this container works with: the file shipped with the code (version 0) until a version is
 * PUT through the admin API, then that version. {@link #current()} only reads memory; the one read of the store is
 * the explicit {@link #refreshIfDue()} each use case makes as it starts, at most once a {@link #REFRESH}, so a PUT is
 * in effect in every container within that time with no deployment.
 */
public final class ModelInEffect {
    /** A PUT of the model is in effect in every container within this time. */
    public static final Duration REFRESH = Duration.ofSeconds(60);

    /** One version of the model with what is built from it, swapped whole when another version comes into effect. */
    public record Version(long number, QualificationModel model, Qualifier qualifier, AlertRouter router,
                          NurturePlanner planner) {
        static Version of(long number, QualificationModel model, Clock clock, List<String> deploymentAlertRecipients) {
            return new Version(number, model, new Qualifier(model, clock),
                    new AlertRouter(model, deploymentAlertRecipients), new NurturePlanner(model));
        }
    }

    private final ConfigStore store;
    private final Clock clock;
    private final List<String> deploymentAlertRecipients;
    private final Version shipped;
    private final String shippedText;
    private final LongSupplier nanoTicker;
    private volatile Version current;
    private volatile long checkedAtNanos;

    /**
     * @param shippedText               the model file the functions started with, as written
     * @param deploymentAlertRecipients the stack's AlertRecipients, for a model that routes alerts nowhere
     * @param nanoTicker                monotonic time ({@code System::nanoTime}; tests move it by hand)
     */
    public ModelInEffect(QualificationModel shippedModel, String shippedText, ConfigStore store, Clock clock,
                         List<String> deploymentAlertRecipients, LongSupplier nanoTicker) {
        this.store = store;
        this.clock = clock;
        this.deploymentAlertRecipients = List.copyOf(deploymentAlertRecipients);
        this.shipped = Version.of(0, shippedModel, clock, this.deploymentAlertRecipients);
        this.shippedText = shippedText;
        this.nanoTicker = nanoTicker;
        this.current = shipped;
        markStale();
    }

    /** The version taken at the last refresh. Reads nothing. */
    public Version current() {
        return current;
    }

    /** The model file in effect until the first PUT, as written (comments and all). */
    public String shippedText() {
        return shippedText;
    }

    /** Checks the store for another version if the last check is older than {@link #REFRESH}; then the one in effect. */
    public Version refreshIfDue() {
        if (nanoTicker.getAsLong() - checkedAtNanos > REFRESH.toNanos()) {
            refreshNow();
        }
        return current;
    }

    /**
     * Takes the version the store says is in effect, if it changed (at once after a PUT in this container). A version
     * that no longer loads, or a read that fails, keeps the one in effect: a request is never refused for it.
     */
    public Version refreshNow() {
        checkedAtNanos = nanoTicker.getAsLong();
        Version was = current;
        try {
            long stored = store.current().map(ConfigStore.ConfigVersion::version).orElse(0L);
            if (stored != was.number()) {
                current = stored == 0 ? shipped : Version.of(stored, ModelLoader.load(store.version(stored).orElseThrow().yaml(),
                        "model version " + stored), clock, deploymentAlertRecipients);
                Log.info("qualification model in effect", Map.of("version", stored));
            }
        } catch (RuntimeException e) {
            Log.warn("model version not taken; keeping the one in effect", Map.of("version", was.number(),
                    "exception", e.getClass().getName()));
        }
        return current;
    }

    /** After a SnapStart restore the snapshot's version may be old: the next {@link #refreshIfDue()} checks. */
    public void markStale() {
        checkedAtNanos = nanoTicker.getAsLong() - REFRESH.toNanos() - 1;
    }
}
