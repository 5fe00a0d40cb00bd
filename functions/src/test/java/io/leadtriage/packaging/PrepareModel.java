package io.leadtriage.packaging;

import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.config.ShippedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build step of the deployment package (run by functions/pom.xml at {@code prepare-package}; test code, so it ships
 * nothing): checks the shipped model as a function would, then writes its {@link PreparedModel prepared form} beside
 * it in target/classes, which a function's init reads instead of the YAML. A model with problems stops the build
 * with the check's message, every problem with its line, rather than a package whose functions would refuse to start.
 */
public final class PrepareModel {
    private PrepareModel() {
    }

    /** @param args the compiled classes and resources (target/classes), where the model file was copied */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        String yaml = Files.readString(classes.resolve(ModelLoader.DEFAULT_RESOURCE));
        String prepared;
        try {
            prepared = PreparedModel.write(ModelLoader.load(yaml, "functions/model/" + ModelLoader.DEFAULT_RESOURCE), yaml);
        } catch (ModelException e) {
            // The message alone: a stack trace under it would hide the lines the marketer has to fix.
            throw new IllegalStateException(e.getMessage() + "\n(./check-model shows the same, with the scores it changes)", null);
        }
        Files.writeString(classes.resolve(ShippedModel.PREPARED_RESOURCE), prepared);
    }
}
