package io.leadtriage.handlers;

import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.wiring.AbuseLimits;
import io.leadtriage.wiring.Services;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-client and per-address limits on the public routes, answered with 429 and Retry-After. Counted
 * under hashes, so no IP address or email is stored for it.
 */
final class AbuseGuard {
    private AbuseGuard() {
    }

    /** One request from the client's IP to {@code route} (form, survey, events). */
    static void countClient(Services services, HttpRequest request, String route) {
        String ip = request.sourceIp();
        if (ip == null) {
            return;
        }
        AbuseLimits limits = services.config().limits();
        check(services, "ip:" + route + ":" + hash(ip), limits.perIpPerMinute(), AbuseLimits.IP_WINDOW);
    }

    /** One form submission for this (normalised) email address. */
    static void countEmail(Services services, String email) {
        AbuseLimits limits = services.config().limits();
        check(services, "email:" + hash(email), limits.perEmailPerHour(), AbuseLimits.EMAIL_WINDOW);
    }

    private static void check(Services services, String key, int limit, Duration window) {
        Optional<Duration> wait = services.rateLimiter().acquire(key, limit, window, services.clock().instant());
        if (wait.isPresent()) {
            throw ApiError.rateLimited(wait.get());
        }
    }

    /** The first 128 bits of the SHA-256: enough to tell clients apart, nothing to read an address back from. */
    private static String hash(String value) {
        return Secrets.sha256Hex(value).substring(0, 32);
    }
}
