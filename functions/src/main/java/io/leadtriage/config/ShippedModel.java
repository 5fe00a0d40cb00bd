package io.leadtriage.config;

import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.ops.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The model shipped with the code (functions/model/leadtriage-model.yaml, on the class path), as a function's init
 * takes it: from its {@link PreparedModel prepared form} when the build wrote one for exactly this text, else from the
 * YAML, read and checked by {@link ModelLoader}. This class names nothing of SnakeYAML, so a start that finds the
 * prepared form loads none of it (the verifier would load the exception classes {@link ModelLoader} catches).
 */
public final class ShippedModel {
    /** The prepared form, written beside the YAML by the build (packaging/PrepareModel). */
    public static final String PREPARED_RESOURCE = "leadtriage-model.prepared.json";

    private ShippedModel() {
    }

    /** The text of the shipped model file, comments and all. */
    public static String text() {
        Optional<String> text = resource(ModelLoader.DEFAULT_RESOURCE);
        if (text.isEmpty()) {
            throw new IllegalStateException(ModelLoader.DEFAULT_RESOURCE + " is missing from the classpath");
        }
        return text.get();
    }

    /**
     * The model of {@code text}, the shipped file's: the prepared form's when it stands for this text, else the text
     * read and checked (a local edit of the file, a stale or missing prepared form).
     *
     * @throws ModelException the text has problems (only when no prepared form stands for it)
     */
    public static QualificationModel load(String text) {
        return load(text, resource(PREPARED_RESOURCE));
    }

    /** {@link #load(String)} with the prepared form given, or none. */
    static QualificationModel load(String text, Optional<String> prepared) {
        if (prepared.isPresent()) {
            try {
                Optional<QualificationModel> model = PreparedModel.read(prepared.get(), text);
                if (model.isPresent()) {
                    return model.get();
                }
                Log.info("prepared model written for another model file; reading the YAML",
                        Map.of("code", "prepared_model_stale"));
            } catch (IllegalArgumentException e) {
                Log.warn("prepared model unreadable; reading the YAML",
                        Map.of("code", "prepared_model_unreadable", "reason", e.getMessage()));
            }
        }
        return ModelLoader.load(text, ModelLoader.DEFAULT_RESOURCE);
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = ShippedModel.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
