package io.leadtriage.wiring;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A part built when it is first needed, then kept for the container's life: the clients most requests of a function
 * never use (SES, EventBridge: a form post sends an alert and publishes an event for a hot lead only), and the use
 * cases of the other functions, so that a start does not build or load them at init. Under SnapStart the clients are
 * built at init instead, where the snapshot keeps them (see {@link Services#startUp}), and a handler takes its use
 * cases in its constructor.
 */
final class BuiltOnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T built;

    BuiltOnFirstUse(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public T get() {
        T value = built;
        if (value == null) {
            synchronized (this) {
                value = built;
                if (value == null) {
                    value = Objects.requireNonNull(build.get(), "built");
                    built = value;
                }
            }
        }
        return value;
    }
}
