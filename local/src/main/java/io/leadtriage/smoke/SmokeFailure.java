package io.leadtriage.smoke;

/**
 * An expected way for a check (or the start) to fail: no credentials, no such stack, a refused request, the
 * network. Its message is the one line the user reads, saying what happened and what to do; it is printed
 * instead of a stack trace, so it carries none.
 */
class SmokeFailure extends Exception {
    SmokeFailure(String message) {
        super(message, null, false, false);
    }
}
