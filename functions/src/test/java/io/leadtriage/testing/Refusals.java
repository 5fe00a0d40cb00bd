package io.leadtriage.testing;

import io.leadtriage.app.Refusal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The refusal a use case answered with, so a test asserts on its code and fields rather than on its type alone. */
public final class Refusals {
    private Refusals() {
    }

    public static Refusal refusalOf(ThrowingCallable call) {
        Refusal refusal = catchThrowableOfType(Refusal.class, call);
        assertThat(refusal).as("refused with a Refusal").isNotNull();
        return refusal;
    }
}
