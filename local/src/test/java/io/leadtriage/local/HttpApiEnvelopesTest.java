package io.leadtriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.handlers.http.HttpEventReader;
import io.leadtriage.handlers.http.HttpResponseWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server's envelopes read back by the functions' own reader, and their answers by the server. */
class HttpApiEnvelopesTest {
    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /v1/forms/{formId}")
                .withRawPath("/v1/forms/get-started")
                .withRawQueryString("utm_source=ads&x=%20y")
                .withHeaders(Map.of("content-type", base64 ? "multipart/form-data; boundary=b" : "application/json",
                        "accept", "text/html,application/xhtml+xml"))
                .withCookies(List.of("a=1", "b=2"))
                .withQueryStringParameters(Map.of("utm_source", "ads", "x", " y"))
                .withPathParameters(Map.of("formId", "get-started"))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000").withApiId("local").withDomainName("localhost")
                        .withRequestId("r-1").withRouteKey("POST /v1/forms/{formId}").withStage("$default")
                        .withTime("23/Nov/2026:14:00:00 +0000").withTimeEpoch(1_795_010_400_000L)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/v1/forms/get-started").withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.5").withUserAgent("test").build())
                        .build())
                .build();
    }

    @Test
    void aTextBodyAndABinaryOneReachTheFunctionAsApiGatewaySendsThem() throws IOException {
        String binary = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff});
        for (APIGatewayV2HTTPEvent sent : List.of(event("{\"email\":\"a@example.com\"}", false), event(binary, true))) {
            APIGatewayV2HTTPEvent read = HttpEventReader.read(new ByteArrayInputStream(HttpApiEnvelopes.json(sent)));

            assertThat(read.getIsBase64Encoded()).isEqualTo(sent.getIsBase64Encoded());
            assertThat(read.getBody()).isEqualTo(sent.getBody());
            assertThat(read.getRouteKey()).isEqualTo(sent.getRouteKey());
            assertThat(read.getRawPath()).isEqualTo(sent.getRawPath());
            assertThat(read.getRawQueryString()).isEqualTo(sent.getRawQueryString());
            assertThat(read.getHeaders()).isEqualTo(sent.getHeaders());
            assertThat(read.getCookies()).isEqualTo(sent.getCookies());
            assertThat(read.getQueryStringParameters()).isEqualTo(sent.getQueryStringParameters());
            assertThat(read.getPathParameters()).isEqualTo(sent.getPathParameters());
            assertThat(read.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.5");
            assertThat(read.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
            assertThat(read.getRequestContext().getTimeEpoch()).isEqualTo(1_795_010_400_000L);
            assertThat(read.getRequestContext().getDomainName()).isEqualTo("localhost");
        }
    }

    @Test
    void theFunctionsAnswerComesBackWhole() throws IOException {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(303)
                .withHeaders(Map.of("Location", "https://example.com/next?token=t", "Content-Type", "text/plain"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Accept")))
                .withCookies(List.of("seen=1; Path=/"))
                .withBody("")
                .withIsBase64Encoded(false)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpResponseWriter.write(answer, bytes);

        APIGatewayV2HTTPResponse read = HttpApiEnvelopes.response(bytes.toByteArray());

        assertThat(read.getStatusCode()).isEqualTo(303);
        assertThat(read.getHeaders()).isEqualTo(answer.getHeaders());
        assertThat(read.getMultiValueHeaders()).isEqualTo(answer.getMultiValueHeaders());
        assertThat(read.getCookies()).isEqualTo(answer.getCookies());
        assertThat(read.getBody()).isEmpty();
        assertThat(read.getIsBase64Encoded()).isFalse();
    }
}
