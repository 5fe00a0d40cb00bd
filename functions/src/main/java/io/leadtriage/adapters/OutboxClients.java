package io.leadtriage.adapters;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.util.Objects;

/**
 * How the clients of what the outbox hands over (SES's emails, EventBridge's events) are set up, once for both: the
 * JDK's HTTP client (small, quick cold start), an explicit region, a bounded call, and one quick retry at most, since
 * the outbox retries later with its own backoff without holding a request or the dispatcher on a throttled service.
 * Credentials and endpoint come from the SDK's default chains ({@code AWS_ENDPOINT_URL_<SERVICE>} for a stand-in).
 */
public final class OutboxClients {
    private OutboxClients() {
    }

    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configured(B builder, Region region,
            Duration connectTimeout, Duration socketTimeout, Duration callTimeout) {
        builder.region(Objects.requireNonNull(region, "region"));
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout));
        return builder.overrideConfiguration(c -> c.apiCallTimeout(callTimeout)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build()));
    }
}
