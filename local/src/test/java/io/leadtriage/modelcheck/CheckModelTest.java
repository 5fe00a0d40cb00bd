package io.leadtriage.modelcheck;

import io.leadtriage.TestModelText;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** ./check-model: what an edit of the model changes, and the command around it. */
class CheckModelTest {
    static final Path REPO = Path.of("..");
    static final QualificationModel DEFAULT = ModelLoader.load(TestModelText.defaultText(), "default-model.yaml");

    record Result(int exit, String out, String err) {
    }

    static Result command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckModel.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), REPO, CheckModel.Highlight.NONE);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static QualificationModel edited(String original, String replacement) {
        return ModelLoader.load(TestModelText.replaceOnce(TestModelText.defaultText(), original, replacement), "edited");
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                arguments("timeline now worth 25", "    points: 20\n    reason: wants to start now", "    points: 25\n    reason: wants to start now",
                        List.of("fit[timeline-now].points: 20 → 25"),
                        Map.of("Decision maker, budget approved, starting now", "score 75 → 80",
                                "Retail founder, budget approved, starting now", "score 45 → 50, warm → hot, mql → sql",
                                "Throwaway address, decision maker, now", "score 60 → 65")),
                arguments("hot from 55", "  hot:  { min: 50 }\n  warm: { min: 20, max: 49 }", "  hot:  { min: 55 }\n  warm: { min: 20, max: 54 }",
                        List.of("tiers: hot ≥ 50, warm 20–49, cold ≤ 19 → hot ≥ 55, warm 20–54, cold ≤ 19"),
                        Map.of("Demo request from a small agency", "hot → warm, sql → mql")),
                arguments("a demo request worth 40", "    - signal: demo_request\n      points: 30", "    - signal: demo_request\n      points: 40",
                        List.of("behaviour.rules[demo-request].points: 30 → 40"),
                        Map.of("Demo request from a small agency", "score 50 → 60")),
                arguments("a competitor listed", "  competitorDomains: []", "  competitorDomains: [rival-leads.example]",
                        List.of("lists: changed"),
                        Map.of("Competitor (rival-leads.example), evaluating", "now disqualified")),
                arguments("an email's subject", "subject: \"Worth a 20-minute call?\"", "subject: \"Worth a quick call?\"",
                        List.of("templates.book-a-call.subject: \"Worth a 20-minute call?\" → \"Worth a quick call?\""),
                        Map.of()),
                arguments("demo requests only from forms", "    - signal: demo_request\n      points: 30",
                        "    - signal: demo_request\n      points: 30\n      sources: [form]",
                        List.of("behaviour.rules[demo-request].sources: [form, backend] → [form]"), Map.of()),
                arguments("the defaults spelled out", "    - signal: demo_request\n      points: 30",
                        "    - signal: demo_request\n      points: 30\n      sources: [backend, form]", List.of(), Map.of()),
                arguments("page beacons trusted", "halfLife: P30D", "halfLife: P30D\n  lowTrustSources: []",
                        List.of("behaviour.lowTrustSources: [page] → []"),
                        Map.of("Reads guides and pricing, page beacons only", "warm → hot")),
                arguments("a new fit rule", "  - id: challenge-described", "  - id: country-nordics\n    when: { field: country, in: [SE, DK] }\n"
                                + "    points: 5\n    reason: in the Nordics\n  - id: challenge-described",
                        List.of("fit[country-nordics]: new, +5 points"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditShowsWhatItChangedAndWhichSampleLeadsScoreDifferently(String what, String original, String replacement,
                                                                       List<String> changes, Map<String, String> changedLeads) {
        QualificationModel after = edited(original, replacement);

        assertThat(ModelChanges.between(DEFAULT, after)).containsExactlyElementsOf(changes);
        Map<String, String> changed = new LinkedHashMap<>();
        ScoreComparison.of(DEFAULT, after).stream().filter(ScoreComparison.Row::changed)
                .forEach(row -> changed.put(row.lead(), row.changes()));
        assertThat(changed).containsExactlyInAnyOrderEntriesOf(changedLeads);
    }

    @Test
    void theSampleLeadsSpanEveryTierAndStage() {
        List<ScoreComparison.Row> rows = ScoreComparison.of(null, DEFAULT);

        assertThat(rows).hasSize(11).allSatisfy(row -> assertThat(row.before()).isNull());
        assertThat(rows).extracting(row -> row.after().toString()).contains("75 hot sql", "45 warm mql", "65 hot pql",
                "0 cold lead", "-20 cold lead", "60 disqualified",
                "65 warm mql");
    }

    @Test
    void aValidEditIsReportedWithItsChangesMarked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-model.yaml");
        Files.writeString(file, TestModelText.replaceOnce(TestModelText.defaultText(),
                "    points: 20\n    reason: wants to start now", "    points: 25\n    reason: wants to start now"));

        Result result = command(file.toString(), "--against", TestModelText.file());

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith(file + " is a valid qualification model: 15 fit rules, 12 behaviour rules,")
                .contains("Changed against " + TestModelText.file() + ":\n  fit[timeline-now].points: 20 → 25\n")
                .containsPattern("\\* Retail founder, budget approved, starting now +45 warm mql +50 hot sql +score 45 → 50,"
                        + " warm → hot, mql → sql\n")
                .containsPattern("\n  Influencer, budget planned, 3-6 months +35 warm mql +35 warm mql\n")
                .endsWith("3 of 11 sample leads score differently (*); 1 changes tier.\n");
    }

    @Test
    void anInvalidModelListsEveryProblemAndExits1(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, TestModelText.defaultText()
                .replace("    points: 20\n    reason: wants to start now", "    points: lots\n    reason: wants to start now")
                .replace("warm: { min: 20, max: 49 }", "warm: { min: 20, max: 45 }")
                .replace("- { after: P3D, template: customer-story }", "- { after: P3D, template: customer-stroy }"));

        Result result = command(file.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).startsWith(file + " is not a valid qualification model:\n")
                .containsPattern("  - line \\d+, column \\d+: tiers: gap between warm \\(max 45\\) and hot \\(min 50\\)")
                .containsPattern("  - line \\d+, column \\d+: fit\\[timeline-now]\\.points: expected a whole number")
                .containsPattern("  - line \\d+, column \\d+: nurture\\.sequences\\[warm]\\.steps\\[1]\\.template: no template named 'customer-stroy'")
                .endsWith("3 problems: fix them in " + file + " and run ./check-model again. No lead was scored.\n")
                .doesNotContain("Sample lead");
    }

    /** The default: the file as git HEAD has it is "before"; the command's own run, in a repository of its own. */
    @Test
    void beforeIsTheFileAsLastCommitted(@TempDir Path repo) throws Exception {
        assumeThat(git(repo, "init", "-q")).as("git is installed").isZero();
        Path file = repo.resolve("model.yaml");
        Files.writeString(file, TestModelText.defaultText());
        assertThat(git(repo, "add", "model.yaml")).isZero();
        assertThat(git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-q",
                "-m", "model")).isZero();

        assertThat(command(file.toString()).out()).contains("\nNo change against git HEAD.\n")
                .contains("  Sample lead").doesNotContain("before (");

        Files.writeString(file, TestModelText.replaceOnce(TestModelText.defaultText(), "    - signal: demo_request\n      points: 30",
                "    - signal: demo_request\n      points: 40"));
        Result edited = command(file.toString());
        assertThat(edited.exit()).isZero();
        assertThat(edited.out()).contains("Changed against git HEAD:\n  behaviour.rules[demo-request].points: 30 → 40\n")
                .contains("before (git HEAD)")
                .containsPattern("\\* Demo request from a small agency +50 hot sql +60 hot sql +score 50 → 60\n");
    }

    @Test
    void aCopyOutsideGitIsComparedWithTheShippedModel(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("copy.yaml");
        Files.copy(REPO.resolve(CheckModel.SHIPPED), copy);

        assertThat(command(copy.toString()).out()).contains("\nNo change against the shipped model.\n");
    }

    @Test
    void aCommandLineItCannotRunWithIsOneLineAndExitCode2() {
        assertThat(command("--frob")).isEqualTo(new Result(2, "",
                "check-model: unknown option --frob. Run ./check-model --help for the options." + System.lineSeparator()));
        assertThat(command("a.yaml", "b.yaml").err()).startsWith("check-model: unexpected argument 'b.yaml'");
        assertThat(command("no-such-model.yaml")).isEqualTo(new Result(2, "",
                "check-model: no such file: no-such-model.yaml" + System.lineSeparator()));
        assertThat(command("--help").out()).startsWith("Usage: ./check-model [FILE] [--against FILE]");
    }

    @Test
    void theScriptRunsThisMainAndTheReadmeShowsTheCommand() throws Exception {
        Path script = REPO.resolve("check-model");
        assertThat(Files.isExecutable(script)).as("./check-model is executable").isTrue();
        assertThat(Files.readString(script)).contains("io.leadtriage.modelcheck.CheckModel").contains("local/run-main");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("./check-model my-model.yaml")
                .contains("fit[timeline-now].points: expected a whole number");
    }

    private static int git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
