package io.leadtriage.app.ports;

/** Server-side verification of a browser challenge (Cloudflare Turnstile, or reCAPTCHA alike). */
public interface HumanCheck {
    enum Verdict {
        PASSED,
        /** The verifier said no (or the hostname or action did not match): refuse the submission. */
        FAILED,
        /** The verifier could not be asked: keep the lead, but mark it spam suspect and alert nobody. */
        UNAVAILABLE
    }

    Verdict verify(String token, String remoteIp);

    /** No verification configured: every submission passes. */
    HumanCheck NONE = (token, ip) -> Verdict.PASSED;
}
