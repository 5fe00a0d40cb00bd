package io.leadtriage.smoke;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * HTTP requests as an AWS SDK client sends them, without a service client: signed with Signature Version 4 by
 * the SDK's own signer ({@link AwsV4HttpSigner}, credentials from the provider each time, session token
 * included), sent with the JDK's HTTP client. Used for CloudFormation's Query API and for the API's admin
 * routes (service {@code execute-api}); unsigned requests for the public routes.
 */
final class AwsHttp {
    /** Headers the JDK's client sets itself (Host from the URI, which is what was signed). */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    static final String USER_AGENT = "leadtriage-smoke-test";

    /** Who signs: the service's signing name and the region the credential is scoped to. */
    record Signing(String service, String region) {
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private final HttpClient client;
    private final AwsCredentialsProvider credentials;
    private final Duration timeout;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    AwsHttp(AwsCredentialsProvider credentials, Duration timeout) {
        // HTTP/1.1: the Host header the server sees is exactly the one signed.
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), credentials, timeout);
    }

    AwsHttp(HttpClient client, AwsCredentialsProvider credentials, Duration timeout) {
        this.client = client;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /**
     * @param signing null to send the request unsigned
     * @throws SmokeFailure when the server cannot be reached or answer in time, or the credentials cannot be had
     */
    Response send(String method, URI uri, Map<String, String> headers, byte[] body, Signing signing) throws SmokeFailure {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.putIfAbsent("User-Agent", USER_AGENT);
        if (signing != null) {
            sent = sign(method, uri, sent, body, signing);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        sent.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new SmokeFailure("cannot connect to " + uri.getHost() + " (timed out): check the URL and your network");
        } catch (HttpTimeoutException e) {
            throw new SmokeFailure(uri.getHost() + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new SmokeFailure("cannot connect to " + hostAndPort(uri) + ": check the URL and your network");
        } catch (SSLException e) {
            throw new SmokeFailure("TLS with " + uri.getHost() + " failed: " + e.getMessage());
        } catch (IOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UnknownHostException || e instanceof UnknownHostException) {
                throw new SmokeFailure("no such host " + uri.getHost() + ": check the URL, the region and your network");
            }
            throw new SmokeFailure("the request to " + uri.getHost() + " failed: " + oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmokeFailure("interrupted");
        }
    }

    private Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Signing signing)
            throws SmokeFailure {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed;
        try {
            signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                    .request(unsigned.build())
                    .payload(body == null || body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region()));
        } catch (SdkClientException e) {
            throw new SmokeFailure("no AWS credentials to sign with: " + firstSentence(e.getMessage()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }

    private static String hostAndPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    static String firstSentence(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        int dot = line.indexOf(". ");
        return dot > 0 ? line.substring(0, dot + 1) : line;
    }
}
