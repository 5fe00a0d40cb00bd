package io.leadtriage;

import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shipped model, and variants of it made by editing its text the way a marketer would. */
public final class TestModels {
    private static final QualificationModel DEFAULT = ModelLoader.loadDefault();

    private TestModels() {
    }

    public static QualificationModel defaultModel() {
        return DEFAULT;
    }

    public static String defaultText() {
        try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream(ModelLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default model's text with one exact piece replaced; fails loudly if the piece is not there. */
    public static String editedText(String original, String replacement) {
        String text = defaultText();
        if (!text.contains(original)) {
            throw new IllegalArgumentException("the default model has no '" + original + "'");
        }
        return text.replace(original, replacement);
    }

    public static QualificationModel edited(String original, String replacement) {
        return ModelLoader.load(editedText(original, replacement), "edited model");
    }
}
