package io.leadtriage.wiring;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client built when a request first needs it, then kept for the container's life: for the clients most requests of a
 * function never use (SES, EventBridge: a form post sends an alert and publishes an event for a hot lead only), so that
 * a start without a snapshot does not build them at init. Under SnapStart they are built at init instead, where the
 * snapshot keeps them (see {@link Services#startUp}).
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
