package io.leadtriage.smoke;

import com.sun.net.httpserver.Headers;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's Signature Version 4 the way an AWS service does before anything else runs: the header's
 * shape, the access key, the credential's scope (service and region), the time, the session token, and then the
 * signature itself, recomputed with the SDK's signer from the request as it arrived and the caller's secret.
 * Its refusals are the messages AWS answers with (API Gateway's, for execute-api).
 */
final class SigV4Verifier {
    static final String FORBIDDEN = "Forbidden";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Headers the signer adds itself from the request's URI, its clock and the identity. */
    private static final Set<String> ADDED_BY_SIGNER = Set.of("host", "x-amz-date", "x-amz-security-token");

    private final AwsSessionCredentialsIdentity caller;
    private final String service;
    private final String region;

    SigV4Verifier(AwsSessionCredentialsIdentity caller, String service, String region) {
        this.caller = caller;
        this.service = service;
        this.region = region;
    }

    /** @return empty when the signature is the caller's, else the message AWS refuses the request with */
    Optional<String> refusal(String method, String rawPathAndQuery, Headers headers, byte[] body) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            return Optional.of(FORBIDDEN);
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return Optional.of("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }
        if (!m.group(1).equals(caller.accessKeyId())) {
            return Optional.of(INVALID_TOKEN);
        }
        if (!m.group(4).equals(service)) {
            return Optional.of("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!m.group(3).equals(region)) {
            return Optional.of("Credential should be scoped to a valid region.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(String.valueOf(headers.getFirst("X-Amz-Date"))));
        } catch (DateTimeParseException e) {
            return Optional.of("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return Optional.of("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than the allowed time.");
        }
        if (!caller.sessionToken().equals(headers.getFirst("X-Amz-Security-Token"))) {
            return Optional.of(INVALID_TOKEN);
        }
        SdkHttpRequest.Builder received = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + headers.getFirst("Host") + rawPathAndQuery));
        for (String name : m.group(5).split(";")) {
            String value = headers.getFirst(name);
            if (!ADDED_BY_SIGNER.contains(name) && value != null) {
                received.putHeader(name, value);
            }
        }
        String expected = AwsV4HttpSigner.create().sign(r -> r.identity(caller).request(received.build())
                        .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        return expected.equals(authorization) ? Optional.empty() : Optional.of(SIGNATURE_MISMATCH);
    }
}
