package io.leadtriage.local;

import io.leadtriage.adapters.ses.SesV2EmailSender;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;

/**
 * Clients of the local stand-ins, for code that runs the functions in this JVM (the local run, tests): the
 * functions' own client settings plus the stand-in's address and placeholder credentials, so that no real
 * credentials are ever sent to a stand-in. Deployed code gets neither: the SDK's default chains find both.
 */
public final class LocalClients {
    /** What the stand-ins accept; never an account's. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalClients() {
    }

    /** SES v2 as the functions build it, sending to an emulator. */
    public static SesV2Client ses(URI endpoint) {
        return SesV2EmailSender.clientBuilder(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(CREDENTIALS).build();
    }
}
