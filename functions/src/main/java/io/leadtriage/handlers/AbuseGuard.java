package io.leadtriage.handlers;

import io.leadtriage.handlers.http.ApiError;
import io.leadtriage.wiring.AbuseLimits;
import io.leadtriage.wiring.Services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
