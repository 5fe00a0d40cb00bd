package io.leadtriage.local;

/**
 * Why the local run cannot start, said so that the developer knows what to change (a port in use, a setting
 * that is not what it should be). {@link LocalRunner#main} prints the message alone, without a stack trace.
 */
public final class StartFailure extends RuntimeException {
    public StartFailure(String message) {
        super(message);
    }

    public StartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
