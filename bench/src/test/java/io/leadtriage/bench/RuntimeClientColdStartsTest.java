package io.leadtriage.bench;

import io.leadtriage.bench.RuntimeClientColdStarts.Floor;
import io.leadtriage.bench.RuntimeClientColdStarts.Mode;
import io.leadtriage.bench.floor.HelloFloor;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime-client benchmark's parts that need no runtime: its modes, the floors' task roots as the runtime client
 * will load them, and the class-loading log read by origin.
 */
class RuntimeClientColdStartsTest {
    @TempDir
    Path dir;

    @Test
    void theFloorsRunWithFormFunctionsSettingsOnBothCoresAndOnOne() {
        List<Mode> modes = RuntimeClientColdStarts.modes(true);

        assertThat(modes).extracting(Mode::label).doesNotHaveDuplicates()
                .contains("hello", "sdk-first-calls", "hello (1 core)", "sdk-first-calls (1 core)",
                        "FormFunction on-demand (1 core)", "EventsFunction", "DispatchFunction", "AdminFunction on-demand (1 secret)");
        assertThat(modes).filteredOn(m -> m.floor() != null)
                .allSatisfy(m -> assertThat(m.function()).isEqualTo(RuntimeClientColdStarts.FORM))
                .allSatisfy(m -> assertThat(m.addedSecrets()).isEmpty());
        assertThat(modes).filteredOn(Mode::oneCore).extracting(Mode::label)
                .containsExactlyInAnyOrder("hello (1 core)", "sdk-first-calls (1 core)", "FormFunction on-demand (1 core)");
        assertThat(RuntimeClientColdStarts.modes(false)).noneMatch(Mode::oneCore);
    }

    @Test
    void everyFunctionOfTheTemplateHasAStartOfItsOwn() throws Exception {
        List<String> measured = RuntimeClientColdStarts.modes(false).stream().filter(m -> m.floor() == null)
                .map(Mode::function).distinct().toList();
        assertThat(measured).containsExactlyInAnyOrderElementsOf(
                SamTemplate.read(SamTemplate.locate()).functions().keySet());
    }

    @Test
    void helloHasItsClassAloneAndSdkFirstCallsHasTheFunctionsArtifactBesideItsOwn() throws Exception {
        Path artifact = Files.createDirectories(dir.resolve("artifact"));
        Files.createDirectories(artifact.resolve("io/leadtriage/handlers"));
        Files.writeString(artifact.resolve("io/leadtriage/handlers/FormHandler.class"), "class");
        Files.createDirectories(artifact.resolve("lib"));
        Files.writeString(artifact.resolve("lib/software.amazon.awssdk.dynamodb-2.57.8.jar"), "jar");
        Path work = dir.resolve("work");

        Path hello = Floor.HELLO.assemble(work, artifact);
        Path sdk = Floor.SDK_FIRST_CALLS.assemble(work, artifact);

        assertThat(files(hello)).containsExactly("io/leadtriage/bench/floor/HelloFloor.class");
        assertThat(files(sdk)).containsExactlyInAnyOrder("io/leadtriage/bench/floor/SdkFirstCallsFloor.class",
                "io/leadtriage/handlers/FormHandler.class", "lib/software.amazon.awssdk.dynamodb-2.57.8.jar");
        // Assembled again, a task root holds nothing of the run before.
        Files.writeString(hello.resolve("left-over.txt"), "x");
        assertThat(files(Floor.HELLO.assemble(work, artifact))).containsExactly("io/leadtriage/bench/floor/HelloFloor.class");
    }

    @Test
    void helloAnswersAnEmptyObjectWhateverTheEvent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HelloFloor().handleRequest(new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void classLogLinesAreReadWithTheirUptimeAndOriginInEitherDecoration() throws Exception {
        Path log = dir.resolve("classes.log");
        Files.write(log, List.of(
                "[0.011s][info][class,load] java.lang.Object source: shared objects file",
                "[0.020s][info][class,load] sun.net.www.protocol.http.HttpURLConnection source: jrt:/java.base",
                "[0.030s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source:"
                        + " file:/w/test-support/target/lambda-runtime/lib/aws-lambda-java-runtime-interface-client-2.10.1.jar",
                "[0.310s][info][class,load] software.amazon.awssdk.core.SdkClient source:"
                        + " file:/w/local/target/.aws-sam/build/FormFunction/lib/software.amazon.awssdk.sdk-core-2.57.8.jar",
                "[0.400s][info][class,load] io.leadtriage.handlers.FormHandler source: file:/w/local/target/.aws-sam/build/FormFunction/",
                "[0.410s][info][class,load] io.leadtriage.bench.floor.HelloFloor source: file:/w/bench/target/x/floors/hello/",
                "[0.5s] io.leadtriage.wiring.Services$$Lambda/0x0000 source: io.leadtriage.wiring.Services",
                "[0.6s] java.lang.String source: shared objects file"));

        List<ColdStarts.LoadedClass> classes = ColdStarts.readClassLog(log);

        assertThat(classes).extracting(ColdStarts.LoadedClass::origin).containsExactly(
                "JDK, from the CDS archive",
                "JDK, from its modules (not in the CDS archive)",
                "runtime: aws-lambda-java-runtime-interface-client-2.10.1.jar",
                "lib/software.amazon.awssdk.sdk-core-2.57.8.jar",
                "task root (classes at the artifact's root)",
                "task root (classes at the artifact's root)",
                "generated by the JVM (lambdas, proxies, method handles)",
                "JDK, from the CDS archive");
        assertThat(classes).extracting(ColdStarts.LoadedClass::atMs).containsExactly(11.0, 20.0, 30.0, 310.0, 400.0, 410.0, 500.0, 600.0);
        assertThat(classes.get(4).name()).isEqualTo("io.leadtriage.handlers.FormHandler");

        RuntimeClientColdStarts.ClassLoads loads = new RuntimeClientColdStarts.ClassLoads("FormFunction", 350, classes);
        assertThat(loads.byOrigin().get("JDK, from the CDS archive")).containsExactly(1, 1);
        assertThat(loads.byOrigin().get("task root (classes at the artifact's root)")).containsExactly(0, 2);
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
