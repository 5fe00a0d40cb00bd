package io.leadtriage.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations as marketers write them: PT15M, PT1H, P3D, P1W. Months and years are refused:
 * their length varies, and a nurture step needs an exact delay.
 */
final class IsoDurations {
    static final String EXPECTED = "an ISO-8601 duration such as PT15M, P3D or P1W";
    private static final Pattern WEEKS = Pattern.compile("P(\\d{1,4})W");

    private IsoDurations() {
    }

    /** @throws IllegalArgumentException with a sentence for the model's reader */
    static Duration parse(String text) {
        Matcher weeks = WEEKS.matcher(text);
        if (weeks.matches()) {
            return Duration.ofDays(7L * Integer.parseInt(weeks.group(1)));
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT15M, PT1H,"
                    + " P3D or P1W (months and years are not allowed: their length varies)");
        }
    }
}
