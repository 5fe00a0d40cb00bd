package io.leadtriage.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trimmed jars the deployment package ships (see {@link TrimmedJars}), checked on a class loader that sees them
 * instead of the full ones: every client the functions build links and builds (the JVM verifies all of its
 * operations' methods then), the classes our code names are all there, and what was left out is left out. The
 * deployment rehearsal (local/) runs every function on them under the Lambda runtime client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrimmedJarsTest {
    static final List<String> TRIMMED = List.of(
            "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
            "software.amazon.awssdk.services.sesv2.SesV2Client",
            "software.amazon.awssdk.services.eventbridge.EventBridgeClient",
            "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
            "com.fasterxml.jackson.core.JsonFactory",
            "org.yaml.snakeyaml.composer.Composer");
    static final Path CLASSES = Path.of("target/classes");

    Path out;
    List<Path> trimmed;
    URLClassLoader shipped;

    @BeforeAll
    void trimIntoATemporaryFolder(@TempDir Path out) throws Exception {
        this.out = out;
        List<String> args = new ArrayList<>(List.of(CLASSES.toString(), out.toString()));
        args.addAll(TRIMMED);
        TrimmedJars.main(args.toArray(String[]::new));
        try (Stream<Path> files = Files.list(out)) {
            trimmed = files.sorted().toList();
        }
        Set<String> fullNames = Set.copyOf(trimmed.stream()
                .map(p -> p.getFileName().toString().replaceFirst("^.*?\\.(?=[a-z0-9-]+-[0-9][^/]*\\.jar$)", "")).toList());
        List<URL> urls = new ArrayList<>();
        urls.add(CLASSES.toUri().toURL());
        for (Path jar : trimmed) {
            urls.add(jar.toUri().toURL());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && !fullNames.contains(path.getFileName().toString())) {
                urls.add(path.toUri().toURL());
            }
        }
        // Parent-last: only the platform's classes come from elsewhere, so a class missing from a trimmed jar fails.
        shipped = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void eachTrimmedJarReplacesItsFullJar() throws Exception {
        assertThat(trimmed).extracting(p -> p.getFileName().toString()).containsExactly(
                "com.amazonaws.aws-lambda-java-events-3.16.1.jar",
                "com.fasterxml.jackson.core.jackson-core-2.21.2.jar",
                "org.yaml.snakeyaml-2.5.jar",
                "software.amazon.awssdk.dynamodb-2.57.8.jar",
                "software.amazon.awssdk.eventbridge-2.57.8.jar",
                "software.amazon.awssdk.secretsmanager-2.57.8.jar",
                "software.amazon.awssdk.sesv2-2.57.8.jar");
        for (String member : TRIMMED) {
            assertThat(shipped.getResource(member.replace('.', '/') + ".class").toString())
                    .startsWith("jar:" + out.toUri().toURL());
        }
    }

    /**
     * Through method handles, which resolve one method each: reflection's {@code getMethod} would resolve every type
     * of every method of the builder (waiters and paginators are left out), which the JVM itself never does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dynamodb.DynamoDbClient", "sesv2.SesV2Client", "eventbridge.EventBridgeClient",
            "secretsmanager.SecretsManagerClient"})
    void everyClientLinksAndBuilds(String client) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> type = shipped.loadClass("software.amazon.awssdk.services." + client);
        Class<?> builderType = shipped.loadClass(type.getName() + "Builder");
        Class<?> awsBuilder = shipped.loadClass("software.amazon.awssdk.awscore.client.builder.AwsClientBuilder");
        Class<?> sdkBuilder = shipped.loadClass("software.amazon.awssdk.core.client.builder.SdkClientBuilder");
        Class<?> region = shipped.loadClass("software.amazon.awssdk.regions.Region");
        Class<?> provider = shipped.loadClass("software.amazon.awssdk.auth.credentials.AwsCredentialsProvider");
        Class<?> anonymous = shipped.loadClass("software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider");

        Object builder = lookup.findStatic(type, "builder", MethodType.methodType(builderType)).invoke();
        lookup.findVirtual(builderType, "region", MethodType.methodType(awsBuilder, region)).invoke(builder,
                lookup.findStatic(region, "of", MethodType.methodType(region, String.class)).invoke("eu-west-1"));
        lookup.findVirtual(builderType, "credentialsProvider", MethodType.methodType(awsBuilder, provider)).invoke(builder,
                lookup.findStatic(anonymous, "create", MethodType.methodType(anonymous)).invoke());
        lookup.findVirtual(builderType, "endpointOverride", MethodType.methodType(sdkBuilder, URI.class))
                .invoke(builder, URI.create("http://127.0.0.1:9"));
        Object built = lookup.findVirtual(builderType, "build", MethodType.methodType(Object.class)).invoke(builder);

        // Built by the default implementation, which the JVM verified as a whole: the methods of every operation.
        assertThat(built.getClass().getName()).contains(".Default");
        ((AutoCloseable) built).close();
    }

    @Test
    void everySdkClassOurCodeNamesShips() throws Exception {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                for (String name : TrimmedJars.referencedClasses(Files.readAllBytes(file))) {
                    if ((name.startsWith("software/amazon/awssdk/services/")
                            || name.startsWith("com/amazonaws/services/lambda/runtime/events/")
                            || name.startsWith("com/fasterxml/jackson/core/") || name.startsWith("org/yaml/snakeyaml/"))
                            && shipped.getResource(name + ".class") == null) {
                        missing.add(CLASSES.relativize(file) + " → " + name);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * The shipped model read through the trimmed SnakeYAML and its prepared form through the trimmed jackson-core, and
     * JSON read and written through it.
     */
    @Test
    void theModelLoadsAndJsonRoundTripsOnTheTrimmedParsers() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> loader = shipped.loadClass("io.leadtriage.config.ModelLoader");
        Class<?> model = shipped.loadClass("io.leadtriage.domain.model.QualificationModel");
        String yaml = Files.readString(CLASSES.resolve("leadtriage-model.yaml"));
        Object loaded = lookup.findStatic(loader, "load", MethodType.methodType(model, String.class, String.class))
                .invoke(yaml, "leadtriage-model.yaml");
        assertThat(loaded).isNotNull();
        // The prepared form a function's init reads instead, through the trimmed jackson-core: the same model.
        Class<?> prepared = shipped.loadClass("io.leadtriage.config.PreparedModel");
        Object form = lookup.findStatic(prepared, "write", MethodType.methodType(String.class, model, String.class))
                .invoke(loaded, yaml);
        assertThat((java.util.Optional<Object>) lookup.findStatic(prepared, "read", MethodType.methodType(java.util.Optional.class,
                String.class, String.class)).invoke(form, yaml)).contains(loaded);

        Class<?> json = shipped.loadClass("io.leadtriage.json.JsonTree");
        Object parsed = lookup.findStatic(json, "parse", MethodType.methodType(Object.class, String.class))
                .invoke("{\"a\":[1,2.5,\"é\",true,null],\"b\":{\"c\":\"d\"}}");
        assertThat(lookup.findStatic(json, "write", MethodType.methodType(String.class, Object.class)).invoke(parsed))
                .isEqualTo("{\"a\":[1,2.5,\"é\",true,null],\"b\":{\"c\":\"d\"}}");
        assertThat(shipped.loadClass("com.fasterxml.jackson.core.JsonFactory").getProtectionDomain().getCodeSource()
                .getLocation().toString()).startsWith(out.toUri().toURL().toString());
    }

    @Test
    void theOperationsNeverCalledAndTheSdkWarmUpAreLeftOut() throws Exception {
        Path sesv2 = out.resolve("software.amazon.awssdk.sesv2-2.57.8.jar");
        try (ZipFile zip = new ZipFile(sesv2.toFile())) {
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/model/SendEmailRequest$BuilderImpl.class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/transform/SendEmailRequestMarshaller.class")).isNotNull();
            // Kept for the verifier, without its builder, shapes or marshaller.
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/model/CreateContactListRequest.class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/model/CreateContactListRequest$BuilderImpl.class")).isNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/sesv2/model/ContactList.class")).isNull();
            assertThat(zip.getEntry(TrimmedJars.SDK_WARM_UP)).isNull();
        }
    }
}
