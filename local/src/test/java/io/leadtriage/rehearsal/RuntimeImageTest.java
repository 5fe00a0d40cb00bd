package io.leadtriage.rehearsal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's runtime class path as test-support/pom.xml lays it out: the RIC and exactly what it declares, nothing else. */
class RuntimeImageTest {

    @Test
    void theRuntimeClassPathIsTheRicAndExactlyTheJarsItsManifestNames() throws Exception {
        LambdaRuntimeImage image = LambdaRuntimeImage.locate();
        Path ric = image.classPath().stream()
                .filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-")).findFirst().orElseThrow();
        String declared;
        try (JarFile jar = new JarFile(ric.toFile())) {
            // The RIC's build writes its runtime dependencies into its manifest's Class-Path.
            declared = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<String> expected = new ArrayList<>(Arrays.asList(declared.strip().split("\\s+")));
        expected.add(ric.getFileName().toString());
        assertThat(image.classPath().stream().map(p -> p.getFileName().toString()).toList())
                .as("test-support/pom.xml's lambda-java-runtime execution must copy what RIC %s declares", image.ricVersion())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(image.ricVersion()).isEqualTo("2.10.1");
        // Lambda's order: core, the RIC, serialization first.
        assertThat(image.classPath().get(0).getFileName().toString()).startsWith("aws-lambda-java-core-");
        assertThat(image.classPath().get(1).getFileName().toString()).startsWith("aws-lambda-java-runtime-interface-client-");
        assertThat(Files.size(image.jniLibrary())).isPositive();
        System.out.println("Lambda runtime: RIC " + image.ricVersion() + " on JDK " + image.jdk().version() + " ("
                + image.jdk().why() + ")");
    }
}
