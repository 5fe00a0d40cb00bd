package io.leadtriage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default model as the tests know it, and edits of model text the way a marketer makes them. The tests run
 * against the frozen copy of the shipped model that functions/ keeps for its own tests
 * (functions/src/test/resources/io/leadtriage/default-model.yaml, named by the {@value #PROPERTY} system property
 * that local/pom.xml sets), never against functions/model/leadtriage-model.yaml: a marketer's edit of that file
 * changes no test result.
 */
public final class TestModelText {
    static final String PROPERTY = "leadtriage.testModel";

    private TestModelText() {
    }

    /** The frozen default model's file, to give the services as their model file. */
    public static String file() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("the system property " + PROPERTY + " names no file: run the tests with Maven"
                    + " (local/pom.xml sets it), or set it to functions/src/test/resources/io/leadtriage/default-model.yaml");
        }
        return file;
    }

    /** The frozen default model's text, comments and all. */
    public static String defaultText() {
        try {
            return Files.readString(Path.of(file()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String replaceOnce(String text, String original, String replacement) {
        int at = text.indexOf(original);
        if (at < 0 || text.indexOf(original, at + 1) >= 0) {
            throw new IllegalArgumentException("the model text must contain '" + original + "' exactly once");
        }
        return text.replace(original, replacement);
    }
}
