package io.leadtriage.app.intake;

import java.time.Duration;
import java.util.Map;

/**
 * How many public requests one client, or one email address, may make before getting 429: HTTP APIs
 * have no per-client throttling (and no WAF), so these are counted in DynamoDB, per fixed window; and how many
 * welcomes (first marketing emails) may go to addresses nobody has shown to be theirs (see
 * {@link io.leadtriage.app.outbox.WelcomeBudget}).
 *
 * @param perIpPerMinute            form, survey and event posts from one IP address, per minute
 * @param perEmailPerHour           form submissions for one email address, per hour
 * @param welcomesPerDomainPerHour  first marketing emails to the addresses of one domain, per hour
 * @param welcomesPerAddressPerWeek first marketing emails to one address (a lead erased and created again gets
 *                                  another), per week
 */
public record AbuseLimits(int perIpPerMinute, int perEmailPerHour, int welcomesPerDomainPerHour,
                          int welcomesPerAddressPerWeek) {
    public static final Duration IP_WINDOW = Duration.ofMinutes(1);
    public static final Duration EMAIL_WINDOW = Duration.ofHours(1);
    public static final AbuseLimits DEFAULTS = new AbuseLimits(60, 20, 50, 2);
    /** For tests and benchmarks that are not about limits. */
    public static final AbuseLimits NONE = new AbuseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    /** The intake limits given, the welcome budget at its defaults. */
    public AbuseLimits(int perIpPerMinute, int perEmailPerHour) {
        this(perIpPerMinute, perEmailPerHour, DEFAULTS.welcomesPerDomainPerHour(), DEFAULTS.welcomesPerAddressPerWeek());
    }

    public static AbuseLimits fromEnvironment(Map<String, String> env) {
        return new AbuseLimits(
                number(env, "RATE_LIMIT_PER_IP_PER_MINUTE", DEFAULTS.perIpPerMinute()),
                number(env, "RATE_LIMIT_PER_EMAIL_PER_HOUR", DEFAULTS.perEmailPerHour()),
                number(env, "WELCOMES_PER_DOMAIN_PER_HOUR", DEFAULTS.welcomesPerDomainPerHour()),
                number(env, "WELCOMES_PER_ADDRESS_PER_WEEK", DEFAULTS.welcomesPerAddressPerWeek()));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)));
    }
}
