package io.leadtriage.app.admin;

import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.ModelProblem;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marketers change the qualification model without a deployment: a new version is checked as the model file and
 * ./check-model check it (every problem at once, each with its line and rule id), stored as the next version with
 * the checked model's {@link PreparedModel prepared form} (a container taking it reads that, not the YAML), and in
 * effect in every container within {@link ModelInEffect#REFRESH}.
 */
public final class ChangeModel {
    static final int HISTORY = 20;

    private final ConfigStore store;
    private final ModelInEffect models;
    private final String modelFile;
    private final Clock clock;

    /** @param modelFile the functions' LEADTRIAGE_MODEL_FILE, or null for the file built in */
    public ChangeModel(ConfigStore store, ModelInEffect models, String modelFile, Clock clock) {
        this.store = store;
        this.models = models;
        this.modelFile = modelFile;
        this.clock = clock;
    }

    /**
     * The model in effect and where it comes from.
     *
     * @param source    {@code shipped} (the file built in), {@code file} (LEADTRIAGE_MODEL_FILE) or {@code stored} (PUT)
     * @param updatedAt when the stored version was put; null for a file
     * @param rescoring the stored leads' rescoring with the version in effect, as far as it went; null for a file
     */
    public record InEffect(long version, String source, String file, Instant updatedAt, String yaml,
                           List<ConfigStore.ConfigVersion> history, ConfigStore.Rescoring rescoring) {
    }

    /**
     * What a PUT did.
     *
     * @param unchanged the text sent is the model in effect: nothing was stored
     */
    public record Put(long version, boolean unchanged, Instant createdAt, String sha256) {
    }

    /** A model that does not load: nothing was changed. */
    public static final class InvalidModel extends RuntimeException {
        private final transient List<ModelProblem> details;

        InvalidModel(ModelException e) {
            super("The model is not valid; nothing was changed.", null, false, false);
            this.details = e.details();
        }

        /** Each problem as a sentence with its place. */
        public List<String> problems() {
            return details.stream().map(ModelProblem::toString).toList();
        }

        /** Each problem with its place apart and its code: a form shows it at the field its path names. */
        public List<ModelProblem> details() {
            return details;
        }
    }

    public InEffect inEffect() {
        Optional<ConfigStore.ConfigVersion> current = store.current();
        // Which model is in effect: a version PUT here wins over the file the functions started with.
        return new InEffect(current.map(ConfigStore.ConfigVersion::version).orElse(0L),
                current.isPresent() ? "stored" : modelFile == null ? "shipped" : "file",
                modelFile == null ? ModelLoader.DEFAULT_RESOURCE : modelFile,
                current.map(ConfigStore.ConfigVersion::createdAt).orElse(null),
                current.map(ConfigStore.ConfigVersion::yaml).orElse(models.shippedText()), store.history(HISTORY),
                current.flatMap(v -> store.rescoring(v.version())).orElse(null));
    }

    /**
     * The text of one version: a stored one, or 0, the file the functions started with.
     *
     * @throws Refusal {@code not_found} for a version never stored
     */
    public ConfigStore.ConfigVersion version(long version) {
        if (version == 0) {
            return new ConfigStore.ConfigVersion(0, null, null, models.shippedText());
        }
        return store.version(version).orElseThrow(() -> Refusal.notFound("No model version " + version + "."));
    }

    /**
     * Puts the text of an earlier version as the next version: history is never rewritten, a rollback is a change
     * like any other (rescoring included). The version in effect itself is no change.
     *
     * @param ifMatch the version the rollback was decided from, or null
     */
    public Put rollBack(long version, String ifMatch) {
        Put put = put(version(version).yaml(), ifMatch, false);
        Log.info("model rolled back", Map.of("to", version, "version", put.version(), "unchanged", put.unchanged()));
        return put;
    }

    /** {@link #put(String, String, boolean)} with no alert for the leads the rescoring turns hot. */
    public Put put(String yaml, String ifMatch) {
        return put(yaml, ifMatch, false);
    }

    /**
     * Stores {@code yaml} as the next version. The text of the model in effect is no change and stores nothing, so a
     * retried PUT whose answer was lost creates no second version (checked before {@code ifMatch}, for that reason).
     *
     * The stored leads are then rescored with it in the background ({@link io.leadtriage.app.RescoreLeads}), unless it
     * changes nothing but email templates and the version before it was rescored to the end: its rescoring is then
     * recorded as finished, with no lead read.
     *
     * @param ifMatch       the version the change was edited from, or null: refuses to overwrite a change made meanwhile
     * @param alertNewlyHot the rescoring alerts sales about the leads the new version turns hot (else they are hot
     *                      with no alert)
     * @throws InvalidModel with every problem of the text
     * @throws Refusal      {@code version_conflict}
     */
    public Put put(String yaml, String ifMatch, boolean alertNewlyHot) {
        QualificationModel candidate;
        try {
            candidate = ModelLoader.load(yaml, "the model sent");
        } catch (ModelException e) {
            throw new InvalidModel(e);
        }
        Optional<ConfigStore.ConfigVersion> inEffect = store.current();
        long current = inEffect.map(ConfigStore.ConfigVersion::version).orElse(0L);
        String inEffectText = inEffect.map(ConfigStore.ConfigVersion::yaml).orElse(models.shippedText());
        if (yaml.equals(inEffectText)) {
            Log.info("model put unchanged", Map.of("version", current));
            return new Put(current, true, null, null);
        }
        if (ifMatch != null && !ifMatch.replace("\"", "").strip().equals(String.valueOf(current))) {
            throw new Refusal(Refusal.VERSION_CONFLICT, "The model changed since version " + ifMatch
                    + "; it is at version " + current + " now. Fetch it and edit again.", Map.of());
        }
        // A version takes over the rescoring of the one before it: with that one unfinished, its leads must still be read.
        boolean previousRescored = inEffect.flatMap(v -> store.rescoring(v.version()))
                .map(ConfigStore.Rescoring::finished).orElse(true);
        boolean rescore = !previousRescored || !onlyTemplatesDiffer(inEffect, candidate);
        ConfigStore.ConfigVersion stored = store.put(yaml, PreparedModel.write(candidate, yaml), current,
                        clock.instant(), alertNewlyHot, rescore)
                .orElseThrow(() -> new Refusal(Refusal.VERSION_CONFLICT, "Another change was stored at the same time;"
                        + " fetch the model and edit again.", Map.of()));
        models.refreshNow();
        Log.info("model version stored", Map.of("version", stored.version(), "alertNewlyHot", alertNewlyHot,
                "rescoring", rescore ? "started" : "none: only email templates changed"));
        return new Put(stored.version(), false, stored.createdAt(), stored.sha256());
    }

    /**
     * Whether the candidate differs from the model in effect in its email templates alone (a template saved from the
     * console, a wording fixed): nothing a lead's score, tier, stage or nurture plan reads, so rescoring every stored
     * lead would read them all to change none. A model in effect that no longer loads counts as a difference.
     */
    private boolean onlyTemplatesDiffer(Optional<ConfigStore.ConfigVersion> inEffectVersion, QualificationModel candidate) {
        QualificationModel inEffect;
        try {
            // Its prepared form where it has one, as the containers read it; its YAML for a version stored without.
            inEffect = models.modelOf(inEffectVersion);
        } catch (ModelException e) {
            return false;
        }
        return inEffect.withTemplates(Map.of()).equals(candidate.withTemplates(Map.of()));
    }
}
