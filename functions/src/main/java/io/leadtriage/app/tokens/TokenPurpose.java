package io.leadtriage.app.tokens;

import java.time.Duration;

/** What a token lets its bearer do; a token for one purpose is refused for every other. */
public enum TokenPurpose {
    /** Continue a form: post step 2, or the page snippet's behaviour signals; as long as the visit plausibly lasts. */
    FORM("f", Duration.ofDays(7)),
    /** A nurture email's survey link: nurture sequences run for weeks. */
    SURVEY("s", Duration.ofDays(60)),
    /** An email's unsubscribe link must work for as long as the email may be read: over a year. */
    UNSUBSCRIBE("u", Duration.ofDays(400)),
    /** A sales alert's one-click disposition links. */
    DISPOSITION("d", Duration.ofDays(30)),
    /** The double opt-in link: a person may read the email days later. */
    CONFIRM("c", Duration.ofDays(30));

    final String code;
    private final Duration validity;

    TokenPurpose(String code, Duration validity) {
        this.code = code;
        this.validity = validity;
    }

    /** How long a token issued for this purpose works. */
    public Duration validity() {
        return validity;
    }
}
