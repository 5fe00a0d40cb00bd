package io.leadtriage.modelcheck;

import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.domain.model.QualificationModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./check-model [FILE] [--against FILE]}: what a marketer runs after editing the qualification model. It
 * checks the file as the functions will when they load it (every problem at once, each with its line and the rule's
 * id), then scores a fixed set of sample leads ({@link SampleLeads}) with the model before and after the edit and
 * marks what changed. "Before" is the file as last committed (git HEAD), or {@code --against}'s file; a copy of the
 * model outside git is compared with the shipped one. Exit code: 0 valid, 1 not a valid model, 2 the command could
 * not run (no such file, an unknown option).
 */
public final class CheckModel {
    static final String SHIPPED = "functions/model/leadtriage-model.yaml";
    static final String USAGE = """
            Usage: ./check-model [FILE] [--against FILE]

            Checks a qualification model (default: %s) as the
            functions do when they load it: every problem at once, each with its line and the rule's id.
            Then scores sample leads with the model before and after your edit, and marks what changed.
            Before is the file as last committed in git, or --against's file; a copy outside git is
            compared with the shipped model.

            Exit code: 0 when the model is valid, 1 when it is not, 2 when the check could not run.""".formatted(SHIPPED);

    private final PrintStream out;
    private final Highlight highlight;

    private CheckModel(PrintStream out, Highlight highlight) {
        this.out = out;
        this.highlight = highlight;
    }

    /** Marks a changed line: bold on a terminal, plain text (the {@code *} in front says it) elsewhere. */
    enum Highlight {
        NONE, TERMINAL;

        String of(String line) {
            return this == TERMINAL ? "\u001b[1m" + line + "\u001b[0m" : line;
        }

        static Highlight forConsole() {
            return System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM")) ? TERMINAL : NONE;
        }
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("leadtriage.root", "."));
        System.exit(main(args, System.out, System.err, root, Highlight.forConsole()));
    }

    /** @param root the repository's root, where the shipped model is @return the exit code */
    static int main(String[] args, PrintStream out, PrintStream err, Path root, Highlight highlight) {
        Path file = null;
        Path against = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.equals("--against") && i + 1 < args.length) {
                against = Path.of(args[++i]);
            } else if (arg.startsWith("--against=")) {
                against = Path.of(arg.substring("--against=".length()));
            } else if (arg.startsWith("-") || file != null) {
                err.println("check-model: " + (arg.startsWith("-") ? "unknown option " + arg : "unexpected argument '" + arg + "'")
                        + ". Run ./check-model --help for the options.");
                return 2;
            } else {
                file = Path.of(arg);
            }
        }
        Path shipped = root.resolve(SHIPPED).normalize();
        Path checked = file == null ? shipped : file;
        String name = file == null ? SHIPPED : file.toString();
        try {
            return new CheckModel(out, highlight).check(name, Files.readString(checked, StandardCharsets.UTF_8),
                    before(checked, against, shipped));
        } catch (NoSuchFileException e) {
            err.println("check-model: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("check-model: cannot read " + e.getMessage());
            return 2;
        }
    }

    /** The model to compare with, as text, and what to call it. @param text null when there is none */
    record Before(String name, String text, String why) {
        static Before none(String why) {
            return new Before(null, null, why);
        }
    }

    static Before before(Path checked, Path against, Path shipped) throws IOException {
        if (against != null) {
            return new Before(against.toString(), Files.readString(against, StandardCharsets.UTF_8), null);
        }
        String committed = committed(checked);
        if (committed != null) {
            return new Before("git HEAD", committed, null);
        }
        if (Files.exists(shipped) && !Files.isSameFile(checked, shipped)) {
            return new Before("the shipped model", Files.readString(shipped, StandardCharsets.UTF_8), null);
        }
        return Before.none("the file is not in git: --against FILE compares it with another model");
    }

    /** The file as git HEAD has it, or null: not in a git repository, not committed, or no git. */
    static String committed(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        ProcessBuilder git = new ProcessBuilder("git", "-C", absolute.getParent().toString(), "show",
                "HEAD:./" + absolute.getFileName()).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = git.start();
            byte[] text;
            try (InputStream in = process.getInputStream()) {
                text = in.readAllBytes();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(text, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null; // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int check(String name, String text, Before before) {
        QualificationModel after;
        try {
            after = ModelLoader.load(text, name);
        } catch (ModelException e) {
            out.println(e.getMessage());
            out.println();
            int count = e.problems().size();
            out.println(count + (count == 1 ? " problem" : " problems") + ": fix " + (count == 1 ? "it" : "them")
                    + " in " + name + " and run ./check-model again. No lead was scored.");
            return 1;
        }
        out.println(name + " is a valid qualification model: " + after.fit().size() + " fit rules, "
                + after.behaviour().rules().size() + " behaviour rules, "
                + (after.questions().isEmpty() ? "" : after.questions().size() + " questions, ") + after.forms().size()
                + " forms, " + after.nurture().sequences().size() + " nurture sequences, " + after.templates().size()
                + " templates.");
        QualificationModel was = earlier(before, text);
        if (was != null) {
            List<String> changes = ModelChanges.between(was, after);
            out.println();
            out.println(changes.isEmpty() ? "No change against " + before.name() + "." : "Changed against " + before.name() + ":");
            changes.forEach(change -> out.println("  " + change));
        }
        out.println();
        table(ScoreComparison.of(was, after), was == null ? null : before.name());
        return 0;
    }

    /** The model before the edit, or null (after saying why) when there is none to compare with. */
    private QualificationModel earlier(Before before, String text) {
        if (before.text() == null) {
            out.println("(" + before.why() + ")");
            return null;
        }
        if (before.text().equals(text)) {
            out.println();
            out.println("No change against " + before.name() + ".");
            return null;
        }
        try {
            return ModelLoader.load(before.text(), before.name());
        } catch (ModelException e) {
            out.println();
            out.println("(" + before.name() + " is not a valid model: nothing to compare with)");
            return null;
        }
    }

    private void table(List<ScoreComparison.Row> rows, String beforeName) {
        int lead = Math.max("Sample lead".length(), rows.stream().mapToInt(r -> r.lead().length()).max().orElse(0));
        int column = 20;
        if (beforeName == null) {
            out.println(pad("  Sample lead", lead + 4) + "score, tier, stage");
            rows.forEach(r -> out.println(pad("  " + r.lead(), lead + 4) + r.after()));
            return;
        }
        out.println(pad("  Sample lead", lead + 4) + pad("before (" + beforeName + ")", Math.max(column, beforeName.length() + 11))
                + "after");
        int beforeWidth = Math.max(column, beforeName.length() + 11);
        int changed = 0;
        int tierChanged = 0;
        for (ScoreComparison.Row row : rows) {
            String line = pad((row.changed() ? "* " : "  ") + row.lead(), lead + 4) + pad(row.before().toString(), beforeWidth)
                    + pad(row.after().toString(), column) + row.changes();
            out.println(row.changed() ? highlight.of(line.stripTrailing()) : line.stripTrailing());
            if (row.changed()) {
                changed++;
                if (!row.before().tier().equals(row.after().tier()) || row.before().disqualified() != row.after().disqualified()) {
                    tierChanged++;
                }
            }
        }
        out.println();
        out.println(changed == 0 ? "No sample lead scores differently."
                : changed + " of " + rows.size() + " sample leads score differently (*)"
                + (tierChanged == 0 ? "; none changes tier." : "; " + tierChanged + " "
                + (tierChanged == 1 ? "changes" : "change") + " tier."));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + "  " : text + " ".repeat(width - text.length());
    }
}
