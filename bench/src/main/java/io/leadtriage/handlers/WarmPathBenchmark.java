package io.leadtriage.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.intake.FormFields;
import io.leadtriage.app.intake.ValidatedForm;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.model.FormDefinition;
import io.leadtriage.domain.model.QualificationModel;
import io.leadtriage.handlers.http.FormBody;
import io.leadtriage.json.JsonTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The warm path of a step-1 submission, without I/O: the body of events/form-get-started-json.json parsed
 * ({@link FormBody#parse}), validated against the get-started form ({@link FormFields#validate}), the new
 * lead scored ({@link Qualifier#qualifyAt}), and the answer the form handler sends (lead id, continuation
 * token, next step) written as JSON ({@link JsonTree#write}). What FormHandler does around it (DynamoDB reads
 * and the transaction, logging) is I/O and is left out.
 *
 * <p>{@link #main} runs it twice in SampleTime mode and prints the percentiles: with the functions' JVM
 * flags (C1 only, as template.yaml sets JAVA_TOOL_OPTIONS; serial GC; 1024 MB), which is what Lambda runs,
 * and with the JVM's defaults (C2), for comparison. The target: p50 under 0.3 ms.
 */
@State(Scope.Benchmark)
public class WarmPathBenchmark {
    /** The issue's target for the warm path's median. */
    static final double TARGET_P50_MS = 0.3;
    private static final String EVENT = "events/form-get-started-json.json";
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:MaxRAM=1024m");

    private byte[] body;
    private String contentType;
    private FormDefinition form;
    private Qualifier qualifier;
    private TokenService tokens;
    private Instant now;

    @Setup
    public void setUp() throws IOException {
        var event = new ObjectMapper().readTree(Files.readString(locate(EVENT)));
        body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
        contentType = event.path("headers").path("content-type").asText();
        QualificationModel model = ModelLoader.loadDefault();
        form = model.forms().get("get-started");
        qualifier = new Qualifier(model, Clock.systemUTC());
        tokens = new TokenService("benchmark-signing-key-0123456789abcdef0123456789", Clock.systemUTC());
        now = Instant.now();
    }

    @Benchmark
    public String step1(Blackhole scores) {
        Map<String, String> raw = FormBody.parse(contentType, body);
        ValidatedForm fields = FormFields.validate(raw, form, false);
        Lead lead = new Lead(UUID.randomUUID().toString(), fields.email(), fields.answers(), List.of());
        scores.consume(qualifier.qualifyAt(lead, now));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("leadId", lead.id());
        answer.put("token", tokens.issue(TokenPurpose.FORM, lead.id()));
        answer.put("next", Map.of("action", "step2", "url", form.step2Url()));
        return JsonTree.write(answer);
    }

    public static void main(String[] args) throws RunnerException {
        Path results = Path.of("bench/target");
        System.out.printf("Warm path of a step-1 submission (parse, validate, score, answer as JSON; no I/O), JMH"
                + " SampleTime, 1 fork, 5 x 1 s warm-up, 5 x 2 s measurement:%n");
        report("Lambda's flags " + String.join(" ", LAMBDA_FLAGS), run(LAMBDA_FLAGS, results.resolve("jmh-warm-path-c1.json")));
        report("JVM defaults (C2)", run(List.of(), results.resolve("jmh-warm-path-c2.json")));
    }

    private static RunResult run(List<String> jvmFlags, Path resultFile) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(WarmPathBenchmark.class.getName() + ".step1")
                .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .forks(1)
                .jvmArgsAppend(jvmFlags.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .result(resultFile.toString()).resultFormat(ResultFormatType.JSON)
                .build();
        return new Runner(options).runSingle();
    }

    private static void report(String flags, RunResult result) {
        Statistics s = result.getPrimaryResult().getStatistics();
        double p50Ms = s.getPercentile(50) / 1000;
        System.out.printf(Locale.ROOT, "  %s%n    p50 %.1f µs   p90 %.1f µs   p99 %.1f µs   p99.9 %.1f µs   max %.1f µs"
                        + "   mean %.1f µs   (%,d samples)   p50 %.3f ms: %s%n",
                flags, s.getPercentile(50), s.getPercentile(90), s.getPercentile(99), s.getPercentile(99.9), s.getMax(),
                s.getMean(), s.getN(), p50Ms, p50Ms < TARGET_P50_MS ? "under the 0.3 ms target"
                        : "OVER the 0.3 ms target");
    }

    /** A file of the project, from the working directory (bench/run starts at the project root) or a parent. */
    private static Path locate(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir.resolve(file);
            }
        }
        throw new UncheckedIOException(new IOException(file + " not found from " + Path.of("").toAbsolutePath()));
    }
}
