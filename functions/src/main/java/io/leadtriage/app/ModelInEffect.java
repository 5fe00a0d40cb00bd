package io.leadtriage.app;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.domain.AlertRouter;
import io.leadtriage.domain.NurturePlanner;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The model of a stored version (version 0: the shipped one), as a container taking it reads it. */
    public QualificationModel modelOf(Optional<ConfigStore.ConfigVersion> version) {
        return version.map(ModelInEffect::model).orElse(shipped.model());
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
            long stored = store.currentNumber();
            if (stored != was.number()) {
                current = stored == 0 ? shipped : Version.of(stored, model(store.version(stored).orElseThrow()), clock,
                        deploymentAlertRecipients);
                Log.info("qualification model in effect", Map.of("version", stored));
            }
        } catch (RuntimeException e) {
            Log.warn("model version not taken; keeping the one in effect", Map.of("version", was.number(),
                    "exception", e.getClass().getName()));
        }
        return current;
    }

    /**
     * A stored version's model: from its prepared form when it has one written from its text by this layout, else its
     * text read and checked (a version stored before versions had a form, or one too large to keep it). A form that
     * cannot be read is never a reason to refuse the version: the text is read. The log names the exception's class
     * alone, since a reader's message may quote the model (its recipients' addresses among them).
     */
    static QualificationModel model(ConfigStore.ConfigVersion version) {
        if (version.prepared() != null) {
            try {
                Optional<QualificationModel> model = PreparedModel.read(version.prepared(), version.yaml());
                if (model.isPresent()) {
                    return model.get();
                }
                Log.info("prepared form of the model version written for another text or layout; reading its YAML",
                        Map.of("code", "prepared_model_stale", "version", version.version()));
            } catch (RuntimeException e) {
                Log.warn("prepared form of the model version unreadable; reading its YAML", Map.of("code",
                        "prepared_model_unreadable", "version", version.version(), "exception", e.getClass().getName()));
            }
        }
        return ModelLoader.load(version.yaml(), "model version " + version.version());
    }

    /** After a SnapStart restore the snapshot's version may be old: the next {@link #refreshIfDue()} checks. */
    public void markStale() {
        checkedAtNanos = nanoTicker.getAsLong() - REFRESH.toNanos() - 1;
    }
}
