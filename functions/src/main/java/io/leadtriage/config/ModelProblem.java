package io.leadtriage.config;

import org.yaml.snakeyaml.error.Mark;

import java.util.Comparator;

/**
 * One mistake in a model file: where it is written (line and column; 0 when the file as a whole is meant, or, for
 * the column, when only the line is known), the path
 * of keys that names it ({@code fit[timeline-now].points}; null when the line says it all), what kind of mistake it
 * is ({@link #code}) and what is wrong.
 *
 * @param code one of {@code yaml_syntax} (the text is not YAML), {@code empty}, {@code wrong_type} (a value of
 *             another kind than the place takes: text for a number, a list for a section), {@code not_one_of} (a
 *             value outside a fixed set), {@code unknown_key}, {@code duplicate_key}, {@code empty_item},
 *             {@code not_supported}, {@code missing} (a required value left out), {@code invalid_value} (any other
 *             check of the model), {@code invalid_template} (a template that is not Mustache), {@code not_editable}
 *             (a form's change to a place the text cannot take it at)
 */
public record ModelProblem(int line, int column, String path, String code, String message) {
    /** The file's order: a marketer reads the list while scrolling the file. */
    static final Comparator<ModelProblem> IN_FILE_ORDER = Comparator.comparingInt(ModelProblem::line)
            .thenComparingInt(ModelProblem::column);

    static ModelProblem at(Mark mark, String path, String code, String message) {
        return mark == null ? new ModelProblem(0, 0, path, code, message)
                : new ModelProblem(mark.getLine() + 1, mark.getColumn() + 1, path, code, message);
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
