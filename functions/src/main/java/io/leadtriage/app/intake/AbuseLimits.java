package io.leadtriage.app.intake;

import java.time.Duration;
import java.util.Map;

/**
 * How many public requests one client, or one email address, may make before getting 429: HTTP APIs
 * have no per-client throttling (and no WAF), so these are counted in DynamoDB, per fixed window.
 *
 * @param perIpPerMinute   form, survey and event posts from one IP address, per minute
 * @param perEmailPerHour  form submissions for one email address, per hour
 */
public record AbuseLimits(int perIpPerMinute, int perEmailPerHour) {
    public static final Duration IP_WINDOW = Duration.ofMinutes(1);
    public static final Duration EMAIL_WINDOW = Duration.ofHours(1);
    public static final AbuseLimits DEFAULTS = new AbuseLimits(60, 20);
    /** For tests and benchmarks that are not about limits. */
    public static final AbuseLimits NONE = new AbuseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public static AbuseLimits fromEnvironment(Map<String, String> env) {
        return new AbuseLimits(
                Integer.parseInt(env.getOrDefault("RATE_LIMIT_PER_IP_PER_MINUTE", String.valueOf(DEFAULTS.perIpPerMinute()))),
                Integer.parseInt(env.getOrDefault("RATE_LIMIT_PER_EMAIL_PER_HOUR", String.valueOf(DEFAULTS.perEmailPerHour()))));
    }
}
