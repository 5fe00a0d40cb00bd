package io.leadtriage.domain.model;

/**
 * Double opt-in: a lead's consent counts for marketing email only once the lead confirms it from the email sent to
 * the address (the {@code template}, which carries {@code {{confirmUrl}}}): whoever typed the address into a form
 * gets nothing more than that one email until its owner says yes.
 */
public record DoubleOptIn(String template) {
}
