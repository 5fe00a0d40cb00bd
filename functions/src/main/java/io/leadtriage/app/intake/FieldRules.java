package io.leadtriage.app.intake;

import io.leadtriage.domain.Fields;
import io.leadtriage.domain.model.Question;
import io.leadtriage.domain.model.QuestionType;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-field validation and normalisation of what people type into forms. Each check returns the
 * normalised value or throws {@link Invalid} with the message shown next to the field.
 */
final class FieldRules {
    /**
     * RFC 5322's dot-atom without {@code ? & = %}: those are legal but unseen in real addresses, and they are what
     * turns an address into a URL's query ({@code x?bcc=spy%40evil.example@acme.io} in a {@code mailto:} link).
     */
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$'*+/^_`{|}~-]+(\\.[A-Za-z0-9!#$'*+/^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]{5,40}");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final int MAX_EMAIL = 254;
    static final int MAX_LOCAL_PART = 64;

    private FieldRules() {
    }

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Lower-cased, IDN domain in punycode, within RFC 5321 lengths. */
    static String email(String raw) {
        String value = raw.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            throw new Invalid("is not an email address");
        }
        String local = value.substring(0, at);
        if (local.length() > MAX_LOCAL_PART) {
            throw new Invalid("has more than 64 characters before the @");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new Invalid("is not an email address");
        }
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("has a domain that is not valid");
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            throw new Invalid("has a domain that is not valid");
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                throw new Invalid("has a domain that is not valid");
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")) {
            throw new Invalid("has a domain that is not valid");
        }
        String email = local.toLowerCase(Locale.ROOT) + "@" + domain;
        if (email.length() > MAX_EMAIL) {
            throw new Invalid("is longer than 254 characters");
        }
        return email;
    }

    static String enumerated(String field, String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (!Fields.ENUMERATED.get(field).contains(value)) {
            throw new Invalid("must be one of: " + String.join(", ", Fields.ENUMERATED.get(field)));
        }
        return value;
    }

    static String slug(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(value).matches()) {
            throw new Invalid("must be lower-case letters, digits and dashes");
        }
        return value;
    }

    static String country(String raw) {
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(value)) {
            throw new Invalid("must be a two-letter country code (ISO 3166), like US or DE");
        }
        return value;
    }

    static String phone(String raw) {
        String value = singleLine(raw, 40);
        if (!PHONE.matcher(value).matches() || value.chars().filter(Character::isDigit).count() < 5) {
            throw new Invalid("is not a phone number");
        }
        return value;
    }

    static String submissionId(String raw) {
        String value = raw.strip();
        if (!UUID.matcher(value).matches()) {
            throw new Invalid("must be a UUID");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static Optional<Boolean> consent(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Optional.of(true);
            case "false", "off", "no", "0", "" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    static String url(String raw) {
        String value = singleLine(raw, 2048);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new Invalid("must be an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new Invalid("must be an http(s) address");
        }
        return value;
    }

    static String timezone(String raw) {
        String value = singleLine(raw, 64);
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new Invalid("must be a time zone such as Europe/Berlin");
        }
    }

    /**
     * An answer to a custom question: a choice's option as the model writes it (case aside), a whole number within
     * the question's range, yes or no, or one line of text within its length.
     */
    static String question(Question q, String raw) {
        return switch (q.type()) {
            case CHOICE, YES_NO -> oneOf(q, raw);
            case NUMBER -> number(q, raw);
            case TEXT -> singleLine(raw, q.textLimit());
        };
    }

    private static String oneOf(Question q, String raw) {
        String value = raw.strip();
        if (q.type() == QuestionType.YES_NO) {
            Optional<Boolean> yes = consent(value);
            if (yes.isPresent() && !value.isEmpty()) {
                return yes.get() ? "yes" : "no";
            }
        }
        for (String option : q.allowedValues()) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        throw new Invalid("must be one of: " + String.join(", ", q.allowedValues()));
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,12}");

    private static String number(Question q, String raw) {
        String value = raw.strip().replace(",", "").replace("_", "");
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new Invalid("must be a whole number");
        }
        long n = Long.parseLong(value);
        if ((q.min() != null && n < q.min()) || (q.max() != null && n > q.max())) {
            throw new Invalid(q.min() != null && q.max() != null ? "must be between " + q.min() + " and " + q.max()
                    : q.min() != null ? "must be " + q.min() + " or more" : "must be " + q.max() + " or less");
        }
        return Long.toString(n);
    }

    /** One line of text: no line breaks or control characters (they could reach an email header). */
    static String singleLine(String raw, int maxLength) {
        String value = raw.strip();
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Invalid("must be a single line of text");
            }
        }
        return bounded(value, maxLength);
    }

    /** Free text over several lines (the qualifying question): tabs and line breaks only. */
    static String multiLine(String raw, int maxLength) {
        String value = raw.strip().replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new Invalid("contains characters that are not text");
            }
        }
        return bounded(value, maxLength);
    }

    private static String bounded(String value, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new Invalid("is longer than " + maxLength + " characters");
        }
        return value;
    }
}
