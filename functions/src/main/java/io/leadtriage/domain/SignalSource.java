package io.leadtriage.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who reported a signal, and so how far it can be trusted. The model's behaviour rules say which sources each
 * signal is accepted from ({@code sources: [form, backend]}); a signal from any other source is refused where it
 * arrives, never scored. The wire name is what the model file, the admin API and the stored lead use.
 */
public enum SignalSource implements WireNamed {
    /** The page snippet's beacon, with a lead's form token: whoever holds the token (low trust). */
    PAGE("page", "page activity"),
    /** A form post's own signal (the demo form's demo request), with the answers of that post. */
    FORM("form", "form posts"),
    /** An SES click event on an email sent to the lead, after the link-scanner check. */
    EMAIL("email", "email clicks"),
    /** A product backend, with the ingest key. */
    BACKEND("backend", "product signals");

    private static final Set<SignalType> PAGE_TYPES = EnumSet.of(SignalType.PAGE_VIEW, SignalType.PRICING_PAGE_VIEW,
            SignalType.RESOURCE_DOWNLOAD);

    private final String wireName;
    private final String activity;

    SignalSource(String wireName, String activity) {
        this.wireName = wireName;
        this.activity = activity;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** What signals from this source are, in a sentence a sales rep reads: "page activity". */
    public String activity() {
        return activity;
    }

    public static Optional<SignalSource> fromWireName(String name) {
        return WireNamed.lookUp(SignalSource.class, name);
    }

    /**
     * Whether this source can report {@code type} at all: clicks come only from SES events (where link scanners are
     * told apart), and SES events report nothing else.
     */
    public boolean canSend(SignalType type) {
        return (this == EMAIL) == (type == SignalType.EMAIL_CLICK);
    }

    /**
     * The sources a rule accepts when the model names none, as before sources were in the model: pages may report
     * page views, pricing page views and downloads; forms and backends anything but a click; clicks come from email.
     */
    public static Set<SignalSource> acceptedByDefault(SignalType type) {
        if (type == SignalType.EMAIL_CLICK) {
            return EnumSet.of(EMAIL);
        }
        return PAGE_TYPES.contains(type) ? EnumSet.of(PAGE, FORM, BACKEND) : EnumSet.of(FORM, BACKEND);
    }

    /**
     * The source of a signal stored before sources were recorded: a form's signal (its detail is {@code form:<id>}),
     * an email click, a page view, pricing page view or download as a page's (the least trusted source that could have
     * sent it: a backend's such signals were rare), anything else as a backend's.
     */
    public static SignalSource assumedFor(SignalType type, String detail) {
        if (detail != null && detail.startsWith("form:")) {
            return FORM;
        }
        if (type == SignalType.EMAIL_CLICK) {
            return EMAIL;
        }
        return PAGE_TYPES.contains(type) ? PAGE : BACKEND;
    }

    /** The wire name, so that model files and logs read the way users write them. */
    @Override
    public String toString() {
        return wireName;
    }
}
