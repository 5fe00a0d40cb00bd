package io.leadtriage.config;

import org.yaml.snakeyaml.error.Mark;

import java.util.Comparator;

/**
 * One mistake in a model file: where it is written (line and column; 0 when the file as a whole is meant, or, for
 * the column, when only the line is known), the path
 * of keys that names it ({@code fit[timeline-now].points}; null when the line says it all) and what is wrong.
 */
record ModelProblem(int line, int column, String path, String message) {
    /** The file's order: a marketer reads the list while scrolling the file. */
    static final Comparator<ModelProblem> IN_FILE_ORDER = Comparator.comparingInt(ModelProblem::line)
            .thenComparingInt(ModelProblem::column);

    static ModelProblem at(Mark mark, String path, String message) {
        return mark == null ? new ModelProblem(0, 0, path, message)
                : new ModelProblem(mark.getLine() + 1, mark.getColumn() + 1, path, message);
    }

    /** {@code line 69, column 13: fit[timeline-now].points: expected a whole number} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (line > 0) {
            text.append("line ").append(line);
            if (column > 0) {
                text.append(", column ").append(column);
            }
            text.append(": ");
        }
        if (path != null) {
            text.append(path.isEmpty() ? "(top level)" : path).append(": ");
        }
        return text.append(message).toString();
    }
}
