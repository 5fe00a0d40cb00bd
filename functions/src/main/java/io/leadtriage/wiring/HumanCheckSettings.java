package io.leadtriage.wiring;

import io.leadtriage.adapters.turnstile.TurnstileVerifier;

import java.net.URI;
import java.util.Map;

/**
 * Optional Cloudflare Turnstile verification of step 1 of every form: off unless a secret is set.
 *
 * @param secret   the widget's secret key (from the deployment), or null for no verification
 * @param endpoint the siteverify URL (a local stand-in in tests)
 * @param action   the widget's action to insist on, or null
 */
public record HumanCheckSettings(String secret, URI endpoint, String action) {
    public static final HumanCheckSettings NONE = new HumanCheckSettings(null, TurnstileVerifier.SITEVERIFY, null);

    public boolean enabled() {
        return secret != null && !secret.isBlank();
    }

    /** @param secret the Turnstile secret read from its secret (TURNSTILE_SECRET_ARN), or null */
    static HumanCheckSettings fromEnvironment(Map<String, String> env, String secret) {
        String url = env.get("TURNSTILE_VERIFY_URL");
        return new HumanCheckSettings(secret,
                url == null || url.isBlank() ? TurnstileVerifier.SITEVERIFY : URI.create(url), env.get("TURNSTILE_ACTION"));
    }
}
