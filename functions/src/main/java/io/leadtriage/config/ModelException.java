package io.leadtriage.config;

import java.util.List;

/** A model file that cannot be used, with every problem found, each naming its place. */
public final class ModelException extends RuntimeException {
    private final transient List<ModelProblem> details;

    public ModelException(String source, List<ModelProblem> details) {
        super(source + " is not a valid qualification model:\n  - "
                + String.join("\n  - ", details.stream().map(ModelProblem::toString).toList()));
        this.details = List.copyOf(details);
    }

    /** Each problem as one sentence with its place, in the file's order. */
    public List<String> problems() {
        return details.stream().map(ModelProblem::toString).toList();
    }

    /** Each problem with its place apart (line, column, path) and its code, in the file's order. */
    public List<ModelProblem> details() {
        return details;
    }
}
