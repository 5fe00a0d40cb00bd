package io.leadtriage.config;

import java.util.List;

/** A model file that cannot be used, with every problem found, each naming its place. */
public final class ModelException extends RuntimeException {
    private final transient List<String> problems;

    public ModelException(String source, List<String> problems) {
        super(source + " is not a valid qualification model:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
