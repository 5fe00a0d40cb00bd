package io.leadtriage.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * A closed set of values stored and exchanged by a lower-case name (the model file, the table, the admin API):
 * {@code pricing_page_view}, {@code page}, {@code sales_alert}. One lookup serves them all, so an unknown name is
 * always an empty answer, never an exception thrown halfway through reading a stored lead.
 */
public interface WireNamed {
    String wireName();

    /** The value of {@code type} named {@code name}; empty for any other text, null included. */
    static <E extends Enum<E> & WireNamed> Optional<E> lookUp(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.wireName().equals(name)).findFirst();
    }
}
